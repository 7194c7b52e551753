import numpy

import minigan.functions as F
from minigan import Variable
from minigan.testing import check_backward, check_double_backward


def test_forward_and_hand_value():
    rng = numpy.random.RandomState(0)
    a, b = rng.randn(3, 4).astype(numpy.float32), rng.randn(3, 4).astype(numpy.float32)
    y = F.mean_squared_error(Variable(a), Variable(b))
    assert y.shape == () and y.dtype == numpy.float32
    numpy.testing.assert_allclose(y.array, ((a - b) ** 2).mean(), rtol=1e-6)
    hand = F.mean_squared_error(numpy.array([1.0, 2.0], numpy.float32),
                                numpy.array([0.0, 4.0], numpy.float32))
    numpy.testing.assert_allclose(hand.array, 2.5)


def test_backward_and_double_backward():
    rng = numpy.random.RandomState(1)
    a, b, gy = rng.randn(3, 4), rng.randn(3, 4), numpy.asarray(rng.randn())
    check_backward(F.mean_squared_error, (a, b), gy)
    check_double_backward(F.mean_squared_error, (a, b), gy, (rng.randn(3, 4), rng.randn(3, 4)))
