"""Average pooling over 2D windows, a WindowSum scaled by 1 / (kh * kw)."""
from minigan.functions.pooling.window import Window, WindowSum, conv_outsize, pair


def average_pooling_2d(x, ksize, stride=None, pad=0):
    """Mean of each (kh, kw) window, windows every ``stride`` pixels (default: ``ksize``).

    y[n, c, i, j] = sum_{p, q < k} x_pad[n, c, s*i + p, s*j + q] / (kh * kw); padded pixels are
    zeros and count in the mean (Chainer's rule). x: (N, C, H, W) -> (N, C, oh, ow) with
    oh = (H + 2 * ph - kh) // sy + 1. ``ksize``, ``stride``, ``pad``: int or pair.
    Its backward spreads the gradient back over each window (the adjoint, unpooling-like).
    """
    kh, kw = pair(ksize)
    sy, sx = pair(ksize if stride is None else stride)
    ph, pw = pair(pad)
    n, c, h, w = x.shape
    win = Window(kh, kw, sy, sx, ph, pw, h, w,
                 conv_outsize(h, kh, sy, ph), conv_outsize(w, kw, sx, pw))
    return WindowSum(win, 1.0 / (kh * kw)).apply((x,))[0]
