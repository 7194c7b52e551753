"""Upsampling with the indexes of a max pooling: each value goes back to its window's winner.

This is the "unpooling with switches" of SegNet and of Zeiler and Fergus: the scatter is the
same linear map as max pooling's backward (MaxPooling2DGrad), so its backward gathers
(MaxPoolingWithIndexes) and double backprop comes with it.
"""
from minigan.functions.pooling.max_pooling_2d import MaxPooling2DGrad
from minigan.functions.pooling.window import Window, deconv_outsize, pair


def upsampling_2d(x, indexes, ksize, stride=None, pad=0, outsize=None, cover_all=True):
    """Place x[n, c, i, j] at the pixel of window (i, j) that ``indexes[n, c, i, j]`` names.

    y[n, c, sy*i + p - ph, sx*j + q - pw] += x[n, c, i, j] where p*kw + q = indexes[n, c, i, j];
    every other output pixel is zero. x and indexes: (N, C, h, w), indexes from
    ``max_pooling_2d(..., return_indices=True)`` with the same ksize, stride, pad and cover_all.
    Output: (N, C, H, W) with H = sy * (h - 1) + kh - 2 * ph (minus sy - 1 with ``cover_all``),
    or ``outsize`` = (H, W), usually the shape of the pooled input.

    Paper: Badrinarayanan et al., SegNet, 2015 (section 3).
    """
    kh, kw = pair(ksize)
    sy, sx = pair(ksize if stride is None else stride)
    ph, pw = pair(pad)
    n, c, h, w = x.shape
    if indexes.shape != x.shape:
        raise ValueError('upsampling_2d: indexes %s must have the shape of x %s'
                         % (indexes.shape, x.shape))
    if outsize is None:
        outsize = (deconv_outsize(h, kh, sy, ph, cover_all),
                   deconv_outsize(w, kw, sx, pw, cover_all))
    win = Window(kh, kw, sy, sx, ph, pw, outsize[0], outsize[1], h, w)
    return MaxPooling2DGrad(win, indexes).apply((x,))[0]
