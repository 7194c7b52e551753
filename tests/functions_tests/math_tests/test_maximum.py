import numpy

import minigan.functions as F
from minigan import Variable
from minigan.testing import check_backward, check_double_backward


def _pair(rng):
    a = rng.uniform(-1, 1, (3, 4))
    b = rng.uniform(-1, 1, (3, 4))
    # NOTE: keep |a - b| >= 0.1 so finite differences never cross the kink
    b = numpy.where(numpy.abs(a - b) < 0.1, b + 0.3, b)
    return a.astype(numpy.float32), b.astype(numpy.float32)


def test_forward():
    a, b = _pair(numpy.random.RandomState(0))
    y = F.maximum(Variable(a), Variable(b))
    assert y.dtype == numpy.float32
    numpy.testing.assert_array_equal(y.array, numpy.maximum(a, b))


def test_backward_and_double_backward():
    rng = numpy.random.RandomState(1)
    a, b = _pair(rng)
    gy, gga, ggb = rng.randn(3, 4), rng.randn(3, 4), rng.randn(3, 4)
    check_backward(F.maximum, (a, b), gy)
    check_double_backward(F.maximum, (a, b), gy, (gga, ggb))


def test_gradient_routes_to_the_winner():
    a = Variable(numpy.array([1.0, -2.0, 3.0], numpy.float32))
    b = Variable(numpy.array([0.0, 5.0, 4.0], numpy.float32))
    F.sum(F.maximum(a, b)).backward()
    a_wins = a.array >= b.array
    numpy.testing.assert_array_equal(a.grad, a_wins.astype(numpy.float32))
    numpy.testing.assert_array_equal(b.grad, (~a_wins).astype(numpy.float32))


def test_broadcasts_a_scalar_threshold():
    rng = numpy.random.RandomState(2)
    x = rng.uniform(0.1, 1.0, (3, 4)) * rng.choice([-1, 1], (3, 4))
    y = F.maximum(Variable(x.astype(numpy.float32)), numpy.zeros((), numpy.float32))
    numpy.testing.assert_array_equal(y.array, numpy.maximum(x, 0).astype(numpy.float32))
    check_backward(lambda x: F.maximum(x, numpy.zeros((), x.dtype)), x, rng.randn(3, 4))
