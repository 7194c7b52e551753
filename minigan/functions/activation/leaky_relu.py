"""Leaky ReLU: y = x if x > 0 else slope * x; dy/dx = 1 or slope.

Maas et al., "Rectifier Nonlinearities Improve Neural Network Acoustic Models", 2013;
the DCGAN discriminator uses slope 0.2.
"""
import numpy

from minigan.backend import get_array_module
from minigan.backend.cuda import Elementwise
from minigan.core.function_node import FunctionNode
from minigan.utils import parallel

# NOTE: on CuPy each pass below is one fused kernel instead of two or three array operations
_FORWARD_GPU = Elementwise('T x, T slope', 'T y', 'y = x > 0 ? x : (T)(x * slope)',
                           'minigan_leaky_relu')
_GRAD_GPU = Elementwise('T ref, T gy, T slope', 'T gx',
                        'gx = ref > 0 ? gy : (T)(gy * slope)', 'minigan_leaky_relu_grad')


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
        slope = x.dtype.type(self.slope)
        if not 0 <= self.slope <= 1:
            return numpy.where(x > 0, x, x * slope),

        def kernel(y, x):  # NOTE: max(x, slope x) is leaky ReLU for 0 <= slope <= 1
            numpy.multiply(x, slope, out=y)
            numpy.maximum(x, y, out=y)
        y = numpy.empty_like(x)
        parallel.elementwise(kernel, y, x)
        return y,

    def backward(self, indexes, grad_outputs):
        if self.slope > 0:
            ref, = self.get_retained_outputs()
        else:
            ref, = self.get_retained_inputs()
        return LeakyReLUGrad(ref.array, self.slope).apply(grad_outputs)


class LeakyReLUGrad(FunctionNode):
    """gx = gy where ref > 0 else slope * gy (ref: x, or y when slope > 0, as a constant).

    Linear in gy with a constant mask, so its gradient is itself.
    """

    def __init__(self, ref, slope):
        self.ref, self.slope = ref, slope

    def forward(self, inputs):
        gy, = inputs
        xp = get_array_module(gy)
        if xp is not numpy:
            return _GRAD_GPU(self.ref, gy, self.slope, xp.empty_like(gy)),
        slope, rest = gy.dtype.type(self.slope), gy.dtype.type(1 - self.slope)

        def kernel(gx, gy, ref):
            # NOTE: gy * (slope + (1 - slope) [ref > 0]) in four vectorized passes over a
            # cached block; numpy.where would be three times slower
            numpy.greater(ref, 0, out=gx)
            gx *= rest
            gx += slope
            gx *= gy
        gx = numpy.empty_like(gy)
        parallel.elementwise(kernel, gx, gy, self.ref)
        return gx,

    def backward(self, indexes, grad_outputs):
        return LeakyReLUGrad(self.ref, self.slope).apply(grad_outputs)


def leaky_relu(x, slope=0.2):
    """Elementwise leaky ReLU with negative-side ``slope``, for x of any shape."""
    return LeakyReLU(slope).apply((x,))[0]
