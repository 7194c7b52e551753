"""im2col / col2im and output sizes: how a convolution becomes one matrix product.

A convolution y[n, o, i, j] = sum_{c, p, q} x[n, c, i*sy + p - ph, j*sx + q - pw] W[o, c, p, q]
is a matrix product once every kh x kw patch of x is copied into one row:

    col (N*OH*OW, kh*kw*C)  @  W as (kh*kw*C, out)  ->  y as (N*OH*OW, out)

The rows and columns are laid out channels-last (NHWC), so the product reads and writes
contiguous memory and nothing is transposed around it. A (N*OH*OW, out) result is already
an NHWC image; ``from_nhwc_matrix`` shows it as (N, out, OH, OW) without copying, and
``to_nhwc_matrix`` turns such an array back into a matrix for free. Inputs and outputs keep
Chainer's (N, C, H, W) shape; only the memory order is channels-last.

col2im is the adjoint of im2col: it adds every row of a column matrix back onto the patch
it came from, with a few strided slice-additions (no loop over images or pixels).

Both are pure memory traffic, one pass each; on NumPy they are split over the batch into
threads (minigan.utils.parallel), because NumPy releases the GIL while it copies. On CuPy
they are one fused CUDA kernel each (conv_cuda.py).
"""
import numpy

from minigan.backend import get_array_module
from minigan.utils import conv_cuda, parallel, workspace


def pair(x):
    """``x`` as a pair (h, w): an int is used for both."""
    if isinstance(x, (tuple, list)):
        return int(x[0]), int(x[1])
    return int(x), int(x)


def get_conv_outsize(size, k, s, p, cover_all=False, d=1):
    """Output length of a convolution: (size + 2p - dk) // s + 1, dk = k + (k - 1)(d - 1).

    With ``cover_all`` the last, partial window is kept too (s - 1 more input positions).
    """
    dk = k + (k - 1) * (d - 1)
    if cover_all:
        return (size + p * 2 - dk + s - 1) // s + 1
    return (size + p * 2 - dk) // s + 1


def get_deconv_outsize(size, k, s, p, cover_all=False, d=1):
    """Output length of a deconvolution: s (size - 1) + dk - 2p (the inverse of the above)."""
    dk = k + (k - 1) * (d - 1)
    if cover_all:
        return s * (size - 1) + dk - s + 1 - 2 * p
    return s * (size - 1) + dk - 2 * p


def to_nhwc_matrix(x):
    """(N, C, H, W) -> (N*H*W, C), C-contiguous; free when x is channels-last in memory."""
    xp = get_array_module(x)
    n, c, h, w = x.shape
    return xp.ascontiguousarray(x.transpose(0, 2, 3, 1)).reshape(n * h * w, c)


def from_nhwc_matrix(y, n, h, w):
    """(N*H*W, C) -> (N, C, H, W) as a view: the inverse of ``to_nhwc_matrix``."""
    return y.reshape(n, h, w, -1).transpose(0, 3, 1, 2)


def im2col(x, kh, kw, sy, sx, ph, pw, out_h, out_w):
    """Patches of x (N, C, H, W) as rows: (N*out_h*out_w, kh*kw*C), columns ordered (p, q, c).

    col[(n, i, j), (p, q, c)] = x[n, c, i*sy + p - ph, j*sx + q - pw] (zero outside x).
    """
    if get_array_module(x) is not numpy:
        return conv_cuda.im2col(x, kh, kw, sy, sx, ph, pw, out_h, out_w)
    return im2col_strided(x, kh, kw, sy, sx, ph, pw, out_h, out_w)


def im2col_strided(x, kh, kw, sy, sx, ph, pw, out_h, out_w):
    """im2col with array operations only (NumPy's path; on CuPy the fused kernel is used).

    x is first copied, zero-padded and channels-last, into an image of exactly the rows and
    columns the windows read; a strided view then shows every window of it at once.
    """
    xp = get_array_module(x)
    n, c, h, w = x.shape
    rows, cols = sy * (out_h - 1) + kh, sx * (out_w - 1) + kw
    xt = x.transpose(0, 2, 3, 1)
    copy_in = ph > 0 or pw > 0 or rows > h or cols > w
    # NOTE: as_strided reads any strides, so without padding x itself is viewed, not copied
    img = xp.zeros((n, rows, cols, c), dtype=x.dtype) if copy_in else xt
    hh, ww = min(h, rows - ph), min(w, cols - pw)
    s_n, s_h, s_w, s_c = img.strides
    patches = xp.lib.stride_tricks.as_strided(
        img, (n, out_h, out_w, kh, kw, c), (s_n, s_h * sy, s_w * sx, s_h, s_w, s_c))
    # NOTE: memory an earlier col let go of: fresh pages cost a zeroing pass (see workspace)
    col = workspace.empty(xp, patches.shape, x.dtype)

    def copy(a, b):
        if copy_in:
            img[a:b, ph:ph + hh, pw:pw + ww, :] = xt[a:b, :hh, :ww, :]
        col[a:b] = patches[a:b]
    parallel.over_rows(copy, n, col.size, xp)
    return col.reshape(n * out_h * out_w, kh * kw * c)


def col2im(col, sy, sx, ph, pw, h, w):
    """Adjoint of im2col: col (N, OH, OW, kh, kw, C) summed back onto an image (N, C, h, w).

    img[n, c, i*sy + p - ph, j*sx + q - pw] += col[n, i, j, p, q, c]; the result is a view of
    channels-last memory.
    """
    if get_array_module(col) is not numpy:
        return conv_cuda.col2im(col, sy, sx, ph, pw, h, w)
    return col2im_sliced(col, sy, sx, ph, pw, h, w)


def col2im_sliced(col, sy, sx, ph, pw, h, w):
    """col2im with array operations only (NumPy's path; on CuPy the fused kernel is used).

    Writing kernel row p = A*sy + r puts it on image row (i + A)*sy + r, so with the image
    seen as (N, H/sy, sy, W/sx, sx, C) all taps r < sy of one A land in one slice: a 4x4
    stride-2 kernel needs 4 slice-additions instead of 16.
    """
    xp = get_array_module(col)
    n, out_h, out_w, kh, kw, c = col.shape
    rows = -(-max(sy * (out_h - 1) + kh, h + ph) // sy)
    cols = -(-max(sx * (out_w - 1) + kw, w + pw) // sx)
    img = xp.zeros((n, rows, sy, cols, sx, c), dtype=col.dtype)

    def add(a, b):
        for p in range(0, kh, sy):
            for q in range(0, kw, sx):
                taps = col[a:b, :, :, p:p + sy, q:q + sx, :].transpose(0, 1, 3, 2, 4, 5)
                _, _, nr, _, nc, _ = taps.shape
                img[a:b, p // sy:p // sy + out_h, :nr, q // sx:q // sx + out_w, :nc] += taps
    parallel.over_rows(add, n, col.size, xp)
    img = img.reshape(n, rows * sy, cols * sx, c)
    return img[:, ph:ph + h, pw:pw + w, :].transpose(0, 3, 1, 2)
