"""Sliding windows over (N, C, H, W) images, shared by the pooling and unpooling functions.

A ``Window`` pairs an image of size (h, w) with a grid of (oh, ow) windows of size (kh, kw)
placed every (sy, sx) pixels, starting at (-ph, -pw). Two linear maps live on that geometry
and are each other's adjoint (transpose):

    WindowSum:    grid[i, j]  = scale * sum of the image over window (i, j)    (average pooling)
    WindowSpread: image[p, q] = scale * sum of grid[i, j] over windows that hold (p, q)
                                                                                (unpooling)

so each one's backward is the other, and double backprop comes for free.

Both loop over the kh * kw offsets inside a window: for offset (i, j), the pixels at that
offset in every window form one strided slice of the (padded) image. A few whole-array adds
beat an im2col copy, and beat NumPy reducing small trailing axes (6x, on 2x2 windows).
"""
import collections

from minigan.backend import get_array_module
from minigan.core.function_node import FunctionNode

Window = collections.namedtuple('Window', 'kh kw sy sx ph pw h w oh ow')


def pair(v):
    """``2`` -> ``(2, 2)``; a pair passes through."""
    return tuple(v) if isinstance(v, (tuple, list)) else (v, v)


def conv_outsize(size, k, s, p, cover_all=False):
    """Number of windows along one axis; ``cover_all`` adds one to reach the last pixels."""
    if cover_all:
        return (size + 2 * p - k + s - 1) // s + 1
    return (size + 2 * p - k) // s + 1


def deconv_outsize(size, k, s, p, cover_all=False):
    """Image size whose ``conv_outsize`` is ``size`` (the inverse used by unpooling)."""
    if cover_all:
        return s * (size - 1) + k - s + 1 - 2 * p
    return s * (size - 1) + k - 2 * p


def offset_slices(win):
    """For each offset (i, j) in a window, row-major, the slice of the padded image it reads."""
    return [(Ellipsis, slice(i, i + win.sy * win.oh, win.sy),
             slice(j, j + win.sx * win.ow, win.sx))
            for i in range(win.kh) for j in range(win.kw)]


def _padded_size(win):
    """Height and width of the image padded so that every window lies inside it."""
    return (max(win.ph + win.h, win.sy * (win.oh - 1) + win.kh),
            max(win.pw + win.w, win.sx * (win.ow - 1) + win.kw))


def pad(x, win, value=0):
    """x (N, C, h, w) inside a border of ``value`` wide enough for every window (or x itself)."""
    hp, wp = _padded_size(win)
    if win.ph == win.pw == 0 and (hp, wp) == x.shape[2:]:
        return x
    xp = get_array_module(x)
    padded = xp.full(x.shape[:2] + (hp, wp), value, dtype=x.dtype)
    padded[:, :, win.ph:win.ph + win.h, win.pw:win.pw + win.w] = x
    return padded


def crop(padded, win):
    """The image part of a padded array: the adjoint of ``pad`` with zeros."""
    if padded.shape[2:] == (win.h, win.w):
        return padded
    image = padded[:, :, win.ph:win.ph + win.h, win.pw:win.pw + win.w]
    return get_array_module(padded).ascontiguousarray(image)


def zeros_padded(shape, dtype, win, xp):
    """Zeros of the padded image size, for scattering windows back (N, C from ``shape``)."""
    return xp.zeros(tuple(shape[:2]) + _padded_size(win), dtype=dtype)


class WindowSum(FunctionNode):
    """(N, C, h, w) image -> (N, C, oh, ow) grid of window sums times ``scale``."""

    def __init__(self, win, scale=1.0):
        self.win, self.scale = win, scale

    def forward(self, inputs):
        padded = pad(inputs[0], self.win)
        slices = offset_slices(self.win)
        y = padded[slices[0]].copy()
        for s in slices[1:]:
            y += padded[s]
        if self.scale != 1:
            y *= y.dtype.type(self.scale)
        return y,

    def backward(self, indexes, grad_outputs):
        return WindowSpread(self.win, self.scale).apply(grad_outputs)


class WindowSpread(FunctionNode):
    """(N, C, oh, ow) grid -> (N, C, h, w) image, each value copied over its window."""

    def __init__(self, win, scale=1.0):
        self.win, self.scale = win, scale

    def forward(self, inputs):
        y, = inputs
        xp = get_array_module(y)
        win = self.win
        if self.scale != 1:
            y = y * y.dtype.type(self.scale)
        if (win.sy, win.sx, win.ph, win.pw, win.h, win.w) == (
                win.kh, win.kw, 0, 0, win.kh * win.oh, win.kw * win.ow):
            # NOTE: windows tile the image exactly: a broadcast and one copy (nearest upsampling)
            n, c = y.shape[:2]
            tiled = xp.broadcast_to(y[:, :, :, None, :, None],
                                    (n, c, win.oh, win.kh, win.ow, win.kw))
            return tiled.reshape(n, c, win.h, win.w),
        padded = zeros_padded(y.shape, y.dtype, win, xp)
        for s in offset_slices(win):
            padded[s] += y
        return crop(padded, win),

    def backward(self, indexes, grad_outputs):
        return WindowSum(self.win, self.scale).apply(grad_outputs)
