import numpy

import minigan.functions as F
from minigan import Variable
from minigan.testing import check_backward, check_double_backward


def _away_from_zero(shape, rng):
    return (rng.uniform(0.1, 1.0, shape) * rng.choice([-1, 1], shape)).astype(numpy.float32)


def test_forward():
    x = _away_from_zero((3, 4), numpy.random.RandomState(0))
    y = F.relu(Variable(x))
    assert y.dtype == numpy.float32
    numpy.testing.assert_array_equal(y.array, numpy.maximum(x, 0))


def test_gradient_is_the_positive_mask():
    x = Variable(numpy.array([-1.0, 2.0, -3.0, 4.0], numpy.float32))
    F.sum(F.relu(x)).backward()
    assert x.grad.dtype == numpy.float32
    numpy.testing.assert_array_equal(x.grad, [0, 1, 0, 1])


def test_backward_and_double_backward():
    rng = numpy.random.RandomState(1)
    x = _away_from_zero((3, 4), rng)
    gy, ggx = rng.randn(3, 4), rng.randn(3, 4)
    check_backward(F.relu, x, gy)
    check_double_backward(F.relu, x, gy, ggx)


def test_works_after_the_output_variable_is_dropped():
    x = Variable(numpy.array([-1.0, 2.0], numpy.float32))
    loss = F.sum(F.relu(x) * 3.0)  # NOTE: relu's output Variable is gone, its array retained
    loss.backward()
    numpy.testing.assert_array_equal(x.grad, [0, 3])
