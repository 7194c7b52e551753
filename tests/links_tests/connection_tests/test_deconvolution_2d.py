import math

import numpy
import pytest

from minigan import links as L
from minigan.testing import check_backward, check_double_backward
from tests.links_tests.connection_tests.reference import deconv2d
from tests.links_tests.helpers import load, save, to_float64


def _x(*shape):
    return numpy.random.RandomState(4).uniform(-1, 1, shape).astype(numpy.float32)


@pytest.mark.parametrize('stride, pad', [(1, 1), (2, 1)])
def test_forward_against_loop(stride, pad):
    link = L.Deconvolution2D(3, 2, 4, stride, pad, initial_bias=numpy.array([1.0, -1.0]))
    assert link.W.shape == (3, 2, 4, 4) and link.b.shape == (2,)
    x = _x(2, 3, 3, 3)
    y = link(x)
    expected = deconv2d(x, link.W.array, link.b.array, stride, pad)
    assert y.shape == expected.shape
    numpy.testing.assert_allclose(y.array, expected, rtol=1e-4, atol=1e-5)


def test_outsize_argument_order_matches_chainer():
    link = L.Deconvolution2D(2, 3, 3, 2, 1, False, (6, 6))
    x = _x(1, 2, 3, 3)
    y = link(x)
    assert y.shape == (1, 3, 6, 6)
    numpy.testing.assert_allclose(y.array, deconv2d(x, link.W.array, None, 2, 1, (6, 6)),
                                  rtol=1e-4, atol=1e-5)


def test_default_weight_fan_is_chainer_s():
    # W (in=8, out=3, 2, 2): Chainer's LeCunNormal uses fan_in = shape[1] * 2 * 2 = 12.
    numpy.random.seed(5)
    link = L.Deconvolution2D(8, 3, 2)
    numpy.random.seed(5)
    expected = numpy.random.normal(0, math.sqrt(1 / 12), (8, 3, 2, 2)).astype(numpy.float32)
    numpy.testing.assert_array_equal(link.W.array, expected)


def test_lazy_in_channels():
    link = L.Deconvolution2D(4, 2, stride=2)
    assert link.W.array is None
    x = _x(2, 5, 3, 3)
    y = link(x)
    assert link.W.shape == (5, 4, 2, 2) and y.shape == (2, 4, 6, 6)
    numpy.testing.assert_allclose(y.array, deconv2d(x, link.W.array, link.b.array, 2, 0),
                                  rtol=1e-4, atol=1e-5)


def test_gradients():
    link = to_float64(L.Deconvolution2D(2, 3, 4, 2, 1))
    x, gy = _x(2, 2, 2, 2), _x(2, 3, 4, 4)
    check_backward(link, x, gy, params=(link.W, link.b))
    check_double_backward(link, x, gy, _x(2, 2, 2, 2), params=(link.W, link.b))


def test_copy_cpu_and_serialize():
    link = L.Deconvolution2D(3, 2, 3, nobias=True)
    assert [n for n, _ in link.namedparams()] == ['/W']
    x = _x(1, 3, 2, 2)
    shared = link.copy()
    assert shared.W.array is link.W.array
    numpy.testing.assert_array_equal(shared(x).array, link.to_cpu()(x).array)
    fresh = L.Deconvolution2D(2, 3, nobias=True)
    load(fresh, save(link))
    numpy.testing.assert_array_equal(fresh(x).array, link(x).array)
