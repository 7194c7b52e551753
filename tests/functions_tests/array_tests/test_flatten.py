import numpy

import minigan.functions as F
from minigan import Variable
from minigan.testing import check_backward, check_double_backward


def test_flattens_the_batch_axis_too():
    x = numpy.random.RandomState(0).randn(2, 3, 4).astype(numpy.float32)
    y = F.flatten(Variable(x))
    assert y.shape == (24,) and y.dtype == numpy.float32
    numpy.testing.assert_array_equal(y.array, x.ravel())


def test_backward_and_double_backward():
    rng = numpy.random.RandomState(1)
    x, gy = rng.randn(2, 3), rng.randn(6)
    check_backward(F.flatten, x, gy)
    check_double_backward(F.flatten, x, gy, rng.randn(2, 3))
