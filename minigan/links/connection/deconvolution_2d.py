"""Deconvolution2D: a transposed-convolution layer with filters W (in, out, kh, kw)."""
from minigan import functions as F
from minigan import initializers
from minigan.core.parameter import Parameter
from minigan.links.connection.convolution_2d import _pair
from minigan.links.link import Link


class Deconvolution2D(Link):
    """``Deconvolution2D(in_channels, out_channels, ksize=None, stride=1, pad=0, nobias=False,
    outsize=None, initialW=None, initial_bias=None)`` (Chainer's argument order).

    y = deconvolution_2d(x, W, b, stride, pad, outsize): (N, in_channels, H, W) ->
    (N, out_channels, OH, OW) with OH = sy (H - 1) + kh - 2 ph unless ``outsize`` says
    otherwise; the generator's upsampling layer in DCGAN (Radford et al. 2016). The
    two-argument form ``Deconvolution2D(out_channels, ksize)`` infers in_channels lazily.
    """

    def __init__(self, in_channels, out_channels, ksize=None, stride=1, pad=0, nobias=False,
                 outsize=None, initialW=None, initial_bias=None):
        super().__init__()
        if ksize is None:
            in_channels, out_channels, ksize = None, in_channels, out_channels
        self.ksize = ksize
        self.stride = _pair(stride)
        self.pad = _pair(pad)
        self.outsize = outsize
        self.out_channels = out_channels
        with self.init_scope():
            self.W = Parameter(initializers.get_initializer(initialW))
            if in_channels is not None:
                self._initialize_params(in_channels)
            if nobias:
                self.b = None
            else:
                bias = initializers.get_initializer(0 if initial_bias is None else initial_bias)
                self.b = Parameter(bias, out_channels)

    def _initialize_params(self, in_channels):
        self.W.initialize((in_channels, self.out_channels) + _pair(self.ksize), self.xp)

    def _initialize_params_from(self, x):
        self._initialize_params(x.shape[1])

    def forward(self, x):
        """x: (N, in_channels, H, W) -> (N, out_channels, OH, OW)."""
        if self.W.array is None:
            self._initialize_params_from(x)
        return F.deconvolution_2d(x, self.W, self.b, self.stride, self.pad, self.outsize)
