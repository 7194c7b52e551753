"""y = -x."""
from minigan.core.function_node import FunctionNode


class Negative(FunctionNode):
    """y = -x; gx = -gy."""

    def forward(self, inputs):
        return -inputs[0],

    def backward(self, indexes, grad_outputs):
        return negative(grad_outputs[0]),


def negative(x):
    """Elementwise -x (also ``-variable``)."""
    return Negative().apply((x,))[0]
