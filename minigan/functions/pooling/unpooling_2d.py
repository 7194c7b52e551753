"""Unpooling over 2D windows: each value is copied over its window (a WindowSpread)."""
from minigan.functions.pooling.window import Window, WindowSpread, deconv_outsize, pair


def unpooling_2d(x, ksize, stride=None, pad=0, outsize=None, cover_all=True):
    """Inverse of pooling's shape change: copy x[n, c, i, j] over window (i, j) of the output.

    Overlapping windows add up; output pixels past the last full window are cut off.
    x: (N, C, h, w) -> (N, C, H, W) with H = sy * (h - 1) + kh - 2 * ph (minus sy - 1 with
    ``cover_all``, Chainer's default), or ``outsize`` = (H, W). Note that
    ``unpooling_2d(x, 2)`` gives 2h - 1 rows: nearest-neighbour 2x upsampling is
    ``unpooling_2d(x, 2, cover_all=False)``. The backward is sum pooling (the adjoint).
    """
    kh, kw = pair(ksize)
    sy, sx = pair(ksize if stride is None else stride)
    ph, pw = pair(pad)
    n, c, h, w = x.shape
    if outsize is None:
        outsize = (deconv_outsize(h, kh, sy, ph, cover_all),
                   deconv_outsize(w, kw, sx, pw, cover_all))
    win = Window(kh, kw, sy, sx, ph, pw, outsize[0], outsize[1], h, w)
    return WindowSpread(win).apply((x,))[0]
