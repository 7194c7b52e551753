import numpy
import pytest

import minigan.functions as F
from minigan import Variable
from minigan.testing import check_backward, check_double_backward


@pytest.mark.parametrize('sections, axis', [(3, 1), ([1, 4], 1), ([2], 0), (2, -1)])
def test_forward(sections, axis):
    x = numpy.random.RandomState(0).randn(4, 6, 2).astype(numpy.float32)
    ys = F.split_axis(Variable(x), sections, axis)
    refs = numpy.split(x, sections, axis)
    assert isinstance(ys, tuple) and len(ys) == len(refs)
    for y, ref in zip(ys, refs):
        assert y.dtype == numpy.float32
        numpy.testing.assert_array_equal(y.array, ref)


def test_force_tuple_false_returns_a_single_variable():
    x = numpy.zeros((2, 3), numpy.float32)
    assert isinstance(F.split_axis(x, 1, 1, force_tuple=False), Variable)


def test_backward_and_double_backward():
    rng = numpy.random.RandomState(1)
    x = rng.randn(3, 6)
    gys = (rng.randn(3, 1), rng.randn(3, 3), rng.randn(3, 2))

    def f(x):
        return F.split_axis(x, [1, 4], 1)
    check_backward(f, x, gys)
    check_double_backward(f, x, gys, rng.randn(3, 6))


def test_unused_piece_gets_zero_gradient():
    x = Variable(numpy.arange(6, dtype=numpy.float32).reshape(2, 3))
    a, b = F.split_axis(x, [1], 1)
    F.sum(b * 2.0).backward()
    numpy.testing.assert_array_equal(x.grad, [[0, 2, 2], [0, 2, 2]])
