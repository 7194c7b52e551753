"""2-D convolution and the node that computes its weight gradient.

Read this first: plain_convolution.py (next to this file), the same convolution as im2col
plus one matmul in plain NCHW, whose gradients come from composition; the tests use it as the
oracle. This version computes the same numbers faster: channels-last patches, reused scratch
memory, and gradients written as convolutions.

    y[n, o, i, j] = b[o] + sum_{c, p, q} x[n, c, i*sy + p - ph, j*sx + q - pw] W[o, c, p, q]

Forward is one matrix product of im2col patches (see minigan.utils.conv). The three
gradients are again convolutions, which is what makes double backprop work:

    gx = deconvolution_2d(gy, W)      (the transpose of the convolution, applied to gy)
    gW = Convolution2DGradW(x, gy)    (correlate x with gy; linear in each of x and gy)
    gb = sum of gy over (N, OH, OW)

Convolution2DGradW is itself a FunctionNode whose backward is a deconvolution (for x) and a
convolution (for gy), so a gradient penalty can differentiate through it.
"""
from minigan.backend import get_array_module
from minigan.configuration import config
from minigan.core.function_node import FunctionNode
from minigan.functions.connection.grouped_dilated import grouped_dilated
from minigan.functions.math.sum import sum as sum_
from minigan.utils import conv


class Convolution2DFunction(FunctionNode):
    """``col``: im2col of x, when the caller has it already (see Deconvolution2DFunction)."""

    def __init__(self, stride=1, pad=0, cover_all=False, col=None):
        self.sy, self.sx = conv.pair(stride)
        self.ph, self.pw = conv.pair(pad)
        self.cover_all = cover_all
        self.col = col

    def forward(self, inputs):
        self.retain_inputs((0, 1))
        x, W = inputs[:2]
        xp = get_array_module(x)
        n, c, h, w = x.shape
        out_c, in_c, kh, kw = W.shape
        if c != in_c:
            raise ValueError('convolution_2d: x has %d channels but W expects %d' % (c, in_c))
        out_h = conv.get_conv_outsize(h, kh, self.sy, self.ph, self.cover_all)
        out_w = conv.get_conv_outsize(w, kw, self.sx, self.pw, self.cover_all)
        if out_h <= 0 or out_w <= 0:
            raise ValueError('convolution_2d: output would be empty for input %s' % (x.shape,))
        col = self.col
        if col is None:
            col = conv.im2col(x, kh, kw, self.sy, self.sx, self.ph, self.pw, out_h, out_w)
        # NOTE: the patches are kept for gW, which needs exactly them (memory for one copy)
        self.col = col if config.enable_backprop else None
        # NOTE: W as (out, kh*kw*C) is small; its transpose is a flag to the matrix product
        w_mat = W.transpose(0, 2, 3, 1).reshape(out_c, -1)
        y = xp.matmul(col, w_mat.T)
        if len(inputs) == 3:
            y += inputs[2]
        return conv.from_nhwc_matrix(y, n, out_h, out_w),

    def backward(self, indexes, grad_outputs):
        # NOTE: imported here because deconvolution_2d imports this module
        from minigan.functions.connection.deconvolution_2d import deconvolution_2d
        x, W = self.get_retained_inputs()
        gy, = grad_outputs
        ret = []
        for i in indexes:
            if i == 0:
                ret.append(deconvolution_2d(gy, W, stride=(self.sy, self.sx),
                                            pad=(self.ph, self.pw), outsize=x.shape[2:]))
            elif i == 1:
                ret.append(Convolution2DGradW(W.shape, (self.sy, self.sx), (self.ph, self.pw),
                                              self.cover_all, self.col).apply((x, gy))[0])
                self.col = None
            else:
                ret.append(sum_(gy, axis=(0, 2, 3)))
        return tuple(ret)


class Convolution2DGradW(FunctionNode):
    """gW[o, c, p, q] = sum_{n, i, j} gy[n, o, i, j] x[n, c, i*sy + p - ph, j*sx + q - pw].

    One matrix product: gy as (out, N*OH*OW) times im2col(x) as (N*OH*OW, kh*kw*C).
    ``col``: im2col of x, when the caller has it already.
    """

    def __init__(self, w_shape, stride, pad, cover_all, col=None):
        self.w_shape = tuple(w_shape)
        self.sy, self.sx = conv.pair(stride)
        self.ph, self.pw = conv.pair(pad)
        self.cover_all = cover_all
        self.col = col

    def forward(self, inputs):
        self.retain_inputs((0, 1))
        x, gy = inputs
        xp = get_array_module(x)
        out_c, in_c, kh, kw = self.w_shape
        n, _, out_h, out_w = gy.shape
        col = self.col
        if col is None:
            col = conv.im2col(x, kh, kw, self.sy, self.sx, self.ph, self.pw, out_h, out_w)
        self.col = None
        gy_mat = conv.to_nhwc_matrix(gy)
        gW = xp.matmul(gy_mat.T, col).reshape(out_c, kh, kw, in_c)
        return xp.ascontiguousarray(gW.transpose(0, 3, 1, 2)),

    def backward(self, indexes, grad_outputs):
        from minigan.functions.connection.deconvolution_2d import deconvolution_2d
        x, gy = self.get_retained_inputs()
        ggW, = grad_outputs
        stride, pad = (self.sy, self.sx), (self.ph, self.pw)
        ret = []
        for i in indexes:
            if i == 0:
                ret.append(deconvolution_2d(gy, ggW, stride=stride, pad=pad,
                                            outsize=x.shape[2:]))
            else:
                ret.append(convolution_2d(x, ggW, stride=stride, pad=pad,
                                          cover_all=self.cover_all))
        return tuple(ret)


def convolution_2d(x, W, b=None, stride=1, pad=0, cover_all=False, dilate=1, groups=1):
    """Two-dimensional convolution (cross-correlation, as in every deep-learning library).

    y[n, o, i, j] = b[o] + sum_{c,p,q} x[n, c, i*sy + p - ph, j*sx + q - pw] W[o, c, p, q]

    Args:
        x: (N, C, H, W) input.
        W: (out_channels, C, kh, kw) filters.
        b: (out_channels,) bias or None.
        stride, pad: an int or a pair (h, w); the input is zero-padded by ``pad``.
        cover_all: keep the last, partial window, so every input pixel is covered.
        dilate: an int or a pair; taps dilate pixels apart (see grouped_dilated).
        groups: split the channels into this many independent convolutions; W is then
            (out_channels, C / groups, kh, kw).

    Returns:
        (N, out_channels, OH, OW) with OH = (H + 2 ph - kh) // sy + 1 (see
        minigan.utils.conv.get_conv_outsize). The array is channels-last in memory.

    Paper: LeCun et al., Gradient-based learning applied to document recognition, 1998.
    """
    if dilate != 1 or groups != 1:
        return grouped_dilated(convolution_2d, x, W, b, dilate, groups, stride=stride,
                               pad=pad, cover_all=cover_all)
    inputs = (x, W) if b is None else (x, W, b)
    return Convolution2DFunction(stride, pad, cover_all).apply(inputs)[0]
