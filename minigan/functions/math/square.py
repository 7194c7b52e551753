"""Elementwise square: y = x^2, dy/dx = 2x."""
from minigan.core.function_node import FunctionNode


class Square(FunctionNode):
    """y = x^2; gx = 2 x gy."""

    def forward(self, inputs):
        self.retain_inputs((0,))
        x, = inputs
        return x * x,

    def backward(self, indexes, grad_outputs):
        x, = self.get_retained_inputs()
        return grad_outputs[0] * (x * 2),


def square(x):
    """Elementwise square, y = x * x, for x of any shape."""
    return Square().apply((x,))[0]
