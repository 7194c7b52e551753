import numpy
import pytest

import minigan.functions as F
from minigan import Variable
from minigan.testing import check_backward, check_double_backward


def _pair(shape_a, shape_b, rng):
    a = rng.uniform(-1, 1, shape_a)
    b = rng.uniform(-1, 1, shape_b)
    # NOTE: keep |a - b| >= 0.1 so finite differences never cross the kink
    b = numpy.where(numpy.abs(a - b) < 0.1, b + 0.3, b) if shape_a == shape_b else b
    return a.astype(numpy.float32), b.astype(numpy.float32)


@pytest.mark.parametrize('func, ref', [(F.maximum, numpy.maximum), (F.minimum, numpy.minimum)])
def test_forward(func, ref):
    a, b = _pair((3, 4), (3, 4), numpy.random.RandomState(0))
    y = func(Variable(a), Variable(b))
    assert y.dtype == numpy.float32
    numpy.testing.assert_array_equal(y.array, ref(a, b))


@pytest.mark.parametrize('func', [F.maximum, F.minimum])
def test_backward_and_double_backward(func):
    rng = numpy.random.RandomState(1)
    a, b = _pair((3, 4), (3, 4), rng)
    gy, gga, ggb = rng.randn(3, 4), rng.randn(3, 4), rng.randn(3, 4)
    check_backward(func, (a, b), gy)
    check_double_backward(func, (a, b), gy, (gga, ggb))


@pytest.mark.parametrize('func', [F.maximum, F.minimum])
def test_gradient_routes_to_the_winner(func):
    a = Variable(numpy.array([1.0, -2.0, 3.0], numpy.float32))
    b = Variable(numpy.array([0.0, 5.0, 4.0], numpy.float32))
    F.sum(func(a, b)).backward()
    a_wins = (a.array >= b.array) if func is F.maximum else (a.array <= b.array)
    numpy.testing.assert_array_equal(a.grad, a_wins.astype(numpy.float32))
    numpy.testing.assert_array_equal(b.grad, (~a_wins).astype(numpy.float32))


def test_maximum_broadcasts_a_scalar_threshold():
    rng = numpy.random.RandomState(2)
    x = rng.uniform(0.1, 1.0, (3, 4)) * rng.choice([-1, 1], (3, 4))
    check_backward(lambda x: F.maximum(x, numpy.zeros((), x.dtype)), x, rng.randn(3, 4))
