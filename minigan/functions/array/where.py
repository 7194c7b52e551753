"""Elementwise choice: y = condition ? x : y, with broadcasting.

The condition is a constant boolean mask, so the gradient routes ``gy`` to
``x`` where it is True and to ``y`` where it is False; routing is linear, so
the backward is again a ``where`` and double backprop comes for free.
"""
from minigan.backend import get_array_module
from minigan.core.function_node import FunctionNode
from minigan.core.variable import as_array
from minigan.functions.array.broadcast import sum_to


class Where(FunctionNode):
    """y = condition ? x : y; gx = gy where the condition holds, gy's rest to y."""

    def __init__(self, condition):
        self.condition = condition

    def forward(self, inputs):
        x, y = inputs
        self._shapes = (x.shape, y.shape)
        return get_array_module(x).where(self.condition, x, y),

    def backward(self, indexes, grad_outputs):
        gy, = grad_outputs
        zero = gy.xp.zeros((), gy.dtype)
        ret = []
        for i in indexes:
            g = where(self.condition, gy, zero) if i == 0 else where(self.condition, zero, gy)
            ret.append(sum_to(g, self._shapes[i]))
        return tuple(ret)


def where(condition, x, y):
    """Pick ``x`` where ``condition`` is True and ``y`` elsewhere (Chainer's F.where).

    ``condition``: boolean array or Variable; ``x``, ``y``: Variables or arrays whose
    shapes broadcast with it. Only ``x`` and ``y`` receive gradients.
    """
    return Where(as_array(condition)).apply((x, y))[0]
