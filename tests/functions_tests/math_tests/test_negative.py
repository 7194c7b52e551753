"""F.negative: y = -x, forward and first and second derivatives."""
import numpy

import minigan.functions as F
from minigan import Variable
from minigan.testing import check_backward, check_double_backward


def test_forward():
    x = numpy.random.RandomState(0).randn(3, 4).astype(numpy.float32)
    y = F.negative(Variable(x))
    assert y.dtype == numpy.float32
    numpy.testing.assert_array_equal(y.array, -x)


def test_backward_and_double_backward():
    rng = numpy.random.RandomState(1)
    x, gy, ggx = rng.randn(3, 4), rng.randn(3, 4), rng.randn(3, 4)
    check_backward(F.negative, x, gy)
    check_double_backward(lambda x: F.negative(x) * x, x, gy, ggx)
