"""Maximum and minimum over axes: y = max_axis x (or min).

The gradient flows to the elements equal to the result (all of them on ties,
as in Chainer); selecting is linear in ``gy``, so it is twice differentiable.
"""
from minigan.backend import get_array_module
from minigan.core.function_node import FunctionNode
from minigan.functions.array.broadcast import broadcast_to
from minigan.functions.array.reshape import reshape
from minigan.functions.array.where import where
from minigan.functions.math.sum import _normalize_axis


class _Extremum(FunctionNode):
    reduce = None  # 'max' or 'min'

    def __init__(self, axis=None, keepdims=False):
        self.axis, self.keepdims = axis, keepdims

    def forward(self, inputs):
        self.retain_inputs((0,))
        self.retain_outputs((0,))
        x, = inputs
        self._axis = _normalize_axis(self.axis, x.ndim)
        xp = get_array_module(x)
        return getattr(xp, self.reduce)(x, axis=self._axis, keepdims=self.keepdims),

    def backward(self, indexes, grad_outputs):
        x, = self.get_retained_inputs()
        y, = self.get_retained_outputs()
        kept = tuple(1 if i in self._axis else n for i, n in enumerate(x.shape))
        selected = x.array == y.array.reshape(kept)
        gy = broadcast_to(reshape(grad_outputs[0], kept), x.shape)
        return where(selected, gy, gy.xp.zeros((), gy.dtype)),


class Max(_Extremum):
    """y = max of x over ``axis``; the gradient goes to the maxima."""
    reduce = 'amax'


class Min(_Extremum):
    """y = min of x over ``axis``; the gradient goes to the minima."""
    reduce = 'amin'


def max(x, axis=None, keepdims=False):
    """Maximum of ``x`` over ``axis`` (an int, a tuple, or None for all axes)."""
    return Max(axis, keepdims).apply((x,))[0]


def min(x, axis=None, keepdims=False):
    """Minimum of ``x`` over ``axis`` (an int, a tuple, or None for all axes)."""
    return Min(axis, keepdims).apply((x,))[0]
