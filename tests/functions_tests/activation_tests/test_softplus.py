import numpy
import pytest

import minigan.functions as F
from minigan import Variable
from minigan.testing import check_backward, check_double_backward


@pytest.mark.parametrize('beta', [1.0, 2.0, 0.5])
def test_forward(beta):
    x = numpy.random.RandomState(0).randn(3, 4).astype(numpy.float32) * 3
    y = F.softplus(Variable(x), beta)
    assert y.dtype == numpy.float32
    ref = numpy.log1p(numpy.exp(beta * x.astype(numpy.float64))) / beta
    numpy.testing.assert_allclose(y.array, ref, rtol=1e-5, atol=1e-6)


def test_large_inputs_do_not_overflow():
    x = numpy.array([-1000.0, 1000.0], numpy.float32)
    with numpy.errstate(over='raise', invalid='raise'):
        y = F.softplus(Variable(x))
    numpy.testing.assert_allclose(y.array, [0.0, 1000.0])


@pytest.mark.parametrize('beta', [1.0, 2.0])
def test_backward_and_double_backward(beta):
    rng = numpy.random.RandomState(1)
    x, gy, ggx = rng.randn(3, 4), rng.randn(3, 4), rng.randn(3, 4)

    def f(x):
        return F.softplus(x, beta)
    check_backward(f, x, gy)
    check_double_backward(f, x, gy, ggx)


def test_gradient_dtype():
    x = Variable(numpy.array([0.0, 1.0], numpy.float32))
    F.sum(F.softplus(x)).backward()
    assert x.grad.dtype == numpy.float32
    numpy.testing.assert_allclose(x.grad, 1 / (1 + numpy.exp(-x.array)), rtol=1e-6)
