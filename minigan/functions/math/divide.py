"""Elementwise division with broadcasting: y = a / b, dy/da = 1/b, dy/db = -a/b^2."""
from minigan.core.function_node import FunctionNode
from minigan.functions.array.broadcast import sum_to


class Divide(FunctionNode):
    """y = a / b (broadcast); ga = sum_to(gy / b), gb = sum_to(-gy a / b^2)."""

    def forward(self, inputs):
        self.retain_inputs((0, 1))
        a, b = inputs
        return a / b,

    def backward(self, indexes, grad_outputs):
        a, b = self.get_retained_inputs()
        gy, = grad_outputs
        ga = gy / b
        ret = []
        for i in indexes:
            ret.append(sum_to(ga, a.shape) if i == 0 else sum_to(-ga * a / b, b.shape))
        return tuple(ret)


def divide(a, b):
    """Elementwise a / b with NumPy broadcasting (also ``a / b`` on Variables)."""
    return Divide().apply((a, b))[0]
