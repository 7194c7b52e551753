import numpy

import minigan.functions as F
from minigan import Variable
from minigan.testing import check_backward, check_double_backward


def _pair(rng):
    a = rng.randn(3, 4)
    b = a + rng.uniform(0.2, 1.0, (3, 4)) * rng.choice([-1, 1], (3, 4))  # NOTE: no ties
    return a, b


def test_forward_and_hand_value():
    a, b = (v.astype(numpy.float32) for v in _pair(numpy.random.RandomState(0)))
    y = F.mean_absolute_error(Variable(a), Variable(b))
    assert y.shape == () and y.dtype == numpy.float32
    numpy.testing.assert_allclose(y.array, numpy.abs(a - b).mean(), rtol=1e-6)
    hand = F.mean_absolute_error(numpy.array([1.0, 2.0], numpy.float32),
                                 numpy.array([0.0, 5.0], numpy.float32))
    numpy.testing.assert_allclose(hand.array, 2.0)


def test_backward_and_double_backward():
    rng = numpy.random.RandomState(1)
    a, b = _pair(rng)
    gy = numpy.asarray(rng.randn())
    check_backward(F.mean_absolute_error, (a, b), gy)
    check_double_backward(F.mean_absolute_error, (a, b), gy,
                          (rng.randn(3, 4), rng.randn(3, 4)))
