import numpy
import pytest

import minigan
import minigan.functions as F
from minigan.functions.connection.plain_convolution import deconvolution_2d_plain
from minigan.testing import check_backward, check_double_backward
from tests.functions_tests.cupy_helpers import DEVICES, assert_cupy_matches_numpy

# (x shape, W shape (in, out, kh, kw), stride, pad, outsize)
CASES = [
    ((2, 3, 1, 1), (3, 4, 4, 4), 1, 0, None),        # the generator's first layer: 1x1 -> 4x4
    ((2, 3, 4, 4), (3, 2, 4, 4), 2, 1, None),        # a DCGAN generator layer: 4x4 -> 8x8
    ((2, 3, 3, 5), (3, 2, 3, 3), 2, 1, None),        # non-square, odd sizes
    ((1, 2, 3, 4), (2, 3, 2, 3), (2, 1), (1, 0), None),  # rectangular kernel, tuple args
    ((1, 2, 3, 3), (2, 2, 3, 3), 2, 1, (6, 5)),      # outsize one larger than the default
    ((1, 2, 3, 3), (2, 2, 3, 3), 2, 0, (6, 6)),      # outsize that needs cover_all (crops)
]


def _data(x_shape, w_shape, dtype=numpy.float64, seed=0):
    rng = numpy.random.RandomState(seed)
    x = rng.uniform(-1, 1, x_shape).astype(dtype)
    W = rng.uniform(-1, 1, w_shape).astype(dtype)
    b = rng.uniform(-1, 1, w_shape[1]).astype(dtype)
    return x, W, b


def _f(stride, pad, outsize, square=False):
    def f(x, W, b):
        y = F.deconvolution_2d(x, W, b, stride=stride, pad=pad, outsize=outsize)
        return y * y if square else y
    return f


@pytest.mark.parametrize('x_shape, w_shape, stride, pad, outsize', CASES)
@pytest.mark.parametrize('nobias', [False, True])
def test_forward_matches_the_plain_deconvolution(x_shape, w_shape, stride, pad, outsize, nobias):
    x, W, b = _data(x_shape, w_shape)
    b = None if nobias else b
    y = F.deconvolution_2d(x, W, b, stride=stride, pad=pad, outsize=outsize)
    expected = deconvolution_2d_plain(x, W, b, stride, pad, outsize).array
    assert y.shape == expected.shape
    numpy.testing.assert_allclose(y.array, expected, rtol=1e-12, atol=1e-12)


def test_is_the_adjoint_of_convolution():
    # <conv(x, W), y> == <x, deconv(y, W)> for every x and y
    rng = numpy.random.RandomState(0)
    x, y = rng.normal(size=(2, 3, 7, 6)), rng.normal(size=(2, 4, 4, 3))
    W = rng.normal(size=(4, 3, 3, 3))
    lhs = (F.convolution_2d(x, W, stride=2, pad=1).array * y).sum()
    rhs = (x * F.deconvolution_2d(y, W, stride=2, pad=1, outsize=(7, 6)).array).sum()
    numpy.testing.assert_allclose(lhs, rhs, rtol=1e-12)


def test_bad_outsize_raises():
    x, W, _ = _data((1, 2, 3, 3), (2, 2, 3, 3))
    with pytest.raises(ValueError):
        F.deconvolution_2d(x, W, stride=2, pad=1, outsize=(9, 9))


def test_float32_stays_float32():
    x, W, b = _data((2, 3, 4, 4), (3, 2, 4, 4), numpy.float32)
    x, W, b = minigan.Variable(x), minigan.Variable(W), minigan.Variable(b)
    y = F.deconvolution_2d(x, W, b, stride=2, pad=1)
    assert y.dtype == numpy.float32
    F.sum(y * y).backward()
    assert x.grad.dtype == W.grad.dtype == b.grad.dtype == numpy.float32
    expected = deconvolution_2d_plain(x.array, W.array, b.array, 2, 1).array
    numpy.testing.assert_allclose(y.array, expected, rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize('x_shape, w_shape, stride, pad, outsize', CASES)
def test_backward(x_shape, w_shape, stride, pad, outsize):
    x, W, b = _data(x_shape, w_shape)
    y_shape = deconvolution_2d_plain(x, W, None, stride, pad, outsize).shape
    gy = numpy.random.RandomState(1).normal(size=y_shape)
    check_backward(_f(stride, pad, outsize), (x, W, b), gy)


@pytest.mark.parametrize('x_shape, w_shape, stride, pad, outsize', CASES)
def test_double_backward(x_shape, w_shape, stride, pad, outsize):
    x, W, b = _data(x_shape, w_shape)
    y_shape = deconvolution_2d_plain(x, W, None, stride, pad, outsize).shape
    rng = numpy.random.RandomState(1)
    gy = rng.normal(size=y_shape)
    ggs = (rng.normal(size=x.shape), rng.normal(size=W.shape), rng.normal(size=b.shape))
    check_double_backward(_f(stride, pad, outsize, square=True), (x, W, b), gy, ggs)


@pytest.mark.parametrize('x_shape, w_shape, stride, pad, outsize', CASES)
def test_gradients_match_the_plain_deconvolution(x_shape, w_shape, stride, pad, outsize):
    x, W, b = _data(x_shape, w_shape)
    gy = numpy.random.RandomState(1).uniform(
        -1, 1, deconvolution_2d_plain(x, W, None, stride, pad, outsize).shape)
    results = []
    for deconv in (F.deconvolution_2d, deconvolution_2d_plain):
        xv, Wv, bv = minigan.Variable(x), minigan.Variable(W), minigan.Variable(b)
        y = deconv(xv, Wv, bv, stride, pad, outsize)
        grads = minigan.grad([y], [xv, Wv, bv], [minigan.Variable(gy)],
                             enable_double_backprop=True)
        penalty = sum(F.sum(g * g) for g in grads)
        results.append([g.array for g in grads + minigan.grad([penalty], [xv, Wv])])
    for got, expected in zip(*results):
        numpy.testing.assert_allclose(got, expected, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize('device', DEVICES)
def test_cupy_matches_numpy(device):
    x, W, b = _data((2, 3, 3, 5), (3, 2, 3, 3), numpy.float32)
    gy = numpy.random.RandomState(1).normal(size=(2, 2, 5, 9)).astype(numpy.float32)
    assert_cupy_matches_numpy(
        lambda x, W, b, gy: F.deconvolution_2d(x, W, b, stride=2, pad=1) * gy,
        [x, W, b, gy], device, rtol=1e-4, atol=1e-4)
