"""Softplus: y = log(1 + exp(beta x)) / beta, dy/dx = sigmoid(beta x).

Computed as max(beta x, 0) + log1p(exp(-|beta x|)) / beta so that it never overflows.
"""
from minigan.backend import get_array_module
from minigan.core.function_node import FunctionNode
from minigan.functions.activation.sigmoid import sigmoid


class Softplus(FunctionNode):
    """y = log(1 + e^(beta x)) / beta; gx = gy sigmoid(beta x)."""

    def __init__(self, beta=1.0):
        self.beta = beta

    def forward(self, inputs):
        self.retain_inputs((0,))
        x, = inputs
        xp = get_array_module(x)
        bx = x * x.dtype.type(self.beta)
        y = xp.abs(bx)
        xp.negative(y, out=y)
        xp.exp(y, out=y)
        xp.log1p(y, out=y)
        y += xp.maximum(bx, x.dtype.type(0), out=bx)
        y *= x.dtype.type(1.0 / self.beta)
        return y,

    def backward(self, indexes, grad_outputs):
        x, = self.get_retained_inputs()
        return grad_outputs[0] * sigmoid(x * self.beta),


def softplus(x, beta=1.0):
    """Elementwise smooth ReLU, log(1 + exp(beta x)) / beta, for x of any shape."""
    return Softplus(beta).apply((x,))[0]
