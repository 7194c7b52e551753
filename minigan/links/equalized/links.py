"""EqualizedLinear, EqualizedConvolution2D, EqualizedDeconvolution2D: PGGAN's layers.

Each is the ordinary link with W ~ N(0, 1), a zero bias, and the
:class:`~minigan.link_hooks.EqualizedLearningRate` hook, which multiplies W by
c = gain / sqrt(fan_in) at every call (Karras et al. 2018, section 4.1). ``scale`` is c.
"""
import math

from minigan import initializers
from minigan.link_hooks.equalized_learning_rate import EqualizedLearningRate
from minigan.links.connection.convolution_2d import Convolution2D
from minigan.links.connection.deconvolution_2d import Deconvolution2D
from minigan.links.connection.linear import Linear


class _Equalized:
    """The part the three links share: the hook and its ``scale``."""

    def _equalize(self, gain):
        self.gain = gain
        self.add_hook(EqualizedLearningRate(gain))

    @property
    def scale(self):
        """c = gain / sqrt(fan_in), None until the input size is known."""
        return self.local_link_hooks[EqualizedLearningRate.name].scale(self)


class EqualizedLinear(_Equalized, Linear):
    """``EqualizedLinear(in_size, out_size=None, nobias=False, initial_bias=None,
    gain=sqrt(2))``: y = x (c W)^T + b, W (out_size, in_size), fan_in = in_size."""

    def __init__(self, in_size, out_size=None, nobias=False, initial_bias=None,
                 gain=math.sqrt(2)):
        super().__init__(in_size, out_size, nobias, initializers.Normal(1.0), initial_bias)
        self._equalize(gain)


class EqualizedConvolution2D(_Equalized, Convolution2D):
    """``EqualizedConvolution2D(in_channels, out_channels, ksize=None, stride=1, pad=0,
    nobias=False, initial_bias=None, gain=sqrt(2))``: convolution_2d(x, c W, b, ...),
    W (out, in, kh, kw), fan_in = in * kh * kw."""

    def __init__(self, in_channels, out_channels, ksize=None, stride=1, pad=0, nobias=False,
                 initial_bias=None, gain=math.sqrt(2)):
        super().__init__(in_channels, out_channels, ksize, stride, pad, nobias,
                         initializers.Normal(1.0), initial_bias)
        self._equalize(gain)


class EqualizedDeconvolution2D(_Equalized, Deconvolution2D):
    """``EqualizedDeconvolution2D(in_channels, out_channels, ksize=None, stride=1, pad=0,
    nobias=False, outsize=None, initial_bias=None, gain=sqrt(2))``: deconvolution_2d(x, c W,
    b, ...), W (in, out, kh, kw), fan_in = in * kh * kw."""

    def __init__(self, in_channels, out_channels, ksize=None, stride=1, pad=0, nobias=False,
                 outsize=None, initial_bias=None, gain=math.sqrt(2)):
        super().__init__(in_channels, out_channels, ksize, stride, pad, nobias, outsize,
                         initializers.Normal(1.0), initial_bias)
        self._equalize(gain)
