"""Slow, obviously correct loops for convolution and deconvolution (test references)."""
import numpy


def conv2d(x, W, b, stride, pad):
    n, c, h, w = x.shape
    out, _, kh, kw = W.shape
    xp = numpy.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    oh, ow = (h + 2 * pad - kh) // stride + 1, (w + 2 * pad - kw) // stride + 1
    y = numpy.zeros((n, out, oh, ow))
    for i in range(oh):
        for j in range(ow):
            patch = xp[:, :, i * stride:i * stride + kh, j * stride:j * stride + kw]
            y[:, :, i, j] = numpy.tensordot(patch, W, axes=([1, 2, 3], [1, 2, 3]))
    return y + (0 if b is None else b[None, :, None, None])


def deconv2d(x, W, b, stride, pad, outsize=None):
    n, c, h, w = x.shape
    _, out, kh, kw = W.shape
    full = numpy.zeros((n, out, stride * (h - 1) + kh, stride * (w - 1) + kw))
    for i in range(h):
        for j in range(w):
            full[:, :, i * stride:i * stride + kh, j * stride:j * stride + kw] += \
                numpy.tensordot(x[:, :, i, j], W, axes=(1, 0))
    oh, ow = outsize or (full.shape[2] - 2 * pad, full.shape[3] - 2 * pad)
    full = numpy.pad(full, ((0, 0), (0, 0), (0, pad), (0, pad)))
    y = full[:, :, pad:pad + oh, pad:pad + ow]
    return y + (0 if b is None else b[None, :, None, None])
