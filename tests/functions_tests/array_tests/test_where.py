import numpy

import minigan.functions as F
from minigan import Variable
from minigan.testing import check_backward, check_double_backward


def test_forward():
    rng = numpy.random.RandomState(0)
    c = rng.rand(3, 4) > 0.5
    x, y = rng.randn(3, 4).astype(numpy.float32), rng.randn(3, 4).astype(numpy.float32)
    z = F.where(c, Variable(x), Variable(y))
    assert z.dtype == numpy.float32
    numpy.testing.assert_array_equal(z.array, numpy.where(c, x, y))


def test_condition_may_be_a_variable_and_operands_broadcast():
    c = Variable(numpy.array([True, False, True]))
    x = Variable(numpy.array([1.0, 2.0, 3.0], numpy.float32))
    y = numpy.zeros((), numpy.float32)
    z = F.where(c, x, y)
    numpy.testing.assert_array_equal(z.array, [1.0, 0.0, 3.0])
    F.sum(z).backward()
    numpy.testing.assert_array_equal(x.grad, [1.0, 0.0, 1.0])


def test_backward_and_double_backward():
    rng = numpy.random.RandomState(1)
    c = rng.rand(3, 4) > 0.5
    x, y, gy = rng.randn(3, 4), rng.randn(1, 4), rng.randn(3, 4)

    def f(x, y):
        return F.where(c, x, y)
    check_backward(f, (x, y), gy)
    check_double_backward(f, (x, y), gy, (rng.randn(3, 4), rng.randn(1, 4)))
