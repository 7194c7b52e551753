"""EqualizedDeconvolution2D: a transposed convolution with PGGAN's equalized learning rate.

Karras et al., "Progressive Growing of GANs", ICLR 2018, section 4.1: W ~ N(0, 1) is
multiplied at run time by c = gain / sqrt(fan_in). As in the authors' code for their
fused upsampling convolution, fan_in = in_channels * kh * kw (each filter tap sees all
input channels); Chainer's get_fans would count output channels for this W layout.
"""
import math

from minigan import functions as F
from minigan import initializers
from minigan.links.connection.deconvolution_2d import Deconvolution2D


class EqualizedDeconvolution2D(Deconvolution2D):
    """``EqualizedDeconvolution2D(in_channels, out_channels, ksize=None, stride=1, pad=0,
    nobias=False, outsize=None, initial_bias=None, gain=sqrt(2))``.

    y = deconvolution_2d(x, c W, b, stride, pad, outsize), W (in, out, kh, kw) ~ N(0, 1);
    ``scale`` is c (None until in_channels is known); b = 0 by default.
    """

    def __init__(self, in_channels, out_channels, ksize=None, stride=1, pad=0, nobias=False,
                 outsize=None, initial_bias=None, gain=math.sqrt(2)):
        super().__init__(in_channels, out_channels, ksize, stride, pad, nobias, outsize,
                         initializers.Normal(1.0), initial_bias)
        self.gain = gain

    @property
    def scale(self):
        """The He constant gain / sqrt(in_channels * kh * kw)."""
        if self.W.array is None:
            return None
        in_channels, _, kh, kw = self.W.shape
        return self.gain / math.sqrt(in_channels * kh * kw)

    def forward(self, x):
        """x: (N, in_channels, H, W) -> (N, out_channels, OH, OW)."""
        if self.W.array is None:
            self._initialize_params_from(x)
        return F.deconvolution_2d(x, self.W * self.scale, self.b, self.stride, self.pad,
                                  self.outsize)
