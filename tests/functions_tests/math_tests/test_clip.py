import numpy

import minigan.functions as F
from minigan import Variable
from minigan.testing import check_backward, check_double_backward


def _away_from_bounds(shape, rng):
    x = rng.uniform(-2, 2, shape)
    x[numpy.abs(numpy.abs(x) - 1) < 0.1] = 0.0  # NOTE: bounds are +-1
    return x.astype(numpy.float32)


def test_forward():
    x = _away_from_bounds((4, 5), numpy.random.RandomState(0))
    y = F.clip(Variable(x), -1.0, 1.0)
    assert y.dtype == numpy.float32
    numpy.testing.assert_array_equal(y.array, numpy.clip(x, -1, 1))


def test_one_sided():
    x = numpy.array([-3.0, 0.5, 3.0], numpy.float32)
    numpy.testing.assert_array_equal(F.clip(x, None, 1.0).array, [-3.0, 0.5, 1.0])
    numpy.testing.assert_array_equal(F.clip(x, 0.0, None).array, [0.0, 0.5, 3.0])


def test_gradient_passes_only_inside():
    x = Variable(numpy.array([-3.0, 0.5, 3.0], numpy.float32))
    F.sum(F.clip(x, -1.0, 1.0)).backward()
    numpy.testing.assert_array_equal(x.grad, [0.0, 1.0, 0.0])


def test_backward_and_double_backward():
    rng = numpy.random.RandomState(1)
    x = _away_from_bounds((4, 5), rng)
    gy, ggx = rng.randn(4, 5), rng.randn(4, 5)

    def f(x):
        return F.clip(x, -1.0, 1.0)
    check_backward(f, x, gy)
    check_double_backward(f, x, gy, ggx)
