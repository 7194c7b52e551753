import numpy
import pytest

import minigan.functions as F
from minigan import Variable
from minigan.testing import check_backward, check_double_backward
from tests.functions_tests.pooling_tests import reference

# (H, W, ksize, stride, pad, cover_all, expected output size)
CASES = [(4, 6, 2, None, 0, True, (2, 3)), (5, 5, 2, None, 0, True, (3, 3)),
         (5, 5, 2, None, 0, False, (2, 2)), (5, 4, 3, 2, 1, True, (3, 3)),
         (4, 4, 3, 1, 1, False, (4, 4))]


def _distinct(shape, seed):
    """Values at least 0.1 apart, so no window has a tie and eps-perturbations keep argmax."""
    rng = numpy.random.RandomState(seed)
    return (rng.permutation(int(numpy.prod(shape))).reshape(shape) * 0.1 - 1.0)


@pytest.mark.parametrize('h, w, k, s, p, cover_all, out', CASES)
def test_forward_matches_loop_and_keeps_float32(h, w, k, s, p, cover_all, out):
    x = _distinct((2, 3, h, w), 0).astype(numpy.float32)
    y = F.max_pooling_2d(Variable(x), k, s, p, cover_all)
    assert y.shape == (2, 3) + out and y.dtype == numpy.float32
    stride = k if s is None else s
    numpy.testing.assert_array_equal(
        y.array, reference.pool(x, k, stride, p, out, numpy.max, -numpy.inf))


def test_gradient_goes_to_the_maximum():
    x = Variable(numpy.array([[[[1.0, 4.0], [3.0, 2.0]]]], numpy.float32))
    y = F.max_pooling_2d(x, 2)
    y.grad = numpy.full((1, 1, 1, 1), 5.0, numpy.float32)
    y.backward()
    numpy.testing.assert_array_equal(x.grad[0, 0], [[0, 5], [0, 0]])


@pytest.mark.parametrize('h, w, k, s, p, cover_all, out', CASES)
def test_backward_and_double_backward(h, w, k, s, p, cover_all, out):
    rng = numpy.random.RandomState(1)
    x = _distinct((2, 2, h, w), 1)
    gy = rng.randn(2, 2, *out)

    def func(x):
        return F.max_pooling_2d(x, k, s, p, cover_all)
    check_backward(func, x, gy)
    check_double_backward(func, x, gy, rng.randn(*x.shape))
