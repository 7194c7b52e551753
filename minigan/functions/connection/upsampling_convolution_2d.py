"""A 3x3 convolution of a 2x nearest-upsampled image, as one stride-2 deconvolution.

Upsampling by 2 repeats every pixel into a 2x2 block, so the 3x3 window of an output pixel
covers only 2x2 distinct input pixels, with the taps of each one summed. Along one axis,
output pixel Y = 2i + r (Y counted on the upsampled grid, pad 1):

    r = 0:  W[0] x[i-1] + (W[1] + W[2]) x[i]        r = 1:  (W[0] + W[1]) x[i] + W[2] x[i+1]

which is exactly a transposed convolution of x with stride 2, pad 1 and the 4-tap kernel
[W[2], W[1] + W[2], W[0] + W[1], W[0]] (on both axes: the outer product of the sums). It
computes the same image with 4 instead of 9 multiply-adds per output value and never builds
the upsampled copy; minigan runs that deconvolution by phases (minigan/utils/subpixel.py).
The official PGGAN code builds the same kernel for its fused ``upscale2d_conv2d``.
Karras et al., "Progressive Growing of GANs", ICLR 2018, appendix A.
"""
import numpy

from minigan.core.variable import as_variable
from minigan.functions.array.reshape import reshape
from minigan.functions.array.transpose import transpose
from minigan.functions.connection.deconvolution_2d import deconvolution_2d
from minigan.functions.math.matmul import matmul

# NOTE: tap p of the 4-tap kernel sums the 3x3 taps d with _TAPS[p, d] = 1
_TAPS = numpy.array([[0, 0, 1], [0, 1, 1], [1, 1, 0], [1, 0, 0]])


def upsampling_convolution_2d(x, W, b=None):
    """``convolution_2d(unpooling_2d(x, 2, cover_all=False), W, b, stride=1, pad=1)``.

    x: (N, C, H, W); W: (out_channels, C, 3, 3); b: (out_channels,) or None. Returns
    (N, out_channels, 2H, 2W), channels-last in memory. Differentiable in x, W and b to any
    order (a deconvolution of x with a kernel that is linear in W).
    """
    W = as_variable(W)
    out_c, in_c, kh, kw = W.shape
    if (kh, kw) != (3, 3):
        raise ValueError('upsampling_convolution_2d needs a 3x3 kernel, got %dx%d' % (kh, kw))
    # NOTE: kernel[o, c, p, q] = sum_{d, e} _TAPS[p, d] _TAPS[q, e] W[o, c, d, e]
    taps = numpy.kron(_TAPS, _TAPS).T.astype(W.dtype)  # (9, 16)
    kernel = matmul(reshape(W, (out_c * in_c, 9)), W.xp.asarray(taps))
    kernel = transpose(reshape(kernel, (out_c, in_c, 4, 4)), (1, 0, 2, 3))
    return deconvolution_2d(x, kernel, b, stride=2, pad=1)
