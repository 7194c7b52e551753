import numpy

import minigan.functions as F
from minigan import Variable
from minigan.testing import check_backward, check_double_backward


def _away_from_zero(shape, rng):
    x = rng.uniform(0.2, 1.0, shape) * rng.choice([-1, 1], shape)
    return x.astype(numpy.float32)


def test_forward_and_operator():
    x = _away_from_zero((3, 4), numpy.random.RandomState(0))
    for y in (F.absolute(Variable(x)), abs(Variable(x))):
        assert y.dtype == numpy.float32
        numpy.testing.assert_array_equal(y.array, numpy.abs(x))


def test_backward_and_double_backward():
    rng = numpy.random.RandomState(1)
    x = _away_from_zero((3, 4), rng)
    gy, ggx = rng.randn(3, 4), rng.randn(3, 4)
    check_backward(F.absolute, x, gy)
    check_double_backward(F.absolute, x, gy, ggx)
