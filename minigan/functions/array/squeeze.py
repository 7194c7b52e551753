"""Remove axes of length one, as a reshape."""
from minigan.core.variable import as_variable
from minigan.functions.array.reshape import reshape


def squeeze(x, axis=None):
    """Drop the length-1 axes of ``x``: all of them, or only ``axis`` (an int or a tuple)."""
    x = as_variable(x)
    if axis is None:
        axes = [i for i, n in enumerate(x.shape) if n == 1]
    else:
        axes = [a % x.ndim for a in (axis if isinstance(axis, (tuple, list)) else (axis,))]
        for a in axes:
            if x.shape[a] != 1:
                raise ValueError('cannot squeeze axis %d of size %d' % (a, x.shape[a]))
    shape = tuple(n for i, n in enumerate(x.shape) if i not in axes)
    return reshape(x, shape)
