import numpy
import pytest

import minigan
import minigan.functions as F
from minigan.functions.connection.convolution_2d import Convolution2DGradW
from minigan.functions.connection.plain_convolution import (
    convolution_2d_plain, deconvolution_2d_plain)
from minigan.testing import check_backward, check_double_backward
from tests.functions_tests.cupy_helpers import DEVICES, assert_cupy_matches_numpy

# (x shape, W shape, stride, pad, cover_all)
CASES = [
    ((2, 3, 5, 5), (4, 3, 3, 3), 1, 0, False),
    ((2, 3, 7, 6), (4, 3, 3, 3), 2, 1, False),     # non-square, odd sizes
    ((1, 2, 8, 8), (3, 2, 4, 4), 2, 1, False),     # the DCGAN discriminator's layer
    ((2, 3, 6, 7), (2, 3, 2, 3), (2, 1), (1, 0), False),  # rectangular kernel, tuple args
    ((1, 2, 6, 6), (2, 2, 3, 3), 2, 0, False),     # the last input row is never read
    ((1, 2, 6, 5), (2, 2, 3, 3), 2, 0, True),      # cover_all keeps the partial window
    ((3, 4, 4, 4), (1, 4, 4, 4), 1, 0, False),     # 4x4 -> 1x1, a critic's last layer
]


def _data(x_shape, w_shape, dtype=numpy.float64, seed=0):
    rng = numpy.random.RandomState(seed)
    x = rng.uniform(-1, 1, x_shape).astype(dtype)
    W = rng.uniform(-1, 1, w_shape).astype(dtype)
    b = rng.uniform(-1, 1, w_shape[0]).astype(dtype)
    return x, W, b


@pytest.mark.parametrize('x_shape, w_shape, stride, pad, cover_all', CASES)
@pytest.mark.parametrize('nobias', [False, True])
def test_forward_matches_the_plain_convolution(x_shape, w_shape, stride, pad, cover_all, nobias):
    x, W, b = _data(x_shape, w_shape)
    b = None if nobias else b
    y = F.convolution_2d(x, W, b, stride=stride, pad=pad, cover_all=cover_all)
    expected = convolution_2d_plain(x, W, b, stride, pad, cover_all).array
    assert y.shape == expected.shape
    numpy.testing.assert_allclose(y.array, expected, rtol=1e-12, atol=1e-12)


def test_float32_stays_float32():
    x, W, b = _data((2, 3, 6, 6), (4, 3, 3, 3), numpy.float32)
    x, W, b = minigan.Variable(x), minigan.Variable(W), minigan.Variable(b)
    y = F.convolution_2d(x, W, b, stride=2, pad=1)
    assert y.dtype == numpy.float32
    F.sum(y * y).backward()
    assert x.grad.dtype == W.grad.dtype == b.grad.dtype == numpy.float32
    expected = convolution_2d_plain(x.array, W.array, b.array, 2, 1).array
    numpy.testing.assert_allclose(y.array, expected, rtol=1e-5, atol=1e-5)


def _gradients(conv, x, W, b, gy, stride, pad, cover_all):
    """(gx, gW, gb) of conv, and the gradient of their squared norm: first and second order."""
    xv, Wv, bv = minigan.Variable(x), minigan.Variable(W), minigan.Variable(b)
    y = conv(xv, Wv, bv, stride, pad, cover_all)
    grads = minigan.grad([y], [xv, Wv, bv], [minigan.Variable(gy)], enable_double_backprop=True)
    penalty = sum(F.sum(g * g) for g in grads)
    return [g.array for g in grads + minigan.grad([penalty], [xv, Wv])]


@pytest.mark.parametrize('x_shape, w_shape, stride, pad, cover_all', CASES)
def test_gradients_match_the_plain_convolution(x_shape, w_shape, stride, pad, cover_all):
    x, W, b = _data(x_shape, w_shape)
    y_shape = convolution_2d_plain(x, W, None, stride, pad, cover_all).shape
    gy = numpy.random.RandomState(1).uniform(-1, 1, y_shape)
    fast = _gradients(lambda x, W, b, s, p, c: F.convolution_2d(x, W, b, s, p, c),
                      x, W, b, gy, stride, pad, cover_all)
    plain = _gradients(convolution_2d_plain, x, W, b, gy, stride, pad, cover_all)
    for got, expected in zip(fast, plain):
        numpy.testing.assert_allclose(got, expected, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize('x_shape, w_shape, stride, pad, cover_all', CASES)
def test_backward(x_shape, w_shape, stride, pad, cover_all):
    x, W, b = _data(x_shape, w_shape)
    y_shape = convolution_2d_plain(x, W, None, stride, pad, cover_all).shape
    gy = numpy.random.RandomState(1).normal(size=y_shape)

    def f(x, W, b):
        return F.convolution_2d(x, W, b, stride=stride, pad=pad, cover_all=cover_all)
    check_backward(f, (x, W, b), gy)


@pytest.mark.parametrize('x_shape, w_shape, stride, pad, cover_all', CASES[1:])
def test_double_backward(x_shape, w_shape, stride, pad, cover_all):
    x, W, b = _data(x_shape, w_shape)
    y_shape = convolution_2d_plain(x, W, None, stride, pad, cover_all).shape
    rng = numpy.random.RandomState(1)
    gy = rng.normal(size=y_shape)
    ggs = (rng.normal(size=x.shape), rng.normal(size=W.shape), rng.normal(size=b.shape))

    def f(x, W, b):
        # NOTE: squaring makes the gradient depend on x and W, so all paths are checked
        y = F.convolution_2d(x, W, b, stride=stride, pad=pad, cover_all=cover_all)
        return y * y
    check_double_backward(f, (x, W, b), gy, ggs)


def test_grad_w_node_double_backward():
    x, W, _ = _data((2, 3, 7, 6), (4, 3, 3, 3))
    rng = numpy.random.RandomState(2)
    gy = rng.normal(size=(2, 4, 4, 3))

    def f(x, gy):
        return Convolution2DGradW(W.shape, 2, 1, False).apply((x, gy))[0]
    check_backward(f, (x, gy), rng.normal(size=W.shape))


def test_double_backprop_through_plain_sum():
    # NOTE: Chainer 7.8.1 raises here; the gradient of sum(conv(x, W)) wrt x must still
    # be differentiable wrt W: d/dW sum(gx^2) where gx = deconv(ones, W)
    x, W, _ = _data((1, 2, 6, 6), (3, 2, 3, 3))
    xv, Wv = minigan.Variable(x), minigan.Variable(W)
    gx, = minigan.grad([F.sum(F.convolution_2d(xv, Wv, stride=2))], [xv],
                       enable_double_backprop=True)
    gW, = minigan.grad([F.sum(gx * gx)], [Wv])
    ones = numpy.ones((1, 3, 2, 2))
    eps, d = 1e-6, numpy.random.RandomState(3).normal(size=W.shape)

    def penalty(W):
        g = deconvolution_2d_plain(ones, W, None, 2, 0, (6, 6)).array
        return (g * g).sum()
    numerical = (penalty(W + eps * d) - penalty(W - eps * d)) / (2 * eps)
    numpy.testing.assert_allclose((gW.array * d).sum(), numerical, rtol=1e-6)
    assert numpy.all(gx.array[:, :, 5, :] == 0)  # the unread row gets no gradient


@pytest.mark.parametrize('device', DEVICES)
def test_cupy_matches_numpy(device):
    x, W, b = _data((2, 3, 7, 6), (4, 3, 3, 3), numpy.float32)
    gy = numpy.random.RandomState(1).normal(size=(2, 4, 4, 3)).astype(numpy.float32)
    assert_cupy_matches_numpy(lambda x, W, b, gy: F.convolution_2d(x, W, b, stride=2, pad=1) * gy,
                              [x, W, b, gy], device, rtol=1e-4, atol=1e-4)
