"""convolution_2d and deconvolution_2d with Chainer's ``dilate`` and ``groups``."""
import numpy
import pytest

import minigan.functions as F
from minigan import Variable
from minigan.functions.connection.grouped_dilated import dilate_filter
from minigan.testing import check_backward, check_double_backward


def _conv_loop(x, W, b, s, p, d, g, cover_all=False):
    """y[n, o, i, j] = b[o] + sum_{c,u,v} xpad[n, group(o) C/g + c, i s + u d, j s + v d] W."""
    n, c, h, w = x.shape
    out_c, cg, kh, kw = W.shape
    dk_h, dk_w = (kh - 1) * d + 1, (kw - 1) * d + 1
    extra = s - 1 if cover_all else 0
    oh, ow = (h + 2 * p - dk_h + extra) // s + 1, (w + 2 * p - dk_w + extra) // s + 1
    xpad = numpy.zeros((n, c, h + 2 * p + s, w + 2 * p + s))
    xpad[:, :, p:p + h, p:p + w] = x
    y = numpy.zeros((n, out_c, oh, ow))
    per_group = out_c // g
    for o in range(out_c):
        c0 = (o // per_group) * cg
        for i in range(oh):
            for j in range(ow):
                for u in range(kh):
                    for v in range(kw):
                        y[:, o, i, j] += xpad[:, c0:c0 + cg, i * s + u * d,
                                              j * s + v * d] @ W[o, :, u, v]
    return y + (0 if b is None else b.reshape(1, -1, 1, 1))


def _deconv_loop(x, W, b, s, p, d, g, outsize):
    """Each input pixel paints its group's filters, taps d apart, then the border is cut."""
    n, c, h, w = x.shape
    _, og, kh, kw = W.shape
    oh, ow = outsize
    full = numpy.zeros((n, og * g, oh + 2 * p + s * h + kh * d, ow + 2 * p + s * w + kw * d))
    cg = c // g
    for ci in range(c):
        o0 = (ci // cg) * og
        for i in range(h):
            for j in range(w):
                for u in range(kh):
                    for v in range(kw):
                        full[:, o0:o0 + og, i * s + u * d, j * s + v * d] += (
                            x[:, ci, i, j, None] * W[ci, :, u, v])
    y = full[:, :, p:p + oh, p:p + ow]
    return y + (0 if b is None else b.reshape(1, -1, 1, 1))


def test_dilate_filter_spreads_the_taps():
    W = numpy.arange(8.0).reshape(1, 2, 2, 2)
    Wd = dilate_filter(W, (2, 3)).array
    assert Wd.shape == (1, 2, 3, 4)
    numpy.testing.assert_array_equal(Wd[:, :, ::2, ::3], W)
    assert numpy.count_nonzero(Wd) == numpy.count_nonzero(W)


# (C, out, groups, ksize, stride, pad, dilate, cover_all)
CONV_CASES = [(2, 3, 1, 3, 1, 2, 2, False), (4, 6, 2, 2, 2, 1, 1, False),
              (4, 4, 4, 3, 1, 1, 1, False), (6, 4, 2, 2, 2, 1, 2, True)]


@pytest.mark.parametrize('c, out, g, k, s, p, d, cover_all', CONV_CASES)
def test_convolution_forward_matches_loops(c, out, g, k, s, p, d, cover_all):
    rng = numpy.random.RandomState(0)
    x = rng.randn(2, c, 6, 5).astype(numpy.float32)
    W = rng.randn(out, c // g, k, k).astype(numpy.float32)
    b = rng.randn(out).astype(numpy.float32)
    y = F.convolution_2d(Variable(x), W, b, s, p, cover_all, d, g)
    assert y.dtype == numpy.float32
    numpy.testing.assert_allclose(y.array, _conv_loop(x, W, b, s, p, d, g, cover_all),
                                  rtol=1e-4, atol=1e-5)


# (C, output channels per group, groups, ksize, stride, pad, dilate)
@pytest.mark.parametrize('c, og, g, k, s, p, d', [
    (2, 3, 1, 3, 1, 1, 2), (4, 1, 2, 4, 2, 1, 1), (4, 2, 2, 3, 2, 0, 2)])
def test_deconvolution_forward_matches_loops(c, og, g, k, s, p, d):
    rng = numpy.random.RandomState(1)
    x = rng.randn(2, c, 3, 2)
    W = rng.randn(c, og, k, k)
    b = rng.randn(og * g)
    dk = (k - 1) * d + 1
    outsize = (s * 2 + dk - 2 * p, s * 1 + dk - 2 * p)
    y = F.deconvolution_2d(x, W, b, s, p, dilate=d, groups=g)
    assert y.shape[2:] == outsize
    numpy.testing.assert_allclose(y.array, _deconv_loop(x, W, b, s, p, d, g, outsize),
                                  rtol=1e-10, atol=1e-10)


def test_groups_must_divide_the_channels():
    with pytest.raises(ValueError):
        F.convolution_2d(numpy.zeros((1, 3, 4, 4)), numpy.zeros((4, 1, 1, 1)), groups=2)


@pytest.mark.parametrize('deconv', [False, True])
def test_backward_and_double_backward(deconv):
    rng = numpy.random.RandomState(2)
    if deconv:
        x, W, b = rng.randn(1, 4, 2, 3), rng.randn(4, 1, 2, 2), rng.randn(2)

        def func(x, W, b):
            return F.deconvolution_2d(x, W, b, 2, 1, dilate=2, groups=2)
    else:
        x, W, b = rng.randn(1, 4, 5, 4), rng.randn(2, 2, 2, 2), rng.randn(2)

        def func(x, W, b):
            return F.convolution_2d(x, W, b, 1, 1, dilate=2, groups=2)
    gy = rng.randn(*func(x, W, b).shape)
    check_backward(func, (x, W, b), gy)
    check_double_backward(func, (x, W, b), gy,
                          (rng.randn(*x.shape), rng.randn(*W.shape), rng.randn(*b.shape)))
