"""Logistic sigmoid: y = 1 / (1 + e^-x), dy/dx = y (1 - y) (from the retained output)."""
import numpy

from minigan.backend import get_array_module
from minigan.backend.cuda import Elementwise
from minigan.core.function_node import FunctionNode

# NOTE: on CuPy each pass is one fused kernel instead of three or four array operations
_FORWARD_GPU = Elementwise('T x', 'T y', 'y = tanh(x * (T)0.5) * (T)0.5 + (T)0.5',
                           'minigan_sigmoid')
_GRAD_GPU = Elementwise('T y, T gy', 'T gx', 'gx = gy * y * ((T)1 - y)', 'minigan_sigmoid_grad')


class Sigmoid(FunctionNode):
    """y = 1 / (1 + e^-x); gx = SigmoidGrad(gy) = gy y (1 - y)."""

    def forward(self, inputs):
        self.retain_outputs((0,))
        x, = inputs
        # NOTE: sigmoid(x) = tanh(x / 2) / 2 + 1/2 never overflows, unlike 1 / (1 + exp(-x))
        xp = get_array_module(x)
        if xp is not numpy:
            return _FORWARD_GPU(x, xp.empty_like(x)),
        half = x.dtype.type(0.5)
        y = numpy.tanh(x * half)
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
        xp = get_array_module(y)
        if xp is not numpy:
            return _GRAD_GPU(y, gy, xp.empty_like(y)),
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
