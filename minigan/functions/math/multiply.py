"""Elementwise product with broadcasting: y = a * b, dy/da = b, dy/db = a."""
from minigan.core.function_node import FunctionNode
from minigan.functions.array.broadcast import sum_to


class Multiply(FunctionNode):
    """y = a * b (broadcast); ga = sum_to(gy * b), gb = sum_to(gy * a)."""

    def forward(self, inputs):
        self.retain_inputs((0, 1))
        a, b = inputs
        return a * b,

    def backward(self, indexes, grad_outputs):
        a, b = self.get_retained_inputs()
        gy, = grad_outputs
        return tuple(sum_to(gy * (b if i == 0 else a), (a, b)[i].shape) for i in indexes)


def multiply(a, b):
    """Elementwise a * b with NumPy broadcasting (also ``a * b`` on Variables)."""
    return Multiply().apply((a, b))[0]
