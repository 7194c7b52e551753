import numpy
import pytest

import minigan.functions as F
from minigan import Variable
from minigan.testing import check_backward, check_double_backward


@pytest.mark.parametrize('shape, reps', [((2, 3), 2), ((2, 3), (2, 1)), ((2, 3), (3, 1, 2)),
                                         ((2, 1, 3), (2, 2))])
def test_forward(shape, reps):
    x = numpy.random.RandomState(0).randn(*shape).astype(numpy.float32)
    y = F.tile(Variable(x), reps)
    assert y.dtype == numpy.float32
    numpy.testing.assert_array_equal(y.array, numpy.tile(x, reps))


def test_gradient_sums_the_copies():
    x = Variable(numpy.array([1.0, 2.0], numpy.float32))
    F.sum(F.tile(x, (2, 3))).backward()
    numpy.testing.assert_array_equal(x.grad, [6.0, 6.0])


def test_backward_and_double_backward():
    rng = numpy.random.RandomState(1)
    x, gy = rng.randn(2, 3), rng.randn(3, 4, 6)

    def f(x):
        return F.tile(x, (3, 2, 2))
    check_backward(f, x, gy)
    check_double_backward(f, x, gy, rng.randn(2, 3))
