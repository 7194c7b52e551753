"""Clip values into [x_min, x_max]; the gradient passes only where x was inside."""
from minigan.backend import get_array_module
from minigan.core.function_node import FunctionNode
from minigan.functions.array.where import where


class Clip(FunctionNode):
    """y = min(max(x, x_min), x_max); gx = gy where x_min <= x <= x_max, else 0."""

    def __init__(self, x_min, x_max):
        if x_min is None and x_max is None:
            raise ValueError('clip needs x_min or x_max')
        self.x_min, self.x_max = x_min, x_max

    def forward(self, inputs):
        self.retain_inputs((0,))
        x, = inputs
        return get_array_module(x).clip(x, self.x_min, self.x_max).astype(x.dtype, copy=False),

    def backward(self, indexes, grad_outputs):
        x, = self.get_retained_inputs()
        gy, = grad_outputs
        inside = x.xp.ones(x.shape, bool)
        if self.x_min is not None:
            inside &= x.array >= self.x_min
        if self.x_max is not None:
            inside &= x.array <= self.x_max
        return where(inside, gy, gy.xp.zeros((), gy.dtype)),


def clip(x, x_min, x_max):
    """Elementwise y = min(max(x, x_min), x_max); either bound may be None."""
    return Clip(x_min, x_max).apply((x,))[0]
