import numpy
import pytest

import minigan.functions as F
from minigan import Variable
from minigan.testing import check_backward, check_double_backward


@pytest.mark.parametrize('axis', [0, 1, 2, -1, -3])
def test_forward(axis):
    x = numpy.random.RandomState(0).randn(2, 3).astype(numpy.float32)
    y = F.expand_dims(Variable(x), axis)
    assert y.dtype == numpy.float32
    numpy.testing.assert_array_equal(y.array, numpy.expand_dims(x, axis))


def test_backward_and_double_backward():
    rng = numpy.random.RandomState(1)
    x, gy = rng.randn(2, 3), rng.randn(2, 1, 3)

    def f(x):
        return F.expand_dims(x, 1)
    check_backward(f, x, gy)
    check_double_backward(f, x, gy, rng.randn(2, 3))
