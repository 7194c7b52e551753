"""Rearrange channels into space and back (sub-pixel convolution's pixel shuffle).

Both are reshape-transpose-reshape compositions, so each one's gradient is the other.
Channel order follows Chainer: output[n, c, h*r + i, w*r + j] = X[n, (i*r + j)*C + c, h, w].
Shi et al., "Real-Time Single Image and Video Super-Resolution Using an Efficient
Sub-Pixel Convolutional Neural Network", CVPR 2016.
"""
from minigan.core.variable import as_variable
from minigan.functions.array.reshape import reshape
from minigan.functions.array.transpose import transpose


def depth2space(X, r):
    """(N, C * r * r, H, W) -> (N, C, H * r, W * r)."""
    X = as_variable(X)
    n, c, h, w = X.shape
    if c % (r * r):
        raise ValueError('depth2space needs channels divisible by r^2, got %d and r=%d' % (c, r))
    c //= r * r
    X = transpose(reshape(X, (n, r, r, c, h, w)), (0, 3, 4, 1, 5, 2))
    return reshape(X, (n, c, h * r, w * r))


def space2depth(X, r):
    """(N, C, H * r, W * r) -> (N, C * r * r, H, W), the inverse of depth2space."""
    X = as_variable(X)
    n, c, h, w = X.shape
    if h % r or w % r:
        raise ValueError('space2depth needs H and W divisible by r=%d, got %dx%d' % (r, h, w))
    X = transpose(reshape(X, (n, c, h // r, r, w // r, r)), (0, 3, 5, 1, 2, 4))
    return reshape(X, (n, r * r * c, h // r, w // r))
