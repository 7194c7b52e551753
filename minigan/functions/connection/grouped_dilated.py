"""Dilated and grouped convolutions, composed from the plain ones.

Both are rewrites that need no gradient of their own:

* dilation d spreads the filter taps d pixels apart. That equals a plain convolution with
  the filter W_d whose taps W_d[..., p*d, q*d] = W[..., p, q] are separated by zeros
  (size (k - 1) d + 1), so ``dilate_filter`` builds W_d from pad and reshape;
* groups g cut the channels into g independent slices: group i of x meets only group i of
  the filters, and the g outputs are concatenated along the channels.

The zeros cost (d^2 times) more multiplications than a dedicated kernel would; GANs rarely
dilate, and this way every order of derivative comes from the plain convolutions.
Paper: Yu and Koltun, Multi-scale context aggregation by dilated convolutions, 2016;
Krizhevsky et al., 2012 (groups).
"""
from minigan.core.variable import as_variable
from minigan.functions.array.broadcast import broadcast_to
from minigan.functions.array.concat import concat
from minigan.functions.array.pad import pad
from minigan.functions.array.reshape import reshape
from minigan.functions.array.split_axis import split_axis
from minigan.utils.conv import pair


def dilate_filter(W, dilate):
    """(A, B, kh, kw) -> (A, B, (kh - 1) dy + 1, (kw - 1) dx + 1), taps dy, dx apart."""
    W = as_variable(W)
    dy, dx = pair(dilate)
    if dy == dx == 1:
        return W
    a, b, kh, kw = W.shape
    spread = pad(reshape(W, (a, b, kh, 1, kw, 1)),
                 ((0, 0), (0, 0), (0, 0), (0, dy - 1), (0, 0), (0, dx - 1)))
    spread = reshape(spread, (a, b, kh * dy, kw * dx))
    return spread[:, :, :(kh - 1) * dy + 1, :(kw - 1) * dx + 1]


def grouped_dilated(op, x, W, b, dilate, groups, **kwargs):
    """``op(x, W, b, **kwargs)`` (convolution_2d or deconvolution_2d) with dilate and groups.

    x: (N, C, H, W). W splits along its first axis into ``groups`` slices, which is the
    output channels for a convolution's (out, C / g, kh, kw) filters and the input channels
    for a deconvolution's (C, out / g, kh, kw).
    """
    W = dilate_filter(W, dilate)
    if groups == 1:
        return op(x, W, b, **kwargs)
    x = as_variable(x)
    if x.shape[1] % groups or W.shape[0] % groups:
        raise ValueError('groups=%d must divide the %d input channels and the %d filters'
                         % (groups, x.shape[1], W.shape[0]))
    pieces = zip(split_axis(x, groups, axis=1), split_axis(W, groups, axis=0))
    y = concat([op(x_i, W_i, None, **kwargs) for x_i, W_i in pieces], axis=1)
    if b is None:
        return y
    return y + broadcast_to(reshape(b, (1, -1, 1, 1)), y.shape)
