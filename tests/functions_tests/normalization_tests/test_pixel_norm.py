import numpy

import minigan.functions as F
from minigan import Variable
from minigan.testing import check_backward, check_double_backward


def test_hand_computed_value():
    # one pixel with features (3, 4): mean of squares 12.5, so b = (3, 4) / sqrt(12.5)
    x = numpy.array([3.0, 4.0], numpy.float32).reshape(1, 2, 1, 1)
    y = F.pixel_norm(Variable(x))
    assert y.dtype == numpy.float32
    numpy.testing.assert_allclose(y.array.ravel(), [0.8485281, 1.1313708], rtol=1e-6)


def test_forward_matches_numpy():
    x = numpy.random.RandomState(0).randn(2, 5, 3, 4)
    expected = x / numpy.sqrt((x ** 2).mean(axis=1, keepdims=True) + 1e-8)
    numpy.testing.assert_allclose(F.pixel_norm(x).array, expected, rtol=1e-12)
    rms = numpy.sqrt((F.pixel_norm(x).array ** 2).mean(axis=1))
    numpy.testing.assert_allclose(rms, numpy.ones((2, 3, 4)), rtol=1e-6)


def test_backward_and_double_backward():
    rng = numpy.random.RandomState(1)
    x = rng.randn(2, 3, 2, 2)
    check_backward(F.pixel_norm, x, rng.randn(*x.shape))
    check_double_backward(F.pixel_norm, x, rng.randn(*x.shape), rng.randn(*x.shape))
