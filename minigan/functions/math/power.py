"""Elementwise power with broadcasting: y = a ** b.

dy/da = b * a ** (b - 1) and dy/db = y * log(a).
"""
from minigan.core.function_node import FunctionNode
from minigan.functions.array.broadcast import sum_to


class Power(FunctionNode):
    """y = a ** b (broadcast); ga = gy b a^(b - 1), gb = gy y log(a)."""

    def forward(self, inputs):
        self.retain_inputs((0, 1))
        a, b = inputs
        return a ** b,

    def backward(self, indexes, grad_outputs):
        from minigan.functions.math.exponential import log
        a, b = self.get_retained_inputs()
        gy, = grad_outputs
        ret = []
        for i in indexes:
            if i == 0:
                ret.append(sum_to(gy * b * a ** (b - 1), a.shape))
            else:
                ret.append(sum_to(gy * a ** b * log(a), b.shape))
        return tuple(ret)


def power(a, b):
    """Elementwise a ** b with NumPy broadcasting (also ``a ** b``); gb needs a > 0."""
    return Power().apply((a, b))[0]
