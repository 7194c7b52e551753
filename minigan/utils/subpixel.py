"""Strided deconvolution by phases: one matrix product, no column tensor and no col2im.

A deconvolution y[n, o, i*s + p - P] += x[n, c, i] W[c, o, p] (one axis shown; the two axes
are independent) paints a k-tap kernel every s output pixels. When s divides k, write the
tap as p = a*s + r (0 <= r < s, 0 <= a < K = k / s) and the output row as Y + P = t*s + r:

    y[n, o, t*s + r - P] = sum_{c, a} x[n, c, t - a] W[c, o, a*s + r]

so every output phase r is an ordinary stride-1 correlation of x with the K-tap sub-kernel
W[..., r::s] (flipped). All s*s phases read the same K x K windows of x: one im2col of the
small input, (N*T*U, K*K*C), times W rearranged as (K*K*C, s*s*out) gives every phase at
once, and s*s strided copies interleave the phases into the output (the pixel shuffle).

The generic path writes an (N, H, W, kh, kw, out) column tensor and adds it back with
col2im's zero-fill and slice-additions. The window matrix that replaces it is smaller while
C < s*s*out, but it holds T*U windows where H*W would do (T = H + K - 1 at the usual pad:
13% more multiply-adds on a 16 x 16 input, 56% on 4 x 4); ``applies`` weighs the two.
Measured (benchmarks/ops.py, batch 64, 2 threads, medians of 7 runs): DCGAN's 128 -> 64,
16 -> 32 deconvolution forward 40 -> 26 ms; the 64 -> 128, 32 -> 16 convolution, whose
input gradient is such a deconvolution, forward + backward 83 -> 68 ms (with workspace.py).

Paper: Shi et al., Real-time single image and video super-resolution using an efficient
sub-pixel convolutional neural network, 2016 (the pixel shuffle).
"""
from minigan.backend import get_array_module
from minigan.utils import conv, parallel, workspace


#: the most windows T*U the phase path may multiply, relative to the H*W that would do
MAX_EXTRA_WINDOWS = 1.25


def can_split(kh, kw, sy, sx):
    """Whether a (kh, kw) kernel with stride (sy, sx) splits into phases: s > 1 divides k."""
    return sy * sx > 1 and kh % sy == 0 and kw % sx == 0


def applies(x_shape, w_shape, stride, pad, outsize):
    """Whether ``deconv_by_phases`` should compute this deconvolution (W is (C, out, kh, kw)).

    The kernel must split (``can_split``) and the phases must pay: few wasted windows, and a
    window matrix smaller than the column tensor it replaces.
    """
    _, c, h, w = x_shape
    _, out_c, kh, kw = w_shape
    (sy, sx), (ph, pw), (out_h, out_w) = stride, pad, outsize
    if not can_split(kh, kw, sy, sx):
        return False
    windows = _phase_axis(kh, sy, ph, out_h)[0] * _phase_axis(kw, sx, pw, out_w)[0]
    return (windows <= MAX_EXTRA_WINDOWS * h * w and
            windows * c * (kh // sy) * (kw // sx) < h * w * out_c * kh * kw)


def _phase_axis(k, s, p, out):
    """One axis: (windows T, rows of x to skip, im2col pad, crop of the first window).

    Output pixel Y belongs to window t = (Y + p) // s; windows t0 .. t0 + T - 1 cover Y in
    [0, out) and start at output pixel t0*s - p = -crop. Window t reads x[t - K + 1 .. t],
    i.e. im2col rows with pad K - 1 - t0; a negative pad instead skips the first rows of x.
    """
    taps = k // s
    t0, t1 = p // s, (out - 1 + p) // s
    pad = taps - 1 - t0
    skip = max(0, -pad)
    return t1 - t0 + 1, skip, max(0, pad), p - t0 * s


def deconv_by_phases(x, W, sy, sx, ph, pw, out_h, out_w):
    """deconvolution_2d's forward when s divides k: x (N, C, H, W), W (C, out, kh, kw).

    Returns (N, out, out_h, out_w), channels-last in memory, equal to the generic path.
    """
    xp = get_array_module(x)
    n, c, h, w = x.shape
    _, out_c, kh, kw = W.shape
    ky, kx = kh // sy, kw // sx
    rows, skip_h, pad_h, crop_h = _phase_axis(kh, sy, ph, out_h)
    cols, skip_w, pad_w, crop_w = _phase_axis(kw, sx, pw, out_w)
    col = conv.im2col(x[:, :, skip_h:, skip_w:], ky, kx, 1, 1, pad_h, pad_w, rows, cols)
    # NOTE: window tap m reads x[t - (K - 1 - m)], so the sub-kernel taps a = K - 1 - m run
    # backwards; W[c, o, a*s + r] is W seen as (c, o, a, r)
    w_sub = W.reshape(c, out_c, ky, sy, kx, sx)[:, :, ::-1, :, ::-1, :]
    w_mat = w_sub.transpose(2, 4, 0, 3, 5, 1).reshape(ky * kx * c, sy * sx * out_c)
    phases = workspace.empty(xp, (col.shape[0], w_mat.shape[1]), xp.result_type(col, w_mat))
    xp.matmul(col, w_mat, out=phases)
    phases = phases.reshape(n, rows, cols, sy, sx, out_c)
    y = workspace.empty(xp, (n, out_h, out_w, out_c), phases.dtype)

    def interleave(a, b):
        for ry in range(sy):
            # NOTE: output rows Y = t*s + ry - crop_h, t counted from the first window
            first_h = (ry - crop_h) % sy
            t_h = (first_h + crop_h - ry) // sy
            n_h = len(range(first_h, out_h, sy))
            for rx in range(sx):
                first_w = (rx - crop_w) % sx
                t_w = (first_w + crop_w - rx) // sx
                n_w = len(range(first_w, out_w, sx))
                y[a:b, first_h::sy, first_w::sx] = \
                    phases[a:b, t_h:t_h + n_h, t_w:t_w + n_w, ry, rx]
    parallel.over_rows(interleave, n, y.size, xp)
    return y.transpose(0, 3, 1, 2)
