"""Deconvolution2D: a transposed-convolution layer with filters W (in, out, kh, kw)."""
from minigan import functions as F
from minigan.links.connection.convolution_2d import _ConvolutionLink, _pair


class Deconvolution2D(_ConvolutionLink):
    """``Deconvolution2D(in_channels, out_channels, ksize=None, stride=1, pad=0, nobias=False,
    outsize=None, initialW=None, initial_bias=None)`` (Chainer's argument order).

    y = deconvolution_2d(x, W, b, stride, pad, outsize): (N, in_channels, H, W) ->
    (N, out_channels, OH, OW) with OH = sy (H - 1) + kh - 2 ph unless ``outsize`` says
    otherwise; the generator's upsampling layer in DCGAN (Radford et al. 2016). The
    two-argument form ``Deconvolution2D(out_channels, ksize)`` infers in_channels lazily.
    """

    def __init__(self, in_channels, out_channels, ksize=None, stride=1, pad=0, nobias=False,
                 outsize=None, initialW=None, initial_bias=None):
        super().__init__(in_channels, out_channels, ksize, stride, pad, nobias, initialW,
                         initial_bias)
        self.outsize = outsize

    def _weight_shape(self, in_channels):
        return (in_channels, self.out_channels) + _pair(self.ksize)

    def forward(self, x):
        """x: (N, in_channels, H, W) -> (N, out_channels, OH, OW)."""
        if self.W.array is None:
            self._initialize_params_from(x)
        return F.deconvolution_2d(x, self.W, self.b, self.stride, self.pad, self.outsize)
