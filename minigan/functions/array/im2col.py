"""im2col: every filter-sized patch of an image, laid out so a convolution is one matrix product.

    col[n, (c, p, q), i, j] = x[n, c, i*sy + p*dy - ph, j*sx + q*dx - pw]    (0 outside x)

The output is (N, C*kh*kw, OH, OW), NCHW as Chainer's ``F.im2col``. Written as one slice copy
per filter tap (kh*kw of them), it is the readable version; the convolution functions use
the fast channels-last one in ``minigan.utils.conv``.

im2col is linear, and its adjoint, col2im, adds every patch back where it came from. So the
gradient of im2col is col2im and the gradient of col2im is im2col: a chain of the two is
differentiable any number of times.
"""
from minigan.backend import get_array_module
from minigan.core.function_node import FunctionNode
from minigan.utils import conv


def _taps(kh, kw, sy, sx, dy, dx, out_h, out_w):
    """Per filter tap (p, q): the strided rows and columns of the padded image it reads."""
    for p in range(kh):
        for q in range(kw):
            rows = slice(p * dy, p * dy + sy * (out_h - 1) + 1, sy)
            cols = slice(q * dx, q * dx + sx * (out_w - 1) + 1, sx)
            yield p, q, rows, cols


def _padded_size(size, k, s, p, d, out):
    """Rows (or columns) of a zero-padded image that holds x at offset p and every window."""
    return max(p + size, s * (out - 1) + (k - 1) * d + 1)


class Im2Col(FunctionNode):
    """x (N, C, H, W) -> col (N, C*kh*kw, OH, OW); see the module docstring."""

    def __init__(self, ksize, stride=1, pad=0, cover_all=False, dilate=1):
        self.kh, self.kw = conv.pair(ksize)
        self.sy, self.sx = conv.pair(stride)
        self.ph, self.pw = conv.pair(pad)
        self.dy, self.dx = conv.pair(dilate)
        self.cover_all = cover_all

    def forward(self, inputs):
        x, = inputs
        xp = get_array_module(x)
        n, c, h, w = x.shape
        self.in_shape = x.shape
        out_h = conv.get_conv_outsize(h, self.kh, self.sy, self.ph, self.cover_all, self.dy)
        out_w = conv.get_conv_outsize(w, self.kw, self.sx, self.pw, self.cover_all, self.dx)
        if out_h <= 0 or out_w <= 0:
            raise ValueError('im2col: no window fits in an input of size %s' % ((h, w),))
        padded = xp.zeros((n, c, _padded_size(h, self.kh, self.sy, self.ph, self.dy, out_h),
                           _padded_size(w, self.kw, self.sx, self.pw, self.dx, out_w)), x.dtype)
        padded[:, :, self.ph:self.ph + h, self.pw:self.pw + w] = x
        col = xp.empty((n, c, self.kh, self.kw, out_h, out_w), x.dtype)
        for p, q, rows, cols in _taps(self.kh, self.kw, self.sy, self.sx, self.dy, self.dx,
                                      out_h, out_w):
            col[:, :, p, q] = padded[:, :, rows, cols]
        return col.reshape(n, c * self.kh * self.kw, out_h, out_w),

    def backward(self, indexes, grad_outputs):
        return Im2ColGrad((self.kh, self.kw), (self.sy, self.sx), (self.ph, self.pw),
                          self.cover_all, (self.dy, self.dx), self.in_shape).apply(grad_outputs)


class Im2ColGrad(FunctionNode):
    """col2im, im2col's adjoint: col (N, C*kh*kw, OH, OW) summed back onto (N, C, H, W).

    x[n, c, i*sy + p*dy - ph, j*sx + q*dx - pw] += col[n, (c, p, q), i, j]; ``in_shape`` is
    the image's (N, C, H, W).
    """

    def __init__(self, ksize, stride, pad, cover_all, dilate, in_shape):
        self.kh, self.kw = conv.pair(ksize)
        self.sy, self.sx = conv.pair(stride)
        self.ph, self.pw = conv.pair(pad)
        self.dy, self.dx = conv.pair(dilate)
        self.cover_all = cover_all
        self.in_shape = tuple(in_shape)

    def forward(self, inputs):
        gcol, = inputs
        xp = get_array_module(gcol)
        n, c, h, w = self.in_shape
        _, _, out_h, out_w = gcol.shape
        gcol = gcol.reshape(n, c, self.kh, self.kw, out_h, out_w)
        padded = xp.zeros((n, c, _padded_size(h, self.kh, self.sy, self.ph, self.dy, out_h),
                           _padded_size(w, self.kw, self.sx, self.pw, self.dx, out_w)),
                          gcol.dtype)
        for p, q, rows, cols in _taps(self.kh, self.kw, self.sy, self.sx, self.dy, self.dx,
                                      out_h, out_w):
            padded[:, :, rows, cols] += gcol[:, :, p, q]
        return xp.ascontiguousarray(padded[:, :, self.ph:self.ph + h, self.pw:self.pw + w]),

    def backward(self, indexes, grad_outputs):
        return Im2Col((self.kh, self.kw), (self.sy, self.sx), (self.ph, self.pw),
                      self.cover_all, (self.dy, self.dx)).apply(grad_outputs)


def im2col(x, ksize, stride=1, pad=0, cover_all=False, dilate=1):
    """Patches of x (N, C, H, W) in the channel axis: (N, C*kh*kw, OH, OW), as Chainer's.

    col[n, (c, p, q), i, j] = x[n, c, i*sy + p*dy - ph, j*sx + q*dx - pw], zero outside x.
    ksize, stride, pad, dilate: an int or a pair (h, w); ``cover_all`` keeps the last,
    partial window. OH = (H + 2 ph - (kh - 1) dy - 1) // sy + 1 (see
    ``minigan.utils.conv.get_conv_outsize``).
    """
    return Im2Col(ksize, stride, pad, cover_all, dilate).apply((x,))[0]


def col2im(col, in_shape, ksize, stride=1, pad=0, cover_all=False, dilate=1):
    """The adjoint of :func:`im2col`: col (N, C*kh*kw, OH, OW) added back onto ``in_shape``.

    The arguments are those of the im2col whose adjoint it is.
    """
    return Im2ColGrad(ksize, stride, pad, cover_all, dilate, in_shape).apply((col,))[0]
