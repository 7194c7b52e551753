"""Leaky ReLU: y = x if x > 0 else slope * x; dy/dx = 1 or slope.

Maas et al., "Rectifier Nonlinearities Improve Neural Network Acoustic Models", 2013;
the DCGAN discriminator uses slope 0.2.
"""
import numpy

from minigan.backend import get_array_module
from minigan.backend.cuda import Elementwise
from minigan.core.function_node import FunctionNode

# NOTE: on CuPy each pass below is one fused kernel instead of two or three array operations
_FORWARD_GPU = Elementwise('T x, T slope', 'T y', 'y = x > 0 ? x : (T)(x * slope)',
                           'minigan_leaky_relu')
_GRAD_GPU = Elementwise('bool positive, T gy, T slope', 'T gx',
                        'gx = positive ? gy : (T)(gy * slope)', 'minigan_leaky_relu_grad')


class LeakyReLU(FunctionNode):
    """y = x if x > 0 else slope x; gx = LeakyReLUGrad(gy)."""

    def __init__(self, slope=0.2):
        self.slope = slope

    def forward(self, inputs):
        x, = inputs
        # NOTE: for slope > 0 the output has the sign of x, so the mask can come from the
        # retained output (kept alive by the next layer anyway); otherwise keep x.
        if self.slope > 0:
            self.retain_outputs((0,))
        else:
            self.retain_inputs((0,))
        xp = get_array_module(x)
        if xp is not numpy:
            return _FORWARD_GPU(x, self.slope, xp.empty_like(x)),
        y = x * x.dtype.type(self.slope)
        if 0 <= self.slope <= 1:
            return numpy.maximum(x, y, out=y),
        return numpy.where(x > 0, x, y),

    def backward(self, indexes, grad_outputs):
        if self.slope > 0:
            ref, = self.get_retained_outputs()
        else:
            ref, = self.get_retained_inputs()
        return LeakyReLUGrad(ref.array > 0, self.slope).apply(grad_outputs)


class LeakyReLUGrad(FunctionNode):
    """gx = gy where x > 0 else slope * gy; linear in gy, so its gradient is itself."""

    def __init__(self, positive, slope):
        self.positive, self.slope = positive, slope

    def forward(self, inputs):
        gy, = inputs
        xp = get_array_module(gy)
        if xp is not numpy:
            return _GRAD_GPU(self.positive, gy, self.slope, xp.empty_like(gy)),
        return numpy.where(self.positive, gy, gy * gy.dtype.type(self.slope)),

    def backward(self, indexes, grad_outputs):
        return LeakyReLUGrad(self.positive, self.slope).apply(grad_outputs)


def leaky_relu(x, slope=0.2):
    """Elementwise leaky ReLU with negative-side ``slope``, for x of any shape."""
    return LeakyReLU(slope).apply((x,))[0]
