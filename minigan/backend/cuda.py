"""The only module that imports CuPy; it does so lazily, on first use.

CPU users never need CuPy. Asking for a GPU without it raises an error that
names the install command. ``elementwise`` declares a fused CUDA kernel that CuPy
compiles the first time it is called.
"""
import numpy

_cupy = None
_import_error = None

INSTALL_HINT = ('CuPy is not installed, so the GPU cannot be used. Install it with '
                '"pip install -e .[cuda]" (or "pip install cupy-cuda12x"), '
                'or pass --device -1 to run on the CPU.')


def _try_import():
    global _cupy, _import_error
    if _cupy is None and _import_error is None:
        try:
            import cupy
            _cupy = cupy
        except Exception as e:  # NOTE: ImportError or a broken CUDA install
            _import_error = e
    return _cupy


def available():
    """True when CuPy imports and sees at least one GPU."""
    cupy = _try_import()
    if cupy is None:
        return False
    try:
        return cupy.cuda.runtime.getDeviceCount() > 0
    except Exception:
        return False


def get_cupy():
    """Return the cupy module or raise a RuntimeError naming the install command."""
    cupy = _try_import()
    if cupy is None:
        raise RuntimeError('%s (import error: %s)' % (INSTALL_HINT, _import_error))
    return cupy


def is_cupy_array(x):
    """True when ``x`` is a cupy.ndarray; never imports CuPy to find out."""
    return _cupy is not None and isinstance(x, _cupy.ndarray)


def get_array_module(*args):
    """cupy if any argument is a CuPy array (or a Variable holding one), else numpy."""
    if _cupy is None:
        return numpy
    for a in args:
        a = getattr(a, 'array', a)
        if isinstance(a, _cupy.ndarray):
            return _cupy
    return numpy


def to_cpu(array):
    """Copy an array (or None) to host memory as a numpy.ndarray."""
    if array is None or isinstance(array, numpy.ndarray):
        return array
    if is_cupy_array(array):
        return array.get()
    return numpy.asarray(array)


def to_gpu(array, device=None):
    """Copy an array (or None) to GPU ``device`` (default: the current one) as a cupy.ndarray."""
    if array is None:
        return None
    cupy = get_cupy()
    if device is None:
        return cupy.asarray(array)
    with cupy.cuda.Device(device):
        return cupy.asarray(array)


class Elementwise:
    """A fused CUDA kernel: one pass over the data instead of one per NumPy-style operation.

    The arguments are cupy.ElementwiseKernel's: typed parameter lists such as
    ``'T x, T slope'`` and ``'T y'`` (``raw`` marks an array indexed by hand with a flat
    index), and a C++ ``operation`` run for every index ``i`` of the output. CuPy is
    imported and the kernel compiled on the first call, so defining one costs nothing on
    a CPU-only install. The fields stay plain strings: ``minigan.testing.cpu_elementwise``
    compiles the same operation with the C++ compiler to check it without a GPU.
    """

    #: every kernel defined so far, so tests can check that each one runs
    instances = []

    def __init__(self, in_params, out_params, operation, name, **options):
        self.in_params, self.out_params = in_params, out_params
        self.operation, self.name = operation, name
        self.options = options  # NOTE: cupy's keywords (preamble, ...), for user kernels
        self._kernel = None
        Elementwise.instances.append(self)

    def __call__(self, *args, **kwargs):
        if self._kernel is None:
            self._kernel = get_cupy().ElementwiseKernel(
                self.in_params, self.out_params, self.operation, self.name, **self.options)
        return self._kernel(*args, **kwargs)

    def __repr__(self):
        return 'Elementwise(%s: %s -> %s)' % (self.name, self.in_params, self.out_params)


def elementwise(in_params, out_params, operation, name, **options):
    """Chainer's ``cuda.elementwise``: an ``Elementwise`` kernel, compiled on first use."""
    return Elementwise(in_params, out_params, operation, name, **options)


class Reduction:
    """A CUDA reduction kernel (cupy.ReductionKernel), compiled on the first call.

    ``map_expr`` maps each input element, ``reduce_expr`` combines two mapped values ``a``
    and ``b``, ``post_map_expr`` turns the result ``a`` into the output; ``identity`` is
    the reduction's starting value.
    """

    def __init__(self, in_params, out_params, map_expr, reduce_expr, post_map_expr,
                 identity, name, **options):
        self.arguments = (in_params, out_params, map_expr, reduce_expr, post_map_expr,
                          identity, name)
        self.options = options
        self._kernel = None

    def __call__(self, *args, **kwargs):
        if self._kernel is None:
            self._kernel = get_cupy().ReductionKernel(*self.arguments, **self.options)
        return self._kernel(*args, **kwargs)


def reduce(in_params, out_params, map_expr, reduce_expr, post_map_expr, identity, name,
           **options):
    """Chainer's ``cuda.reduce``: a ``Reduction`` kernel, compiled on first use."""
    return Reduction(in_params, out_params, map_expr, reduce_expr, post_map_expr, identity,
                     name, **options)


NCCL_HINT = ('NCCL is not available through CuPy, so --communicator pure_nccl cannot be used; '
             'install CuPy with NCCL ("pip install -e .[cuda]" brings cupy-cuda12x, which loads '
             'the nvidia-nccl-cu12 wheel), or use --communicator flat')


def get_nccl():
    """Return ``cupy.cuda.nccl`` (NVIDIA's collective library through CuPy) or raise a
    RuntimeError saying how to get it; ``minigan.distributed``'s pure_nccl uses it."""
    get_cupy()
    try:
        from cupy.cuda import nccl
    except Exception as e:  # NOTE: ImportError, or a libnccl that fails to load
        raise RuntimeError('%s (import error: %s)' % (NCCL_HINT, e))
    if not getattr(nccl, 'available', True):
        raise RuntimeError(NCCL_HINT)
    return nccl
