"""EqualizedConvolution2D: a convolution with PGGAN's equalized learning rate.

Karras et al., "Progressive Growing of GANs", ICLR 2018, section 4.1: W ~ N(0, 1) is
multiplied at run time by c = gain / sqrt(fan_in), fan_in = in_channels * kh * kw.
"""
import math

from minigan import functions as F
from minigan import initializers
from minigan.links.connection.convolution_2d import Convolution2D


class EqualizedConvolution2D(Convolution2D):
    """``EqualizedConvolution2D(in_channels, out_channels, ksize=None, stride=1, pad=0,
    nobias=False, initial_bias=None, gain=sqrt(2))``.

    y = convolution_2d(x, c W, b, stride, pad), W (out, in, kh, kw) ~ N(0, 1); ``scale``
    is c (None until in_channels is known); b = 0 by default.
    """

    def __init__(self, in_channels, out_channels, ksize=None, stride=1, pad=0, nobias=False,
                 initial_bias=None, gain=math.sqrt(2)):
        super().__init__(in_channels, out_channels, ksize, stride, pad, nobias,
                         initializers.Normal(1.0), initial_bias)
        self.gain = gain

    @property
    def scale(self):
        """The He constant gain / sqrt(in_channels * kh * kw)."""
        if self.W.array is None:
            return None
        _, in_channels, kh, kw = self.W.shape
        return self.gain / math.sqrt(in_channels * kh * kw)

    def forward(self, x):
        """x: (N, in_channels, H, W) -> (N, out_channels, OH, OW)."""
        if self.W.array is None:
            self._initialize_params_from(x)
        return F.convolution_2d(x, self.W * self.scale, self.b, self.stride, self.pad)
