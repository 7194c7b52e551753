"""Softmax over an axis: y_i = exp(x_i) / sum_j exp(x_j).

Backward: gx = y * (gy - sum(y * gy)), from the retained output.
"""
from minigan.backend import get_array_module
from minigan.core.function_node import FunctionNode
from minigan.functions.math.sum import sum


class Softmax(FunctionNode):
    """y = e^x / sum e^x along ``axis``; gx = y (gy - sum(gy y))."""

    def __init__(self, axis=1):
        self.axis = axis

    def forward(self, inputs):
        self.retain_outputs((0,))
        x, = inputs
        xp = get_array_module(x)
        y = x - x.max(axis=self.axis, keepdims=True)
        xp.exp(y, out=y)
        y /= y.sum(axis=self.axis, keepdims=True)
        return y,

    def backward(self, indexes, grad_outputs):
        y, = self.get_retained_outputs()
        gy, = grad_outputs
        return y * (gy - sum(y * gy, axis=self.axis, keepdims=True)),


def softmax(x, axis=1):
    """Softmax of ``x`` along ``axis`` (default 1: the class axis of (N, K, ...))."""
    return Softmax(axis).apply((x,))[0]
