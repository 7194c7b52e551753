"""Rectified linear unit: y = max(x, 0), dy/dx = [y > 0].

The mask is read from the retained output (which the next layer usually keeps
anyway), so no extra array lives until backward.
"""
import numpy

from minigan.backend import get_array_module
from minigan.backend.cuda import Elementwise
from minigan.core.function_node import FunctionNode
from minigan.utils import parallel

# NOTE: on CuPy the gradient is one fused kernel instead of a comparison and a product
_GRAD_GPU = Elementwise('T y, T gy', 'T gx', 'gx = y > 0 ? gy : (T)0', 'minigan_relu_grad')


class ReLU(FunctionNode):
    """y = max(x, 0); gx = ReLUGrad(gy): gy where y > 0, else 0."""

    def forward(self, inputs):
        self.retain_outputs((0,))
        x, = inputs
        xp = get_array_module(x)
        if xp is not numpy:
            return xp.maximum(x, x.dtype.type(0)),
        zero = x.dtype.type(0)

        def kernel(y, x):
            numpy.maximum(x, zero, out=y)
        y = numpy.empty_like(x)
        parallel.elementwise(kernel, y, x)
        return y,

    def backward(self, indexes, grad_outputs):
        y, = self.get_retained_outputs()
        return ReLUGrad(y.array).apply(grad_outputs)


def _grad_kernel(gx, gy, y):
    numpy.greater(y, 0, out=gx)  # NOTE: 1.0 or 0.0, then one product
    gx *= gy


class ReLUGrad(FunctionNode):
    """gx = gy * [y > 0]; linear in gy with a constant mask, so its gradient is itself."""

    def __init__(self, y):
        self.y = y

    def forward(self, inputs):
        gy, = inputs
        xp = get_array_module(gy)
        if xp is not numpy:
            return _GRAD_GPU(self.y, gy, xp.empty_like(gy)),
        gx = numpy.empty_like(gy)
        parallel.elementwise(_grad_kernel, gx, gy, self.y)
        return gx,

    def backward(self, indexes, grad_outputs):
        return ReLUGrad(self.y).apply(grad_outputs)


def relu(x):
    """Elementwise max(x, 0) for x of any shape."""
    return ReLU().apply((x,))[0]
