"""Image resizing (bilinear or nearest) as two small interpolation-matrix products.

Resizing is linear in x and separable: every output row mixes at most two input rows and
every output column at most two input columns. So y = A_h x A_w^T on each (H, W) plane, with
A_h (out_H, H) and A_w (out_W, W) holding the interpolation weights, and the backward is the
same map with the transposed matrices: gx = A_h^T gy A_w. Double backprop comes for free.
"""
import numpy

from minigan.backend import get_array_module
from minigan.core.function_node import FunctionNode


def interpolation_matrix(out_size, in_size, mode='bilinear', align_corners=True):
    """(out_size, in_size) float64 matrix; row o holds the weights of output pixel o.

    Source coordinates follow Chainer 7: bilinear with ``align_corners`` maps the end pixels
    onto each other (src = o * (in - 1) / (out - 1)); without it src = (o + 0.5) * in / out
    - 0.5, clipped at 0 (OpenCV's rule); nearest takes floor(o * in / out).
    """
    o = numpy.arange(out_size, dtype=numpy.float64)
    if mode == 'nearest':
        src = numpy.minimum(numpy.floor(o * in_size / out_size), in_size - 1)
    elif mode == 'bilinear':
        if align_corners:
            src = numpy.linspace(0, in_size - 1, num=out_size)
        else:
            src = numpy.maximum((o + 0.5) * in_size / out_size - 0.5, 0)
    else:
        raise ValueError("resize_images: mode must be 'bilinear' or 'nearest', got %r" % mode)
    lo = numpy.floor(src).astype(numpy.intp)
    frac = src - lo
    hi = numpy.minimum(lo + 1, in_size - 1)
    rows = numpy.arange(out_size)
    a = numpy.zeros((out_size, in_size))
    numpy.add.at(a, (rows, lo), 1 - frac)
    numpy.add.at(a, (rows, hi), frac)
    return a


class ResizeImages(FunctionNode):
    """y = A_h x A_w^T on every (H, W) plane of x (N, C, H, W)."""

    def __init__(self, a_h, a_w):
        self.a_h, self.a_w = a_h, a_w

    def forward(self, inputs):
        x, = inputs
        n, c, h, w = x.shape
        xp = get_array_module(x)
        t = (x.reshape(-1, w) @ self.a_w.T).reshape(n * c, h, -1)
        return xp.matmul(self.a_h, t).reshape(n, c, self.a_h.shape[0], self.a_w.shape[0]),

    def backward(self, indexes, grad_outputs):
        return ResizeImages(self.a_h.T, self.a_w.T).apply(grad_outputs)


def resize_images(x, output_shape, mode='bilinear', align_corners=True):
    """Resize images x (N, C, H, W) to (N, C, out_H, out_W), ``output_shape`` = (out_H, out_W).

    y[n, c, i, j] = sum_{p, q} A_h[i, p] x[n, c, p, q] A_w[j, q] with bilinear (or nearest)
    weights; see ``interpolation_matrix`` for where each output pixel samples (Chainer 7's
    rules for ``mode`` and ``align_corners``; nearest ignores ``align_corners``).
    """
    xp = get_array_module(x)
    h, w = x.shape[2:]
    a_h = interpolation_matrix(output_shape[0], h, mode, align_corners)
    a_w = interpolation_matrix(output_shape[1], w, mode, align_corners)
    return ResizeImages(xp.asarray(a_h, dtype=x.dtype), xp.asarray(a_w, dtype=x.dtype)).apply(
        (x,))[0]
