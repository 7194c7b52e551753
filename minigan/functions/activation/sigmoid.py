"""Logistic sigmoid: y = 1 / (1 + e^-x), dy/dx = y (1 - y) (from the retained output)."""
from minigan.backend import get_array_module
from minigan.core.function_node import FunctionNode


class Sigmoid(FunctionNode):
    def forward(self, inputs):
        self.retain_outputs((0,))
        x, = inputs
        # NOTE: sigmoid(x) = tanh(x / 2) / 2 + 1/2 never overflows, unlike 1 / (1 + exp(-x))
        half = x.dtype.type(0.5)
        y = get_array_module(x).tanh(x * half)
        y *= half
        y += half
        return y,

    def backward(self, indexes, grad_outputs):
        y, = self.get_retained_outputs()
        return SigmoidGrad().apply((y, grad_outputs[0]))


class SigmoidGrad(FunctionNode):
    """gx = gy * y * (1 - y) in one pass; its own gradient is written in minigan ops."""

    def forward(self, inputs):
        self.retain_inputs((0, 1))
        y, gy = inputs
        gx = y.dtype.type(1) - y
        gx *= y
        gx *= gy
        return gx,

    def backward(self, indexes, grad_outputs):
        y, gy = self.get_retained_inputs()
        ggx, = grad_outputs
        ret = []
        for i in indexes:
            if i == 0:  # d/dy [gy y (1 - y)] = gy (1 - 2 y)
                ret.append(ggx * gy * (1 - y * 2))
            else:
                ret.append(SigmoidGrad().apply((y, ggx))[0])
        return tuple(ret)


def sigmoid(x):
    """Elementwise logistic sigmoid for x of any shape."""
    return Sigmoid().apply((x,))[0]
