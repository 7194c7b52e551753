import numpy
import pytest

import minigan.functions as F
from minigan import Variable
from minigan.testing import check_backward, check_double_backward


@pytest.mark.parametrize('axis', [0, 1, -1])
def test_forward(axis):
    rng = numpy.random.RandomState(0)
    shapes = [(2, 3, 4)] * 3
    xs = [rng.randn(*s).astype(numpy.float32) for s in shapes]
    y = F.concat([Variable(x) for x in xs], axis=axis)
    assert y.dtype == numpy.float32
    numpy.testing.assert_array_equal(y.array, numpy.concatenate(xs, axis=axis))


def test_default_axis_is_channels():
    a, b = numpy.zeros((2, 3), numpy.float32), numpy.ones((2, 5), numpy.float32)
    assert F.concat((a, b)).shape == (2, 8)


def test_backward_and_double_backward():
    rng = numpy.random.RandomState(1)
    xs = (rng.randn(2, 1, 3), rng.randn(2, 4, 3), rng.randn(2, 2, 3))
    gy = rng.randn(2, 7, 3)

    def f(*xs):
        return F.concat(xs, axis=1)
    check_backward(f, xs, gy)
    check_double_backward(f, xs, gy, tuple(rng.randn(*x.shape) for x in xs))
