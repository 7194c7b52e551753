"""Run minigan's CuPy code paths on the CPU, to test them on a machine without a GPU.

Inside ``emulated_gpu()``:

- ``EmulatedArray``, a NumPy array subclass, plays the part of cupy.ndarray:
  ``get_array_module`` returns a stand-in module for it, so every ``if xp is not numpy``
  branch is taken;
- the stand-in module is NumPy, except that arrays it creates are EmulatedArrays and its
  ``ElementwiseKernel`` compiles a kernel's C++ body for the CPU
  (``minigan.testing.cpu_elementwise``) instead of for the GPU.

So the GPU branches, the kernels' index arithmetic and their C++ run for real; CUDA itself
(threads, device memory, NVRTC) does not. The context yields a ``KernelLog``: how often
each kernel ran, and the argument types of every call (to compile them with NVRTC).
"""
import collections
import contextlib
import types

import numpy

from minigan.backend import cuda
from minigan.testing.cpu_elementwise import run_elementwise


class EmulatedArray(numpy.ndarray):
    """A NumPy array that minigan takes for a CuPy array inside ``emulated_gpu()``."""


def send(array):
    """A copy of ``array`` as an EmulatedArray (the emulation's ``to_gpu``)."""
    return numpy.array(array).view(EmulatedArray)


class KernelLog(collections.Counter):
    """Kernel name -> calls; ``signatures`` holds (kernel, argument types) per distinct call.

    An argument's type is ('array', dtype, ndim, C-contiguous) or ('scalar', Python type).
    """

    def __init__(self):
        super().__init__()
        self.signatures = set()

    def record(self, kernel, args):
        self[kernel.name] += 1
        self.signatures.add((kernel.name, tuple(
            ('array', a.dtype.str, a.ndim, a.flags.c_contiguous)
            if isinstance(a, numpy.ndarray) else ('scalar', type(a).__name__)
            for a in args)))


class _CpuElementwiseKernel:
    """cupy.ElementwiseKernel's interface, running the body through the C++ compiler."""

    def __init__(self, in_params, out_params, operation, name, calls):
        self.in_params, self.out_params = in_params, out_params
        self.operation, self.name, self.calls = operation, name, calls

    def __call__(self, *args):
        plain = [a.view(numpy.ndarray) if isinstance(a, numpy.ndarray) else a for a in args]
        run_elementwise(self, *plain)
        self.calls.record(self, args)
        n_out = len([p for p in self.out_params.split(',') if p.strip()])
        outs = args[len(args) - n_out:]
        return outs[0] if n_out == 1 else tuple(outs)


def _creating(function):
    """Wrap a NumPy function so that the arrays it returns are EmulatedArrays."""
    def wrapped(*args, **kwargs):
        result = function(*args, **kwargs)
        if type(result) is numpy.ndarray:
            return result.view(EmulatedArray)
        return result
    return wrapped


class _EmulatedCupy(types.ModuleType):
    """NumPy under CuPy's name: its functions return EmulatedArrays."""

    ndarray = EmulatedArray

    def __init__(self, calls):
        super().__init__('emulated_cupy')
        self.calls = calls

    def ElementwiseKernel(self, in_params, out_params, operation, name='kernel'):
        return _CpuElementwiseKernel(in_params, out_params, operation, name, self.calls)

    def __getattr__(self, name):
        attribute = getattr(numpy, name)
        # NOTE: ufuncs already return the subclass of their inputs, and keep .at and .reduce
        if callable(attribute) and not isinstance(attribute, (type, numpy.ufunc)):
            return _creating(attribute)
        return attribute


@contextlib.contextmanager
def emulated_gpu():
    """Make minigan treat EmulatedArrays as CuPy arrays; yields the KernelLog of the run."""
    calls = KernelLog()
    saved = cuda._cupy
    _forget_compiled_kernels()
    cuda._cupy = _EmulatedCupy(calls)
    try:
        yield calls
    finally:
        cuda._cupy = saved
        _forget_compiled_kernels()


def _forget_compiled_kernels():
    # NOTE: an Elementwise keeps the kernel it built; drop it when CuPy changes identity
    for kernel in cuda.Elementwise.instances:
        kernel._kernel = None
