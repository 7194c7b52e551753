"""Insert an axis of length one, as a reshape."""
from minigan.core.variable import as_variable
from minigan.functions.array.reshape import reshape


def expand_dims(x, axis):
    """y has ``x.ndim + 1`` axes with a new axis of length 1 at ``axis`` (negative counts
    from the end of y, as in numpy.expand_dims)."""
    x = as_variable(x)
    if axis < 0:
        axis += x.ndim + 1
    shape = x.shape[:axis] + (1,) + x.shape[axis:]
    return reshape(x, shape)
