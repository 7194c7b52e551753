"""Global and thread-local configuration, as in Chainer.

``config.train`` switches layers such as BatchNormalization and dropout between
training and inference; ``config.enable_backprop`` decides whether functions
record the computational graph; ``config.dtype`` is the dtype of new parameters;
``config.type_check`` runs a FunctionNode's ``check_type_forward`` before its forward.
The other entries exist because Chainer programs read or set them (cuDNN, iDeep, autotune
switches); minigan accepts them and has nothing to switch.
"""
import contextlib
import threading

import numpy


class _Mixed16:
    """Chainer's ``mixed16`` dtype: float16 activations with float32 parameters."""
    dtype = numpy.dtype(numpy.float16)

    def __repr__(self):
        return "dtype('mixed16')"


mixed16 = _Mixed16()


class _GlobalConfig:
    train = True
    enable_backprop = True
    debug = False
    type_check = True
    dtype = numpy.dtype(numpy.float32)
    keep_graph_on_report = False
    # NOTE: accepted for Chainer programs that set them; minigan has no cuDNN or iDeep path
    use_cudnn = 'auto'
    use_cudnn_tensor_core = 'auto'
    cudnn_deterministic = False
    autotune = False
    use_ideep = 'never'
    lazy_grad_sum = False
    use_static_graph = True
    schedule_func = None
    warn_nondeterministic = False
    compute_mode = None


global_config = _GlobalConfig()


class _LocalConfig(threading.local):
    """Per-thread overrides that fall back to ``global_config``."""

    def __getattr__(self, name):
        return getattr(global_config, name)

    def __repr__(self):
        keys = sorted(k for k in dir(global_config) if not k.startswith('_'))
        return 'Config(%s)' % ', '.join('%s=%r' % (k, getattr(self, k)) for k in keys)


config = _LocalConfig()


@contextlib.contextmanager
def using_config(name, value):
    """Temporarily set ``config.<name>`` to ``value`` in this thread."""
    has_old = name in config.__dict__
    old = config.__dict__.get(name)
    setattr(config, name, value)
    try:
        yield
    finally:
        if has_old:
            setattr(config, name, old)
        else:
            delattr(config, name)


def no_backprop_mode():
    """Functions called inside this context build no graph."""
    return using_config('enable_backprop', False)


def force_backprop_mode():
    """Functions called inside this context build a graph even inside no_backprop_mode."""
    return using_config('enable_backprop', True)


def get_dtype(dtype=None, map_mixed16=None):
    """``numpy.dtype(dtype)``, or ``config.dtype`` when ``dtype`` is None (Chainer's).

    map_mixed16: what ``mixed16`` stands for here (parameters use float32); None: float16.
    """
    if dtype is None:
        dtype = config.dtype
    if dtype is mixed16 and map_mixed16 is not None:
        dtype = map_mixed16
    return numpy.dtype(dtype)
