"""Elementwise absolute value: y = |x|, dy/dx = sign(x) (0 at the kink x = 0)."""
from minigan.backend import get_array_module
from minigan.core.function_node import FunctionNode


class Absolute(FunctionNode):
    """y = |x|; gx = sign(x) gy."""

    def forward(self, inputs):
        self.retain_inputs((0,))
        return get_array_module(inputs[0]).abs(inputs[0]),

    def backward(self, indexes, grad_outputs):
        x, = self.get_retained_inputs()
        # NOTE: sign(x) is a constant almost everywhere, so multiplying by it keeps the
        # gradient differentiable (its own derivative is zero away from the kink).
        return grad_outputs[0] * x.xp.sign(x.array),


def absolute(x):
    """Elementwise |x| for x of any shape (also ``abs(variable)``)."""
    return Absolute().apply((x,))[0]
