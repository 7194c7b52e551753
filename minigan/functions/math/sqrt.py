"""Square root and reciprocal square root.

sqrt: y = x^(1/2), dy/dx = 1 / (2 y).  rsqrt: y = x^(-1/2), dy/dx = -y^3 / 2.
Both backwards reuse the retained output, which is itself linked to this node,
so the second derivative is right (a hand-written one in a Chainer PGGAN was not).
"""
from minigan.backend import get_array_module
from minigan.core.function_node import FunctionNode


class Sqrt(FunctionNode):
    """y = sqrt(x); gx = gy / (2 y)."""

    def forward(self, inputs):
        self.retain_outputs((0,))
        return get_array_module(inputs[0]).sqrt(inputs[0]),

    def backward(self, indexes, grad_outputs):
        y, = self.get_retained_outputs()
        return grad_outputs[0] / (y * 2),


class Rsqrt(FunctionNode):
    """y = 1 / sqrt(x); gx = -gy y^3 / 2."""

    def forward(self, inputs):
        self.retain_outputs((0,))
        x, = inputs
        y = get_array_module(x).sqrt(x)
        return x.dtype.type(1) / y,

    def backward(self, indexes, grad_outputs):
        y, = self.get_retained_outputs()
        return grad_outputs[0] * (y * y * y * -0.5),


def sqrt(x):
    """Elementwise square root, y = sqrt(x); x of any shape, x > 0 for a finite gradient."""
    return Sqrt().apply((x,))[0]


def rsqrt(x):
    """Elementwise reciprocal square root, y = 1 / sqrt(x); used by normalization layers."""
    return Rsqrt().apply((x,))[0]
