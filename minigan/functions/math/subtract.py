"""Elementwise subtraction with broadcasting: y = a - b."""
from minigan.core.function_node import FunctionNode
from minigan.functions.array.broadcast import sum_to


class Subtract(FunctionNode):
    """y = a - b (broadcast); ga = sum_to(gy), gb = sum_to(-gy)."""

    def forward(self, inputs):
        a, b = inputs
        self._shapes = (a.shape, b.shape)
        return a - b,

    def backward(self, indexes, grad_outputs):
        gy, = grad_outputs
        return tuple(sum_to(gy if i == 0 else -gy, self._shapes[i]) for i in indexes)


def subtract(a, b):
    """Elementwise a - b with NumPy broadcasting (also ``a - b`` on Variables)."""
    return Subtract().apply((a, b))[0]
