"""Log-softmax over an axis: y = x - logsumexp(x), computed without overflow.

Backward: gx = gy - exp(y) * sum(gy), from the retained output.
"""
from minigan.backend import get_array_module
from minigan.core.function_node import FunctionNode
from minigan.functions.math.exponential import exp
from minigan.functions.math.sum import sum


class LogSoftmax(FunctionNode):
    """y = x - log sum e^x along ``axis``; gx = gy - e^y sum(gy)."""

    def __init__(self, axis=1):
        self.axis = axis

    def forward(self, inputs):
        self.retain_outputs((0,))
        x, = inputs
        xp = get_array_module(x)
        y = x - x.max(axis=self.axis, keepdims=True)
        y -= xp.log(xp.exp(y).sum(axis=self.axis, keepdims=True))
        return y,

    def backward(self, indexes, grad_outputs):
        y, = self.get_retained_outputs()
        gy, = grad_outputs
        return gy - exp(y) * sum(gy, axis=self.axis, keepdims=True),


def log_softmax(x, axis=1):
    """log(softmax(x, axis)) for (N, K, ...) inputs, stable for large logits."""
    return LogSoftmax(axis).apply((x,))[0]
