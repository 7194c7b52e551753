import numpy
import pytest

import minigan.functions as F
from minigan import Variable
from minigan.testing import check_backward, check_double_backward

CASES = [(2, None), (2, 0), (3, 1), (2, -1), ([1, 0, 2], 1), ((2,), 0)]


@pytest.mark.parametrize('repeats, axis', CASES)
def test_forward(repeats, axis):
    x = numpy.random.RandomState(0).randn(2, 3).astype(numpy.float32)
    y = F.repeat(Variable(x), repeats, axis)
    assert y.dtype == numpy.float32
    numpy.testing.assert_array_equal(y.array, numpy.repeat(x, repeats, axis))


@pytest.mark.parametrize('repeats, axis', CASES)
def test_backward_and_double_backward(repeats, axis):
    rng = numpy.random.RandomState(1)
    x = rng.randn(2, 3)
    gy = rng.randn(*numpy.repeat(x, repeats, axis).shape)

    def f(x):
        return F.repeat(x, repeats, axis)
    check_backward(f, x, gy)
    check_double_backward(f, x, gy, rng.randn(2, 3))


def test_gradient_counts_the_repeats():
    x = Variable(numpy.array([1.0, 2.0, 3.0], numpy.float32))
    F.sum(F.repeat(x, [3, 0, 1])).backward()
    numpy.testing.assert_array_equal(x.grad, [3.0, 0.0, 1.0])
