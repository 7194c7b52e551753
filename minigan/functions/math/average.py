"""Weighted average over axes: y = sum(w * x) / sum(w), a composition of sum and divide."""
from minigan.core.variable import as_variable
from minigan.functions.array.broadcast import broadcast_to
from minigan.functions.array.reshape import reshape
from minigan.functions.math.sum import mean, sum


def average(x, axis=None, weights=None, keepdims=False):
    """Chainer's F.average: the mean of ``x``, or its weighted mean when ``weights`` is given.

    ``weights``: same shape as ``x``, or 1-D along an int ``axis``. Without weights this is
    ``mean(x, axis, keepdims)``.
    """
    x = as_variable(x)
    if weights is None:
        return mean(x, axis, keepdims)
    weights = as_variable(weights)
    if weights.shape != x.shape:
        if weights.ndim != 1 or not isinstance(axis, int):
            raise ValueError('weights must have the shape of x, or be 1-D along an int axis')
        if weights.shape[0] != x.shape[axis]:
            raise ValueError('weights of length %d do not match axis %d of size %d'
                             % (weights.shape[0], axis, x.shape[axis]))
        shape = [1] * x.ndim
        shape[axis] = weights.shape[0]
        weights = broadcast_to(reshape(weights, tuple(shape)), x.shape)
    return sum(x * weights, axis, keepdims) / sum(weights, axis, keepdims)
