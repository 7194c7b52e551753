"""maximum, and minimum (Maximum with the comparison reversed), checked side by side."""
import operator

import numpy
import pytest

import minigan.functions as F
from minigan import Variable
from minigan.testing import check_backward, check_double_backward


def _pair(rng):
    a = rng.uniform(-1, 1, (3, 4))
    b = rng.uniform(-1, 1, (3, 4))
    # NOTE: keep |a - b| >= 0.1 so finite differences never cross the kink
    b = numpy.where(numpy.abs(a - b) < 0.1, b + 0.3, b)
    return a.astype(numpy.float32), b.astype(numpy.float32)


# (the function, NumPy's, where ``a`` gets the gradient)
OPS = pytest.mark.parametrize('op, reference, a_wins', [
    (F.maximum, numpy.maximum, operator.ge),
    (F.minimum, numpy.minimum, operator.le),
])


@OPS
def test_forward(op, reference, a_wins):
    a, b = _pair(numpy.random.RandomState(0))
    y = op(Variable(a), Variable(b))
    assert y.dtype == numpy.float32
    numpy.testing.assert_array_equal(y.array, reference(a, b))


@OPS
def test_backward_and_double_backward(op, reference, a_wins):
    rng = numpy.random.RandomState(1)
    a, b = _pair(rng)
    gy, gga, ggb = rng.randn(3, 4), rng.randn(3, 4), rng.randn(3, 4)
    check_backward(op, (a, b), gy)
    check_double_backward(op, (a, b), gy, (gga, ggb))


@OPS
def test_gradient_routes_to_the_winner(op, reference, a_wins):
    a = Variable(numpy.array([1.0, -2.0, 3.0, 2.0], numpy.float32))
    b = Variable(numpy.array([0.0, 5.0, 4.0, 2.0], numpy.float32))
    F.sum(op(a, b)).backward()
    wins = a_wins(a.array, b.array)
    numpy.testing.assert_array_equal(a.grad, wins.astype(numpy.float32))
    numpy.testing.assert_array_equal(b.grad, (~wins).astype(numpy.float32))


@OPS
def test_broadcasts_a_scalar_threshold(op, reference, a_wins):
    rng = numpy.random.RandomState(2)
    x = rng.uniform(0.1, 1.0, (3, 4)) * rng.choice([-1, 1], (3, 4))
    y = op(Variable(x.astype(numpy.float32)), numpy.zeros((), numpy.float32))
    numpy.testing.assert_array_equal(y.array, reference(x, 0).astype(numpy.float32))
    check_backward(lambda x: op(x, numpy.zeros((), x.dtype)), x, rng.randn(3, 4))
