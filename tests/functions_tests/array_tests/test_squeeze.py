import numpy
import pytest

import minigan.functions as F
from minigan import Variable
from minigan.testing import check_backward, check_double_backward


@pytest.mark.parametrize('axis', [None, 0, 2, (0, -1)])
def test_forward(axis):
    x = numpy.random.RandomState(0).randn(1, 3, 1, 2, 1).astype(numpy.float32)
    y = F.squeeze(Variable(x), axis)
    assert y.dtype == numpy.float32
    numpy.testing.assert_array_equal(y.array, numpy.squeeze(x, axis))


def test_squeezing_a_long_axis_raises():
    with pytest.raises(ValueError):
        F.squeeze(numpy.zeros((1, 3), numpy.float32), 1)


def test_backward_and_double_backward():
    rng = numpy.random.RandomState(1)
    x, gy = rng.randn(1, 3, 1), rng.randn(3)
    check_backward(F.squeeze, x, gy)
    check_double_backward(F.squeeze, x, gy, rng.randn(1, 3, 1))
