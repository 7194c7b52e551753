"""Sum over axes; backward broadcasts the gradient back to the input's shape."""
from minigan.core.function_node import FunctionNode
from minigan.functions.array.broadcast import broadcast_to
from minigan.functions.array.reshape import reshape


def _normalize_axis(axis, ndim):
    """``axis`` (None, an int or a tuple) as a sorted tuple of non-negative axes."""
    if axis is None:
        return tuple(range(ndim))
    if not isinstance(axis, (tuple, list)):
        axis = (axis,)
    return tuple(sorted(a % ndim for a in axis))


class Sum(FunctionNode):
    """y = sum of x over ``axis``; gx = gy broadcast back to x.shape."""

    def __init__(self, axis=None, keepdims=False):
        self.axis, self.keepdims = axis, keepdims

    def forward(self, inputs):
        x, = inputs
        self._in_shape = x.shape
        self._axis = _normalize_axis(self.axis, x.ndim)
        return x.sum(axis=self._axis, keepdims=self.keepdims),

    def backward(self, indexes, grad_outputs):
        gy, = grad_outputs
        kept_shape = tuple(1 if i in self._axis else n for i, n in enumerate(self._in_shape))
        return broadcast_to(reshape(gy, kept_shape), self._in_shape),


def sum(x, axis=None, keepdims=False):
    """Sum of ``x`` over ``axis`` (an int, a tuple, or None for all axes)."""
    return Sum(axis, keepdims).apply((x,))[0]


def mean(x, axis=None, keepdims=False):
    """Mean over ``axis``: sum divided by the number of summed elements."""
    ndim = x.ndim
    count = 1
    for a in _normalize_axis(axis, ndim):
        count *= x.shape[a]
    return sum(x, axis, keepdims) * (1.0 / count)
