"""Elementwise maximum of two arrays: y = max(a, b).

The gradient goes to ``a`` where a >= b and to ``b`` elsewhere (a ``where``).
"""
import operator

from minigan.backend import get_array_module
from minigan.core.function_node import FunctionNode
from minigan.functions.array.broadcast import sum_to
from minigan.functions.array.where import where


class Maximum(FunctionNode):
    """y = max(a, b) elementwise; gy goes to a where a >= b, to b elsewhere."""
    ufunc = 'maximum'
    a_wins = staticmethod(operator.ge)  # NOTE: on ties the gradient goes to ``a``

    def forward(self, inputs):
        self.retain_inputs((0, 1))
        a, b = inputs
        return getattr(get_array_module(a), self.ufunc)(a, b),

    def backward(self, indexes, grad_outputs):
        a, b = self.get_retained_inputs()
        gy, = grad_outputs
        mask = self.a_wins(a.array, b.array)
        zero = gy.xp.zeros((), gy.dtype)
        ret = []
        for i in indexes:
            g = where(mask, gy, zero) if i == 0 else where(mask, zero, gy)
            ret.append(sum_to(g, (a, b)[i].shape))
        return tuple(ret)


def maximum(a, b):
    """Elementwise maximum of ``a`` and ``b`` (Variables or arrays of broadcastable shapes)."""
    return Maximum().apply((a, b))[0]
