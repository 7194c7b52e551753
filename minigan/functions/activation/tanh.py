"""Hyperbolic tangent: y = tanh(x), dy/dx = 1 - y^2 (from the retained output)."""
from minigan.backend import get_array_module
from minigan.core.function_node import FunctionNode


class Tanh(FunctionNode):
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
        gx = y * y
        get_array_module(y).subtract(y.dtype.type(1), gx, out=gx)
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
