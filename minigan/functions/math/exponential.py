"""exp and log: y = e^x (dy/dx = y) and y = ln x (dy/dx = 1/x)."""
from minigan.backend import get_array_module
from minigan.core.function_node import FunctionNode


class Exp(FunctionNode):
    """y = e^x; gx = gy y, from the retained output."""

    def forward(self, inputs):
        self.retain_outputs((0,))
        return get_array_module(inputs[0]).exp(inputs[0]),

    def backward(self, indexes, grad_outputs):
        y, = self.get_retained_outputs()
        return grad_outputs[0] * y,


class Log(FunctionNode):
    """y = ln x; gx = gy / x, from the retained input."""

    def forward(self, inputs):
        self.retain_inputs((0,))
        return get_array_module(inputs[0]).log(inputs[0]),

    def backward(self, indexes, grad_outputs):
        x, = self.get_retained_inputs()
        return grad_outputs[0] / x,


def exp(x):
    """Elementwise e^x for x of any shape."""
    return Exp().apply((x,))[0]


def log(x):
    """Elementwise natural logarithm ln x for x of any shape (x > 0)."""
    return Log().apply((x,))[0]
