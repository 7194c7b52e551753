import numpy
import pytest

import minigan.functions as F
from minigan import Variable
from minigan.testing import check_backward, check_double_backward
from tests.functions_tests.pooling_tests import reference

# (H, W, ksize, stride, pad): the first tiles exactly (the reshape path)
CASES = [(4, 6, 2, None, 0), (5, 5, 3, 2, 1), (5, 4, 2, 1, 0), (6, 6, 3, 3, 1)]


@pytest.mark.parametrize('h, w, k, s, p', CASES)
def test_forward_matches_loop_and_keeps_float32(h, w, k, s, p):
    x = numpy.random.RandomState(0).randn(2, 3, h, w).astype(numpy.float32)
    y = F.average_pooling_2d(Variable(x), k, s, p)
    stride = k if s is None else s
    out = ((h + 2 * p - k) // stride + 1, (w + 2 * p - k) // stride + 1)
    assert y.dtype == numpy.float32
    numpy.testing.assert_allclose(y.array, reference.pool(x, k, stride, p, out, numpy.mean, 0),
                                  rtol=1e-5, atol=1e-6)


def test_padded_zeros_count_in_the_mean():
    y = F.average_pooling_2d(numpy.ones((1, 1, 2, 2)), 2, 2, 1)
    numpy.testing.assert_allclose(y.array, numpy.full((1, 1, 2, 2), 0.25))


@pytest.mark.parametrize('h, w, k, s, p', CASES)
def test_backward_and_double_backward(h, w, k, s, p):
    rng = numpy.random.RandomState(1)
    x = rng.randn(2, 2, h, w)
    gy = rng.randn(*F.average_pooling_2d(x, k, s, p).shape)

    def func(x):
        return F.average_pooling_2d(x, k, s, p)
    check_backward(func, x, gy)
    check_double_backward(func, x, gy, rng.randn(*x.shape))


def test_gradient_spreads_evenly():
    x = Variable(numpy.zeros((1, 1, 4, 4), numpy.float32))
    y = F.average_pooling_2d(x, 2)
    y.grad = numpy.arange(4, dtype=numpy.float32).reshape(1, 1, 2, 2)
    y.backward()
    expected = numpy.repeat(numpy.repeat(y.grad[0, 0], 2, 0), 2, 1) / 4
    numpy.testing.assert_allclose(x.grad[0, 0], expected)
