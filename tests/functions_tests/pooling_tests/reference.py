"""Slow, obviously correct loops for the pooling tests."""
import numpy


def pool(x, k, s, p, out_size, reduce, pad_value):
    """Apply ``reduce`` to every window of x padded (generously) with ``pad_value``."""
    n, c, h, w = x.shape
    oh, ow = out_size
    margin = 2 * p + 2 * k + 2 * s
    big = numpy.full((n, c, h + margin, w + margin), float(pad_value))
    big[:, :, p:p + h, p:p + w] = x
    y = numpy.empty((n, c, oh, ow))
    for i in range(oh):
        for j in range(ow):
            y[:, :, i, j] = reduce(big[:, :, i * s:i * s + k, j * s:j * s + k], axis=(2, 3))
    return y


def unpool(x, k, s, p, out_size):
    """Add x[n, c, i, j] over window (i, j) of a zero image, then crop the padding."""
    n, c, h, w = x.shape
    oh, ow = out_size
    big = numpy.zeros((n, c, oh + 2 * p + 2 * k + s * h, ow + 2 * p + 2 * k + s * w))
    for i in range(h):
        for j in range(w):
            big[:, :, i * s:i * s + k, j * s:j * s + k] += x[:, :, i, j, None, None]
    return big[:, :, p:p + oh, p:p + ow]
