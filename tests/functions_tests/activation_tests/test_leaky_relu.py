import numpy
import pytest

import minigan.functions as F
from minigan import Variable
from minigan.testing import check_backward, check_double_backward


def _away_from_zero(shape, rng):
    return (rng.uniform(0.1, 1.0, shape) * rng.choice([-1, 1], shape)).astype(numpy.float32)


def _ref(x, slope):
    return numpy.where(x > 0, x, slope * x)


@pytest.mark.parametrize('slope', [0.2, 0.0, 1.5, -0.3])
def test_forward(slope):
    x = _away_from_zero((3, 4), numpy.random.RandomState(0))
    y = F.leaky_relu(Variable(x), slope)
    assert y.dtype == numpy.float32
    numpy.testing.assert_allclose(y.array, _ref(x, slope), rtol=1e-6)


def test_default_slope_is_0_2():
    numpy.testing.assert_allclose(F.leaky_relu(numpy.array([-1.0], numpy.float32)).array,
                                  [-0.2], rtol=1e-6)


@pytest.mark.parametrize('slope', [0.2, 0.0, 1.5, -0.3])
def test_backward_and_double_backward(slope):
    rng = numpy.random.RandomState(1)
    x = _away_from_zero((3, 4), rng)
    gy, ggx = rng.randn(3, 4), rng.randn(3, 4)

    def f(x):
        return F.leaky_relu(x, slope)
    check_backward(f, x, gy)
    check_double_backward(f, x, gy, ggx)


def test_gradient_values():
    x = Variable(numpy.array([-2.0, 3.0], numpy.float32))
    F.sum(F.leaky_relu(x, 0.2)).backward()
    assert x.grad.dtype == numpy.float32
    numpy.testing.assert_allclose(x.grad, [0.2, 1.0], rtol=1e-6)
