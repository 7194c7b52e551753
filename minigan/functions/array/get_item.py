"""Indexing ``x[slices]`` (basic and advanced); backward scatters the gradient back.

Repeated indices accumulate, as the adjoint of a gather must.
"""
from minigan.backend import get_array_module
from minigan.core.function_node import FunctionNode
from minigan.core.variable import Variable


def _plain_slices(slices):
    if not isinstance(slices, tuple):
        slices = (slices,)
    return tuple(s.array if isinstance(s, Variable) else s for s in slices)


class GetItem(FunctionNode):
    """y = x[slices]; gx = gy scattered back into zeros of x's shape."""

    def __init__(self, slices):
        self.slices = _plain_slices(slices)

    def forward(self, inputs):
        x, = inputs
        self._in_shape, self._dtype = x.shape, x.dtype
        return x[self.slices],

    def backward(self, indexes, grad_outputs):
        return GetItemGrad(self.slices, self._in_shape, self._dtype).apply(grad_outputs)


class GetItemGrad(FunctionNode):
    """Scatter-add ``gy`` into zeros of the input's shape: the adjoint of GetItem."""

    def __init__(self, slices, in_shape, dtype):
        self.slices, self.in_shape, self.dtype = slices, in_shape, dtype

    def forward(self, inputs):
        gy, = inputs
        xp = get_array_module(gy)
        gx = xp.zeros(self.in_shape, self.dtype)
        # NOTE: add.at (NumPy, and CuPy since v12) sums repeated indices instead of keeping one
        xp.add.at(gx, self.slices, gy)
        return gx,

    def backward(self, indexes, grad_outputs):
        return get_item(grad_outputs[0], self.slices),


def get_item(x, slices):
    """``x[slices]`` as a differentiable function."""
    return GetItem(slices).apply((x,))[0]
