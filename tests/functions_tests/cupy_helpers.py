"""Shared by the test_cupy.py files: run a function on NumPy and on CuPy and compare.

Each comparison runs on two devices: ``cupy`` (a real GPU, skipped without one) and
``emulated`` (the same CuPy branches on the CPU, with the CUDA kernels' C++ compiled for the
CPU: minigan.testing.emulated_gpu; skipped without a C++ compiler).
"""
import contextlib

import numpy
import pytest

import minigan
from minigan import Variable
from minigan.backend import cuda
from minigan.testing import cpu_elementwise, emulated_gpu

RNG = numpy.random.RandomState(0)

#: (send, context): how arrays reach the device, and the context the run needs
DEVICES = [
    pytest.param((cuda.to_gpu, contextlib.nullcontext), id='cupy',
                 marks=pytest.mark.skipif(not cuda.available(), reason='needs CuPy and a GPU')),
    pytest.param((emulated_gpu.send, emulated_gpu.emulated_gpu), id='emulated',
                 marks=pytest.mark.skipif(cpu_elementwise.compiler() is None,
                                          reason='needs a C++ compiler')),
]


def signed(*shape):
    """float32 values with |x| in [0.2, 1]: away from every kink at 0."""
    return (RNG.uniform(0.2, 1.0, shape) * RNG.choice([-1, 1], shape)).astype(numpy.float32)


def run(func, arrays, send):
    """Outputs and input gradients of ``func`` on ``arrays`` sent to a device, as NumPy."""
    xs = [Variable(send(a)) for a in arrays]
    ys = func(*xs)
    ys = ys if isinstance(ys, tuple) else (ys,)
    targets = [x for x in xs if x.dtype.kind == 'f']
    grads = minigan.grad(list(ys), targets)
    assert all(y.dtype == numpy.float32 for y in ys if y.dtype.kind == 'f')
    return ([cuda.to_cpu(y.array) for y in ys],
            [None if g is None else cuda.to_cpu(g.array) for g in grads])


def assert_cupy_matches_numpy(func, arrays, device, rtol=1e-5, atol=1e-6):
    """``func``'s outputs and input gradients agree on NumPy and on ``device`` (see DEVICES)."""
    send, context = device
    ys_cpu, gs_cpu = run(func, arrays, cuda.to_cpu)
    with context():
        ys_gpu, gs_gpu = run(func, arrays, send)
    for a, b in zip(ys_cpu + gs_cpu, ys_gpu + gs_gpu):
        if a is None:
            assert b is None
        else:
            numpy.testing.assert_allclose(b, a, rtol=rtol, atol=atol)
