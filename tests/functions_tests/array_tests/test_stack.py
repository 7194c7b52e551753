import numpy
import pytest

import minigan.functions as F
from minigan import Variable
from minigan.testing import check_backward, check_double_backward


@pytest.mark.parametrize('axis', [0, 1, 2, -1])
def test_forward(axis):
    rng = numpy.random.RandomState(0)
    xs = [rng.randn(2, 3).astype(numpy.float32) for _ in range(4)]
    y = F.stack([Variable(x) for x in xs], axis=axis)
    assert y.dtype == numpy.float32
    numpy.testing.assert_array_equal(y.array, numpy.stack(xs, axis=axis))


def test_backward_and_double_backward():
    rng = numpy.random.RandomState(1)
    xs = (rng.randn(2, 3), rng.randn(2, 3))
    gy = rng.randn(2, 2, 3)

    def f(*xs):
        return F.stack(xs, axis=1)
    check_backward(f, xs, gy)
    check_double_backward(f, xs, gy, (rng.randn(2, 3), rng.randn(2, 3)))
