"""Max pooling over 2D windows; the gradient goes to each window's winning pixel.

The forward pass records, per window, which offset k (row-major in the kh x kw window) won.
The gradient scatters gy to those pixels (MaxPooling2DGrad); that scatter is linear, and its
adjoint gathers the winning pixels again (MaxPoolingWithIndexes), so each is the other's
backward and double backprop works.
"""
import numpy

from minigan.backend import get_array_module
from minigan.core.function_node import FunctionNode
from minigan.functions.pooling.window import (
    Window, conv_outsize, crop, offset_slices, pad, pair, zeros_padded)


class MaxPooling2D(FunctionNode):
    """y = the maximum of each window; gx = gy at each window's winning pixel."""

    def __init__(self, win):
        self.win = win

    def forward(self, inputs):
        x, = inputs
        xp = get_array_module(x)
        padded = pad(x, self.win, -xp.inf)
        slices = offset_slices(self.win)
        y = padded[slices[0]].copy()
        self.indexes = xp.zeros(y.shape, dtype=numpy.int32)
        for k, s in enumerate(slices[1:], 1):
            candidate = padded[s]
            # NOTE: strictly greater, so a tie keeps the first maximum (as argmax would)
            self.indexes[candidate > y] = k
            xp.maximum(y, candidate, out=y)
        return y,

    def backward(self, indexes, grad_outputs):
        return MaxPooling2DGrad(self.win, self.indexes).apply(grad_outputs)


class MaxPooling2DGrad(FunctionNode):
    """Scatter gy (N, C, oh, ow) onto the winning pixels of an (N, C, h, w) zero image."""

    def __init__(self, win, indexes):
        self.win, self.indexes = win, indexes

    def forward(self, inputs):
        gy, = inputs
        xp = get_array_module(gy)
        padded = zeros_padded(gy.shape, gy.dtype, self.win, xp)
        zero = gy.dtype.type(0)
        for k, s in enumerate(offset_slices(self.win)):
            padded[s] += xp.where(self.indexes == k, gy, zero)
        return crop(padded, self.win),

    def backward(self, indexes, grad_outputs):
        return MaxPoolingWithIndexes(self.win, self.indexes).apply(grad_outputs)


class MaxPoolingWithIndexes(FunctionNode):
    """Pick, in each window, the pixel that won the forward pass: MaxPooling2DGrad's adjoint."""

    def __init__(self, win, indexes):
        self.win, self.indexes = win, indexes

    def forward(self, inputs):
        x, = inputs
        xp = get_array_module(x)
        padded = pad(x, self.win)
        y = xp.zeros(self.indexes.shape, dtype=x.dtype)
        for k, s in enumerate(offset_slices(self.win)):
            y = xp.where(self.indexes == k, padded[s], y)
        return y,

    def backward(self, indexes, grad_outputs):
        return MaxPooling2DGrad(self.win, self.indexes).apply(grad_outputs)


def max_pooling_2d(x, ksize, stride=None, pad=0, cover_all=True, return_indices=False):
    """Maximum of each (kh, kw) window, windows every ``stride`` pixels (default: ``ksize``).

    y[n, c, i, j] = max_{p, q < k} x_pad[n, c, s*i + p, s*j + q], padding with -inf.
    x: (N, C, H, W) -> (N, C, oh, ow) with oh = (H + 2 * ph - kh + sy - 1) // sy + 1 when
    ``cover_all`` (Chainer's default, so no pixel is dropped), else (H + 2 * ph - kh) // sy + 1.
    ``ksize``, ``stride``, ``pad``: int or pair. The gradient flows to the first maximum of
    each window only. With ``return_indices`` the result is ``(y, indexes)``: per window, the
    row-major offset (0 .. kh * kw - 1) of its maximum, which ``upsampling_2d`` takes.
    """
    kh, kw = pair(ksize)
    sy, sx = pair(ksize if stride is None else stride)
    ph, pw = pair(pad)
    n, c, h, w = x.shape
    win = Window(kh, kw, sy, sx, ph, pw, h, w, conv_outsize(h, kh, sy, ph, cover_all),
                 conv_outsize(w, kw, sx, pw, cover_all))
    func = MaxPooling2D(win)
    y = func.apply((x,))[0]
    return (y, func.indexes) if return_indices else y
