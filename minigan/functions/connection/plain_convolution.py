"""The plain convolution and transposed convolution: read this before the fast ones.

A convolution slides a filter bank W (out, C, kh, kw) over an image x (N, C, H, W):

    y[n, o, i, j] = b[o] + sum_{c, p, q} x[n, c, i*sy + p - ph, j*sx + q - pw] W[o, c, p, q]

Copy every filter-sized patch of x into a column first (im2col, minigan/functions/array/
im2col.py) and the sum over (c, p, q) becomes one matrix product:

    col (N, C*kh*kw, OH*OW);  W as (out, C*kh*kw);  y = W @ col   -> (N, out, OH*OW)

The transposed convolution (deconvolution) runs the same two steps backwards: one matrix
product turns each input pixel into a kh x kw patch of the output, and col2im adds the patches
where they overlap. Neither function here writes a gradient. They are compositions of
im2col / col2im, matmul, reshape and a broadcast add, which are differentiable (twice and
more), so their gradients, and a gradient penalty through them, come from the chain rule.

The tests use these as the oracle of the fast versions (convolution_2d.py and
deconvolution_2d.py), which compute the same numbers channels-last, with reused scratch memory
and (for strided deconvolutions) by phases, and write their gradients as convolutions.
"""
from minigan.functions.array.broadcast import broadcast_to
from minigan.functions.array.im2col import col2im, im2col
from minigan.functions.array.reshape import reshape
from minigan.functions.math.matmul import matmul
from minigan.utils import conv


def _add_bias(y, b):
    """y (N, out, H, W) + b[o] at every pixel."""
    if b is None:
        return y
    return y + broadcast_to(reshape(b, (1, -1, 1, 1)), y.shape)


def convolution_2d_plain(x, W, b=None, stride=1, pad=0, cover_all=False):
    """Convolution as im2col plus one matmul; the arguments of :func:`convolution_2d`.

    x: (N, C, H, W); W: (out, C, kh, kw); b: (out,) or None. Returns (N, out, OH, OW).
    """
    out_c, c, kh, kw = W.shape
    col = im2col(x, (kh, kw), stride, pad, cover_all)              # (N, C*kh*kw, OH, OW)
    n, _, out_h, out_w = col.shape
    col = reshape(col, (n, c * kh * kw, out_h * out_w))             # (N, C*kh*kw, OH*OW)
    y = matmul(reshape(W, (out_c, c * kh * kw)), col)               # (N, out, OH*OW)
    return _add_bias(reshape(y, (n, out_c, out_h, out_w)), b)      # (N, out, OH, OW)


def deconvolution_2d_plain(x, W, b=None, stride=1, pad=0, outsize=None):
    """Transposed convolution as one matmul plus col2im; the arguments of
    :func:`deconvolution_2d`.

    x: (N, C, H, W); W: (C, out, kh, kw); b: (out,) or None. Returns (N, out, OH, OW) with
    OH = sy (H - 1) + kh - 2 ph unless ``outsize`` says otherwise.
    """
    c, out_c, kh, kw = W.shape
    n, _, h, w = x.shape
    (sy, sx), (ph, pw) = conv.pair(stride), conv.pair(pad)
    if outsize is None:
        outsize = (conv.get_deconv_outsize(h, kh, sy, ph), conv.get_deconv_outsize(w, kw, sx, pw))
    out_h, out_w = conv.pair(outsize)
    # NOTE: the convolution mapping (out_h, out_w) back to (h, w) may need the partial window
    cover_all = (conv.get_conv_outsize(out_h, kh, sy, ph) != h or
                 conv.get_conv_outsize(out_w, kw, sx, pw) != w)
    x_mat = reshape(x, (n, c, h * w))                               # (N, C, H*W)
    col = matmul(reshape(W, (c, out_c * kh * kw)), x_mat, transa=True)  # (N, out*kh*kw, H*W)
    col = reshape(col, (n, out_c * kh * kw, h, w))                  # (N, out*kh*kw, H, W)
    y = col2im(col, (n, out_c, out_h, out_w), (kh, kw), stride, pad, cover_all)
    return _add_bias(y, b)                                          # (N, out, OH, OW)
