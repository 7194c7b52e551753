"""``chainer.backends.cuda`` (also ``chainer.cuda``): the NumPy/CuPy helpers by Chainer's names.

The work is done in ``minigan.backend``, whose ``cuda`` module is the one that imports CuPy.
Chainer computes ``available``, ``cupy`` and ``ndarray`` by importing CuPy up front; here
they are looked up on first access (module ``__getattr__``), so a CPU-only program never
imports CuPy. Without CuPy, ``cupy`` is a placeholder object (so ``xp is cuda.cupy`` is
False), ``ndarray`` a class no array belongs to, and the device helpers return
``DummyDevice``, as in Chainer.
"""
import warnings

import numpy

from minigan.backend import cuda as _cuda
from minigan.backend.cuda import elementwise, get_array_module, reduce, to_cpu, to_gpu  # NOQA


class DummyDeviceType:
    """The CPU as a ``cupy.cuda.Device`` look-alike: id -1, a no-op context manager."""
    id = -1

    def __int__(self):
        return -1

    def __enter__(self):
        return self

    def __exit__(self, *args):
        pass

    def use(self):
        pass

    def synchronize(self):
        pass

    def __eq__(self, other):
        return isinstance(other, DummyDeviceType)

    def __hash__(self):
        return hash(-1)

    def __repr__(self):
        return '<DummyDevice (CPU)>'


DummyDevice = DummyDeviceType()


class _NoCuPyArray:
    """``cuda.ndarray`` when CuPy is missing: no array is an instance of it."""


_PLACEHOLDER_CUPY = object()


def __getattr__(name):
    # NOTE: PEP 562: computed on first access so that importing this module never imports CuPy
    if name == 'available':
        return _cuda.available()
    if name == 'cupy':
        return _cuda.get_cupy() if _cuda.available() else _PLACEHOLDER_CUPY
    if name == 'ndarray':
        return _cuda.get_cupy().ndarray if _cuda.available() else _NoCuPyArray
    if name == 'cudnn_enabled':
        return False
    raise AttributeError("module 'minigan.backends.cuda' (chainer.cuda) has no attribute %r"
                         % name)


def check_cuda_available():
    """Raise RuntimeError (naming the install command) unless CuPy sees a GPU."""
    if not _cuda.available():
        raise RuntimeError('CUDA environment is not correctly set up. ' + _cuda.INSTALL_HINT)


def _is_device_id(value):
    return isinstance(value, (int, numpy.integer)) and not isinstance(value, bool)


def get_device_from_id(device_id):
    """``cupy.cuda.Device(device_id)`` for an id >= 0, else ``DummyDevice``."""
    if device_id is not None and device_id >= 0:
        check_cuda_available()
        return _cuda.get_cupy().cuda.Device(int(device_id))
    return DummyDevice


def get_device_from_array(*arrays):
    """The ``cupy.cuda.Device`` of the first CuPy array among ``arrays``, else ``DummyDevice``."""
    for array in arrays:
        if _cuda.is_cupy_array(array):
            return array.device
    return DummyDevice


def get_device(*args):
    """Deprecated in Chainer 3: the device of the first integer id or CuPy array in ``args``."""
    warnings.warn('get_device is deprecated. Please use get_device_from_id or '
                  'get_device_from_array instead.', DeprecationWarning, stacklevel=2)
    for arg in args:
        if _is_device_id(arg):
            return get_device_from_id(arg)
        if _cuda.is_cupy_array(arg):
            return arg.device
    return DummyDevice


def memoize(for_each_device=False):
    """Cache a function's results by its arguments (Chainer wraps ``cupy.memoize``)."""
    def decorator(f):
        cache = {}

        def wrapper(*args, **kwargs):
            key = (args, tuple(sorted(kwargs.items())))
            if for_each_device and _cuda.available():
                key += (_cuda.get_cupy().cuda.get_device_id(),)
            if key not in cache:
                cache[key] = f(*args, **kwargs)
            return cache[key]
        wrapper.__wrapped__ = f
        return wrapper
    return decorator
