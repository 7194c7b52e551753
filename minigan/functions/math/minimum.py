"""Elementwise minimum of two arrays: y = min(a, b).

The gradient goes to ``a`` where a <= b and to ``b`` elsewhere (a ``where``).
"""
from minigan.backend import get_array_module
from minigan.core.function_node import FunctionNode
from minigan.functions.array.broadcast import sum_to
from minigan.functions.array.where import where


class Minimum(FunctionNode):
    def forward(self, inputs):
        self.retain_inputs((0, 1))
        a, b = inputs
        return get_array_module(a).minimum(a, b),

    def backward(self, indexes, grad_outputs):
        a, b = self.get_retained_inputs()
        gy, = grad_outputs
        mask = a.array <= b.array
        zero = gy.xp.zeros((), gy.dtype)
        ret = []
        for i in indexes:
            g = where(mask, gy, zero) if i == 0 else where(mask, zero, gy)
            ret.append(sum_to(g, (a, b)[i].shape))
        return tuple(ret)


def minimum(a, b):
    """Elementwise minimum of ``a`` and ``b`` (Variables or arrays of broadcastable shapes)."""
    return Minimum().apply((a, b))[0]
