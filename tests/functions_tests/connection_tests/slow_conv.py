"""Obviously correct (and slow) convolutions: one loop iteration per pixel, float64."""
import numpy


def _pair(x):
    return tuple(x) if isinstance(x, (tuple, list)) else (x, x)


def conv2d(x, W, b=None, stride=1, pad=0, cover_all=False):
    """y[n, o, i, j] = b[o] + sum_{c,p,q} xpad[n, c, i*sy + p, j*sx + q] W[o, c, p, q]."""
    (sy, sx), (ph, pw) = _pair(stride), _pair(pad)
    n, c, h, w = x.shape
    out_c, _, kh, kw = W.shape
    extra_h, extra_w = (sy - 1, sx - 1) if cover_all else (0, 0)
    out_h = (h + 2 * ph - kh + extra_h) // sy + 1
    out_w = (w + 2 * pw - kw + extra_w) // sx + 1
    xpad = numpy.zeros((n, c, h + 2 * ph + sy, w + 2 * pw + sx))
    xpad[:, :, ph:ph + h, pw:pw + w] = x
    y = numpy.zeros((n, out_c, out_h, out_w))
    for i in range(out_h):
        for j in range(out_w):
            patch = xpad[:, :, i * sy:i * sy + kh, j * sx:j * sx + kw]
            y[:, :, i, j] = numpy.tensordot(patch, W, axes=([1, 2, 3], [1, 2, 3]))
    if b is not None:
        y += b.reshape(1, -1, 1, 1)
    return y


def deconv2d(x, W, b=None, stride=1, pad=0, outsize=None):
    """Each input pixel paints W scaled by its value: full[n, o, i*sy + p, j*sx + q] += ..."""
    (sy, sx), (ph, pw) = _pair(stride), _pair(pad)
    n, c, h, w = x.shape
    _, out_c, kh, kw = W.shape
    if outsize is None:
        outsize = (sy * (h - 1) + kh - 2 * ph, sx * (w - 1) + kw - 2 * pw)
    out_h, out_w = outsize
    full = numpy.zeros((n, out_c, max(sy * (h - 1) + kh, out_h + ph),
                        max(sx * (w - 1) + kw, out_w + pw)))
    for i in range(h):
        for j in range(w):
            full[:, :, i * sy:i * sy + kh, j * sx:j * sx + kw] += numpy.einsum(
                'nc,cokl->nokl', x[:, :, i, j], W)
    y = full[:, :, ph:ph + out_h, pw:pw + out_w]
    if b is not None:
        y = y + b.reshape(1, -1, 1, 1)
    return y
