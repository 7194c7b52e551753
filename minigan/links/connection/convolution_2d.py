"""Convolution2D: a 2-D convolution layer owning its filters W (out, in, kh, kw) and bias."""
from minigan import functions as F
from minigan import initializers
from minigan.core.parameter import Parameter
from minigan.links.link import Link


def _pair(x):
    return tuple(x) if hasattr(x, '__getitem__') else (x, x)


class _ConvolutionLink(Link):
    """What Convolution2D and Deconvolution2D share: filters W, bias b, stride and pad, and
    in_channels inferred at the first call. A subclass gives W's layout (``_weight_shape``)."""

    def __init__(self, in_channels, out_channels, ksize, stride, pad, nobias, initialW,
                 initial_bias):
        super().__init__()
        if ksize is None:
            in_channels, out_channels, ksize = None, in_channels, out_channels
        self.ksize = ksize
        self.stride = _pair(stride)
        self.pad = _pair(pad)
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

    def _weight_shape(self, in_channels):
        raise NotImplementedError

    def _initialize_params(self, in_channels):
        self.W.initialize(self._weight_shape(in_channels), self.xp)

    def _initialize_params_from(self, x):
        self._initialize_params(x.shape[1])


class Convolution2D(_ConvolutionLink):
    """``Convolution2D(in_channels, out_channels, ksize=None, stride=1, pad=0, nobias=False,
    initialW=None, initial_bias=None)``.

    y = convolution_2d(x, W, b, stride, pad): (N, in_channels, H, W) ->
    (N, out_channels, OH, OW) with OH = (H + 2 ph - kh) // sy + 1. The two-argument form
    ``Convolution2D(out_channels, ksize)`` (or ``in_channels=None``) infers in_channels at
    the first call. initialW defaults to LeCunNormal, the bias to 0.
    """

    def __init__(self, in_channels, out_channels, ksize=None, stride=1, pad=0, nobias=False,
                 initialW=None, initial_bias=None):
        super().__init__(in_channels, out_channels, ksize, stride, pad, nobias, initialW,
                         initial_bias)

    def _weight_shape(self, in_channels):
        return (self.out_channels, in_channels) + _pair(self.ksize)

    def forward(self, x):
        """x: (N, in_channels, H, W) -> (N, out_channels, OH, OW)."""
        if self.W.array is None:
            self._initialize_params_from(x)
        return F.convolution_2d(x, self.W, self.b, self.stride, self.pad)
