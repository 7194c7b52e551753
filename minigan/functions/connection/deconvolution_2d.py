"""2-D deconvolution (transposed convolution): the adjoint of convolution_2d.

Read this first: plain_convolution.py (next to this file), the same transposed convolution as
one matmul plus col2im in plain NCHW; the tests use it as the oracle of this faster one.

    y[n, o, i*sy + p - ph, j*sx + q - pw] += x[n, c, i, j] W[c, o, p, q]   (b[o] added once)

Every input pixel paints a kh x kw patch of the output, so forward is one matrix product,
x as (N*H*W, C) times W as (C, kh*kw*out), followed by col2im (minigan.utils.conv). When the
stride divides the kernel and it pays, the output is computed by phases instead, without
col2im (minigan.utils.subpixel). Since it is the transpose of a convolution, its gradients
are convolutions:

    gx = convolution_2d(gy, W)        (W read as (out_channels=C, in_channels=out, kh, kw))
    gW = Convolution2DGradW(gy, x)    (the same correlation as a convolution's weight gradient)
    gb = sum of gy over (N, OH, OW)
"""
from minigan.backend import get_array_module
from minigan.core.function_node import FunctionNode
from minigan.functions.connection.convolution_2d import (
    Convolution2DFunction, Convolution2DGradW)
from minigan.functions.connection.grouped_dilated import grouped_dilated
from minigan.functions.math.sum import sum as sum_
from minigan.utils import conv, subpixel, workspace


class Deconvolution2DFunction(FunctionNode):
    """Transposed convolution; gx is a convolution of gy, gW is Convolution2DGradW(gy, x)."""

    def __init__(self, stride=1, pad=0, outsize=None):
        self.sy, self.sx = conv.pair(stride)
        self.ph, self.pw = conv.pair(pad)
        self.outsize = None if outsize is None else conv.pair(outsize)

    def _output_size(self, h, w, kh, kw):
        """(out_h, out_w, cover_all): the convolution that maps the output back to (h, w)."""
        if self.outsize is None:
            return (conv.get_deconv_outsize(h, kh, self.sy, self.ph),
                    conv.get_deconv_outsize(w, kw, self.sx, self.pw), False)
        out_h, out_w = self.outsize
        for cover_all in (False, True):
            if (conv.get_conv_outsize(out_h, kh, self.sy, self.ph, cover_all) == h and
                    conv.get_conv_outsize(out_w, kw, self.sx, self.pw, cover_all) == w):
                return out_h, out_w, cover_all
        raise ValueError('deconvolution_2d: outsize %s cannot come from an input of size %s '
                         'with ksize %s, stride %s, pad %s'
                         % (self.outsize, (h, w), (kh, kw), (self.sy, self.sx),
                            (self.ph, self.pw)))

    def forward(self, inputs):
        self.retain_inputs((0, 1))
        x, W = inputs[:2]
        xp = get_array_module(x)
        n, c, h, w = x.shape
        in_c, out_c, kh, kw = W.shape
        if c != in_c:
            raise ValueError('deconvolution_2d: x has %d channels but W expects %d' % (c, in_c))
        out_h, out_w, self.cover_all = self._output_size(h, w, kh, kw)
        if out_h <= 0 or out_w <= 0:
            raise ValueError('deconvolution_2d: output would be empty for input %s' % (x.shape,))
        stride, pad = (self.sy, self.sx), (self.ph, self.pw)
        if subpixel.applies(x.shape, W.shape, stride, pad, (out_h, out_w)):
            y = subpixel.deconv_by_phases(x, W, self.sy, self.sx, self.ph, self.pw,
                                          out_h, out_w)
        elif self._as_convolution(c, out_c, kh, kw):
            # NOTE: stride 1: a convolution with the flipped kernel, pad k - 1 - p; im2col
            # copies x once where col2im would add the columns back 9 times (3x3)
            col = conv.im2col(x, kh, kw, 1, 1, kh - 1 - self.ph, kw - 1 - self.pw,
                              out_h, out_w)
            w_mat = W[:, :, ::-1, ::-1].transpose(2, 3, 0, 1).reshape(kh * kw * c, out_c)
            y = conv.from_nhwc_matrix(xp.matmul(col, w_mat), n, out_h, out_w)
        else:
            w_mat = W.transpose(0, 2, 3, 1).reshape(in_c, kh * kw * out_c)
            x_mat = conv.to_nhwc_matrix(x)
            # NOTE: col lives only until col2im: reused memory skips the kernel's page zeroing
            col = workspace.empty(xp, (x_mat.shape[0], w_mat.shape[1]),
                                  xp.result_type(x_mat, w_mat))
            xp.matmul(x_mat, w_mat, out=col)
            col = col.reshape(n, h, w, kh, kw, out_c)
            y = conv.col2im(col, self.sy, self.sx, self.ph, self.pw, out_h, out_w)
        if len(inputs) == 3:
            y += inputs[2].reshape(1, out_c, 1, 1)
        return y,

    def _as_convolution(self, c, out_c, kh, kw):
        """Whether a stride-1 deconvolution is cheaper as a convolution: the patches of x
        (kh*kw*c columns) are no wider than the columns col2im would add up (kh*kw*out_c)."""
        return (self.sy == self.sx == 1 and self.ph < kh and self.pw < kw and c <= out_c)

    def backward(self, indexes, grad_outputs):
        x, W = self.get_retained_inputs()
        gy, = grad_outputs
        stride, pad = (self.sy, self.sx), (self.ph, self.pw)
        col = None
        if 0 in indexes and 1 in indexes:
            # NOTE: gx and gW both start from the patches of gy: cut them out once
            _, _, kh, kw = W.shape
            col = conv.im2col(gy.array, kh, kw, self.sy, self.sx, self.ph, self.pw,
                              x.shape[2], x.shape[3])
        ret = []
        for i in indexes:
            if i == 0:
                ret.append(Convolution2DFunction(stride, pad, self.cover_all, col)
                           .apply((gy, W))[0])
            elif i == 1:
                ret.append(Convolution2DGradW(W.shape, stride, pad, self.cover_all, col)
                           .apply((gy, x))[0])
            else:
                ret.append(sum_(gy, axis=(0, 2, 3)))
        return tuple(ret)


def deconvolution_2d(x, W, b=None, stride=1, pad=0, outsize=None, dilate=1, groups=1):
    """Two-dimensional deconvolution, a.k.a. transposed or fractionally strided convolution.

    y[n, o, i*sy + p - ph, j*sx + q - pw] += x[n, c, i, j] W[c, o, p, q], plus b[o]

    Args:
        x: (N, C, H, W) input.
        W: (C, out_channels, kh, kw) filters (note: in_channels first, unlike convolution_2d).
        b: (out_channels,) bias or None.
        stride, pad: an int or a pair (h, w); ``pad`` crops the output on every side.
        outsize: (OH, OW), or None for OH = sy (H - 1) + kh - 2 ph. A convolution with the
            same ksize, stride and pad must map OH back to H.
        dilate: an int or a pair; taps dilate pixels apart (kh becomes (kh - 1) dilate + 1).
        groups: split the channels into this many independent deconvolutions; W is then
            (C, out_channels / groups, kh, kw).

    Returns:
        (N, out_channels, OH, OW), channels-last in memory.

    Paper: Zeiler et al., Deconvolutional networks, 2010; Radford et al., DCGAN, 2016.
    """
    if dilate != 1 or groups != 1:
        return grouped_dilated(deconvolution_2d, x, W, b, dilate, groups, stride=stride,
                               pad=pad, outsize=outsize)
    inputs = (x, W) if b is None else (x, W, b)
    return Deconvolution2DFunction(stride, pad, outsize).apply(inputs)[0]
