import numpy
import pytest

import minigan.functions as F
from minigan import Variable
from minigan.testing import check_backward, check_double_backward


@pytest.mark.parametrize('pad_width, value', [(1, 0), (((0, 0), (1, 2), (2, 0)), 0.5),
                                              ((1, 2), -1.0)])
def test_forward(pad_width, value):
    x = numpy.random.RandomState(0).randn(2, 3, 2).astype(numpy.float32)
    y = F.pad(Variable(x), pad_width, 'constant', constant_values=value)
    assert y.dtype == numpy.float32
    numpy.testing.assert_array_equal(
        y.array, numpy.pad(x, pad_width, mode='constant', constant_values=value))


def test_other_modes_are_refused():
    with pytest.raises(NotImplementedError):
        F.pad(numpy.zeros((2, 2), numpy.float32), 1, mode='reflect')


def test_backward_and_double_backward():
    rng = numpy.random.RandomState(1)
    x, gy = rng.randn(2, 3), rng.randn(4, 4)

    def f(x):
        return F.pad(x, ((1, 1), (0, 1)), 'constant')
    check_backward(f, x, gy)
    check_double_backward(f, x, gy, rng.randn(2, 3))
