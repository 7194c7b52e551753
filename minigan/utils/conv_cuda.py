"""im2col and col2im as fused CUDA kernels, for CuPy arrays (the NumPy versions: conv.py).

Both have the same layouts and results as ``minigan.utils.conv``. Each GPU thread writes
one element of the result and computes it in a single pass, with no temporaries:

- im2col gathers: col[(n, i, j), (p, q, c)] = x[n, i*sy + p - ph, j*sx + q - pw, c],
  or 0 where the window reaches into the padding;
- col2im gathers too: each image element sums the column entries that came from it,
  img[n, y, x, c] = sum over the taps p = y + ph - i*sy, q = x + pw - j*sx of
  col[n, i, j, p, q, c]. Gathering, not scattering with atomic adds, keeps the sum
  deterministic.

Images are channels-last (NHWC) and C-contiguous inside the kernels, as on the CPU, and
``raw`` arrays are passed flat, so the bodies index them with plain flat indices.
"""
from minigan.backend import get_array_module
from minigan.backend.cuda import Elementwise

IM2COL = Elementwise(
    'raw T img, int32 h, int32 w, int32 c, int32 out_h, int32 out_w, '
    'int32 kh, int32 kw, int32 sy, int32 sx, int32 ph, int32 pw',
    'T col',
    '''
    const int ch = i % c;
    ptrdiff_t rest = i / c;
    const int q = rest % kw;
    rest /= kw;
    const int p = rest % kh;
    rest /= kh;
    const int col_x = rest % out_w;
    rest /= out_w;
    const int col_y = rest % out_h;
    const ptrdiff_t n = rest / out_h;
    const int in_y = col_y * sy + p - ph;
    const int in_x = col_x * sx + q - pw;
    if (0 <= in_y && in_y < h && 0 <= in_x && in_x < w) {
        col = img[((n * h + in_y) * w + in_x) * c + ch];
    } else {
        col = (T)0;
    }
    ''',
    'minigan_im2col')

COL2IM = Elementwise(
    'raw T col, int32 h, int32 w, int32 c, int32 out_h, int32 out_w, '
    'int32 kh, int32 kw, int32 sy, int32 sx, int32 ph, int32 pw',
    'T img',
    '''
    const int ch = i % c;
    ptrdiff_t rest = i / c;
    const int pad_x = rest % w + pw;
    rest /= w;
    const int pad_y = rest % h + ph;
    const ptrdiff_t n = rest / h;
    T sum = (T)0;
    for (int p = pad_y % sy; p < kh && p <= pad_y; p += sy) {
        const int col_y = (pad_y - p) / sy;
        if (col_y >= out_h) continue;
        for (int q = pad_x % sx; q < kw && q <= pad_x; q += sx) {
            const int col_x = (pad_x - q) / sx;
            if (col_x >= out_w) continue;
            sum += col[((((n * out_h + col_y) * out_w + col_x) * kh + p) * kw + q) * c + ch];
        }
    }
    img = sum;
    ''',
    'minigan_col2im')


def im2col(x, kh, kw, sy, sx, ph, pw, out_h, out_w):
    """conv.im2col for a CuPy x (N, C, H, W): (N*out_h*out_w, kh*kw*C), columns (p, q, c)."""
    xp = get_array_module(x)
    n, c, h, w = x.shape
    img = xp.ascontiguousarray(x.transpose(0, 2, 3, 1))
    col = xp.empty((n, out_h, out_w, kh, kw, c), dtype=x.dtype)
    IM2COL(img.reshape(-1), h, w, c, out_h, out_w, kh, kw, sy, sx, ph, pw, col)
    return col.reshape(n * out_h * out_w, kh * kw * c)


def col2im(col, sy, sx, ph, pw, h, w):
    """conv.col2im for a CuPy col (N, OH, OW, kh, kw, C): (N, C, h, w), channels-last."""
    xp = get_array_module(col)
    n, out_h, out_w, kh, kw, c = col.shape
    img = xp.empty((n, h, w, c), dtype=col.dtype)
    COL2IM(xp.ascontiguousarray(col).reshape(-1), h, w, c, out_h, out_w, kh, kw, sy, sx, ph,
           pw, img)
    return img.transpose(0, 3, 1, 2)
