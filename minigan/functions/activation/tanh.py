"""Hyperbolic tangent: y = tanh(x), dy/dx = 1 - y^2 (from the retained output)."""
import numpy

from minigan.backend import get_array_module
from minigan.backend.cuda import Elementwise
from minigan.core.function_node import FunctionNode

# NOTE: on CuPy the gradient is one fused kernel instead of three array operations
_GRAD_GPU = Elementwise('T y, T gy', 'T gx', 'gx = gy * ((T)1 - y * y)', 'minigan_tanh_grad')


class Tanh(FunctionNode):
    """y = tanh x; gx = TanhGrad(gy) = gy (1 - y^2)."""

    def forward(self, inputs):
        self.retain_outputs((0,))
        return get_array_module(inputs[0]).tanh(inputs[0]),

    def backward(self, indexes, grad_outputs):
        y, = self.get_retained_outputs()
        return TanhGrad().apply((y, grad_outputs[0]))


class TanhGrad(FunctionNode):
    """gx = gy * (1 - y^2) in one pass; its own gradient is written in minigan ops."""

    def forward(self, inputs):
        self.retain_inputs((0, 1))
        y, gy = inputs
        xp = get_array_module(y)
        if xp is not numpy:
            return _GRAD_GPU(y, gy, xp.empty_like(y)),
        gx = y * y
        numpy.subtract(y.dtype.type(1), gx, out=gx)
        gx *= gy
        return gx,

    def backward(self, indexes, grad_outputs):
        y, gy = self.get_retained_inputs()
        ggx, = grad_outputs
        ret = []
        for i in indexes:
            if i == 0:  # d/dy [gy (1 - y^2)] = -2 y gy
                ret.append(ggx * gy * y * -2)
            else:
                ret.append(TanhGrad().apply((y, ggx))[0])
        return tuple(ret)


def tanh(x):
    """Elementwise tanh for x of any shape; the usual generator output layer."""
    return Tanh().apply((x,))[0]
