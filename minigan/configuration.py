"""Global and thread-local configuration, as in Chainer.

``config.train`` switches layers such as BatchNormalization and dropout between
training and inference; ``config.enable_backprop`` decides whether functions
record the computational graph.
"""
import contextlib
import threading


class _GlobalConfig:
    train = True
    enable_backprop = True
    debug = False


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
