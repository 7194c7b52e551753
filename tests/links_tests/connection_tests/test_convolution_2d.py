import math

import numpy
import pytest

from minigan import links as L
from minigan.testing import check_backward, check_double_backward
from tests.links_tests.connection_tests.reference import conv2d
from tests.links_tests.helpers import load, save, to_float64


def _x(*shape):
    return numpy.random.RandomState(2).uniform(-1, 1, shape).astype(numpy.float32)


@pytest.mark.parametrize('stride, pad', [(1, 0), (2, 1)])
def test_forward_against_loop(stride, pad):
    link = L.Convolution2D(3, 4, 3, stride, pad, initial_bias=numpy.arange(4.0))
    assert link.W.shape == (4, 3, 3, 3) and link.b.shape == (4,)
    assert link.stride == (stride, stride) and link.pad == (pad, pad)
    x = _x(2, 3, 5, 5)
    y = link(x)
    expected = conv2d(x, link.W.array, link.b.array, stride, pad)
    assert y.shape == expected.shape
    numpy.testing.assert_allclose(y.array, expected, rtol=1e-4, atol=1e-5)


def test_default_weight_is_lecun_normal():
    numpy.random.seed(3)
    link = L.Convolution2D(2, 5, 3)
    numpy.random.seed(3)
    expected = numpy.random.normal(0, math.sqrt(1 / 18), (5, 2, 3, 3)).astype(numpy.float32)
    numpy.testing.assert_array_equal(link.W.array, expected)
    numpy.testing.assert_array_equal(link.b.array, numpy.zeros(5))


@pytest.mark.parametrize('make', [lambda: L.Convolution2D(4, 3, pad=1),
                                  lambda: L.Convolution2D(None, 4, 3, 1, 1)])
def test_lazy_in_channels(make):
    link = make()
    assert link.W.array is None and link.out_channels == 4
    x = _x(2, 3, 4, 4)
    y = link(x)
    assert link.W.shape == (4, 3, 3, 3) and y.shape == (2, 4, 4, 4)
    numpy.testing.assert_allclose(y.array, conv2d(x, link.W.array, link.b.array, 1, 1),
                                  rtol=1e-4, atol=1e-5)


def test_nobias_and_names():
    link = L.Convolution2D(3, 2, (1, 2), nobias=True)
    assert link.b is None and link.W.shape == (2, 3, 1, 2)
    assert [n for n, _ in link.namedparams()] == ['/W']


def test_gradients():
    link = to_float64(L.Convolution2D(2, 3, 3, 2, 1))
    x, gy = _x(2, 2, 4, 4), _x(2, 3, 2, 2)
    check_backward(link, x, gy, params=(link.W, link.b))
    check_double_backward(link, x, gy, _x(2, 2, 4, 4), params=(link.W, link.b))


def test_copy_cpu_and_serialize():
    link = L.Convolution2D(3, 2, 3)
    x = _x(1, 3, 3, 3)
    deep = link.copy('copy')
    numpy.testing.assert_array_equal(deep(x).array, link.to_cpu()(x).array)
    assert deep.W.array is not link.W.array
    fresh = L.Convolution2D(2, 3)
    load(fresh, save(link))
    numpy.testing.assert_array_equal(fresh(x).array, link(x).array)
