import numpy
import pytest

import minigan.functions as F
from minigan import Variable
from minigan.testing import check_backward, check_double_backward
from tests.functions_tests.pooling_tests import reference

# (h, w, ksize, stride, pad, cover_all, expected output size)
CASES = [(2, 3, 2, None, 0, False, (4, 6)), (2, 3, 2, None, 0, True, (3, 5)),
         (3, 2, 3, 2, 1, True, (4, 2)), (3, 3, 3, 2, 1, False, (5, 5)),
         (2, 2, 2, 1, 0, False, (3, 3))]


@pytest.mark.parametrize('h, w, k, s, p, cover_all, out', CASES)
def test_forward_matches_loop_and_keeps_float32(h, w, k, s, p, cover_all, out):
    x = numpy.random.RandomState(0).randn(2, 3, h, w).astype(numpy.float32)
    y = F.unpooling_2d(Variable(x), k, s, p, cover_all=cover_all)
    assert y.shape == (2, 3) + out and y.dtype == numpy.float32
    stride = k if s is None else s
    numpy.testing.assert_allclose(y.array, reference.unpool(x, k, stride, p, out), rtol=1e-6)


def test_nearest_upsampling_and_chainer_default_size():
    x = numpy.arange(6, dtype=numpy.float32).reshape(1, 1, 2, 3)
    y = F.unpooling_2d(x, 2, cover_all=False)
    numpy.testing.assert_array_equal(y.array[0, 0], x[0, 0].repeat(2, 0).repeat(2, 1))
    assert F.unpooling_2d(x, 2).shape == (1, 1, 3, 5)


def test_outsize():
    x = numpy.random.RandomState(2).randn(1, 2, 2, 2)
    y = F.unpooling_2d(x, 2, outsize=(5, 4))
    numpy.testing.assert_allclose(y.array, reference.unpool(x, 2, 2, 0, (5, 4)))


@pytest.mark.parametrize('h, w, k, s, p, cover_all, out', CASES)
def test_backward_and_double_backward(h, w, k, s, p, cover_all, out):
    rng = numpy.random.RandomState(1)
    x = rng.randn(2, 2, h, w)
    gy = rng.randn(2, 2, *out)

    def func(x):
        return F.unpooling_2d(x, k, s, p, cover_all=cover_all)
    check_backward(func, x, gy)
    check_double_backward(func, x, gy, rng.randn(*x.shape))


def test_adjoint_of_average_pooling():
    # <unpool(a), b> == <a, k * k * avgpool(b)> for the same windows
    rng = numpy.random.RandomState(3)
    a, b = rng.randn(2, 2, 3, 3), rng.randn(2, 2, 5, 5)
    lhs = (F.unpooling_2d(a, 3, 2, 1, cover_all=False).array * b).sum()
    rhs = (a * 9 * F.average_pooling_2d(b, 3, 2, 1).array).sum()
    numpy.testing.assert_allclose(lhs, rhs, rtol=1e-12)
