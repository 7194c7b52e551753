"""The plain convolution and deconvolution against their definitions (one loop step per
pixel), and their composed gradients checked to second order: the oracle of the fast ones."""
import numpy
import pytest

from minigan.functions.connection.plain_convolution import (
    convolution_2d_plain, deconvolution_2d_plain)
from minigan.testing import check_backward, check_double_backward
from tests.functions_tests.connection_tests import slow_conv

# (x shape, W shape (out, in, kh, kw), stride, pad, cover_all)
CONV = [
    ((2, 3, 5, 5), (4, 3, 3, 3), 1, 0, False),
    ((2, 3, 7, 6), (4, 3, 3, 3), 2, 1, False),
    ((2, 3, 6, 7), (2, 3, 2, 3), (2, 1), (1, 0), False),
    ((1, 2, 6, 5), (2, 2, 3, 3), 2, 0, True),
]
# (x shape, W shape (in, out, kh, kw), stride, pad, outsize)
DECONV = [
    ((2, 3, 1, 1), (3, 4, 4, 4), 1, 0, None),
    ((2, 3, 4, 4), (3, 2, 4, 4), 2, 1, None),
    ((1, 2, 3, 4), (2, 3, 2, 3), (2, 1), (1, 0), None),
    ((1, 2, 3, 3), (2, 2, 3, 3), 2, 1, (6, 5)),
    ((1, 2, 3, 3), (2, 2, 3, 3), 2, 0, (6, 6)),
]


def _data(x_shape, w_shape, out_axis, seed=0):
    rng = numpy.random.RandomState(seed)
    return (rng.uniform(-1, 1, x_shape), rng.uniform(-1, 1, w_shape),
            rng.uniform(-1, 1, w_shape[out_axis]))


@pytest.mark.parametrize('x_shape, w_shape, stride, pad, cover_all', CONV)
@pytest.mark.parametrize('nobias', [False, True])
def test_convolution_matches_loops(x_shape, w_shape, stride, pad, cover_all, nobias):
    x, W, b = _data(x_shape, w_shape, 0)
    b = None if nobias else b
    y = convolution_2d_plain(x, W, b, stride, pad, cover_all)
    numpy.testing.assert_allclose(y.array, slow_conv.conv2d(x, W, b, stride, pad, cover_all),
                                  rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize('x_shape, w_shape, stride, pad, outsize', DECONV)
@pytest.mark.parametrize('nobias', [False, True])
def test_deconvolution_matches_loops(x_shape, w_shape, stride, pad, outsize, nobias):
    x, W, b = _data(x_shape, w_shape, 1)
    b = None if nobias else b
    y = deconvolution_2d_plain(x, W, b, stride, pad, outsize)
    numpy.testing.assert_allclose(y.array, slow_conv.deconv2d(x, W, b, stride, pad, outsize),
                                  rtol=1e-12, atol=1e-12)


def _check_twice(f, inputs, y_shape, seed=1):
    rng = numpy.random.RandomState(seed)

    def squared(*args):
        y = f(*args)
        return y * y
    check_backward(f, inputs, rng.normal(size=y_shape))
    check_double_backward(squared, inputs, rng.normal(size=y_shape),
                          tuple(rng.normal(size=a.shape) for a in inputs))


@pytest.mark.parametrize('x_shape, w_shape, stride, pad, cover_all', CONV)
def test_convolution_gradients(x_shape, w_shape, stride, pad, cover_all):
    x, W, b = _data(x_shape, w_shape, 0)
    y_shape = slow_conv.conv2d(x, W, b, stride, pad, cover_all).shape
    _check_twice(lambda x, W, b: convolution_2d_plain(x, W, b, stride, pad, cover_all),
                 (x, W, b), y_shape)


@pytest.mark.parametrize('x_shape, w_shape, stride, pad, outsize', DECONV)
def test_deconvolution_gradients(x_shape, w_shape, stride, pad, outsize):
    x, W, b = _data(x_shape, w_shape, 1)
    y_shape = slow_conv.deconv2d(x, W, b, stride, pad, outsize).shape
    _check_twice(lambda x, W, b: deconvolution_2d_plain(x, W, b, stride, pad, outsize),
                 (x, W, b), y_shape)
