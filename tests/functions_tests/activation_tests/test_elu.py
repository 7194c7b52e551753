import numpy
import pytest

import minigan.functions as F
from minigan import Variable
from minigan.testing import check_backward, check_double_backward


def _away_from_zero(shape, rng):
    return (rng.uniform(0.1, 2.0, shape) * rng.choice([-1, 1], shape)).astype(numpy.float32)


@pytest.mark.parametrize('alpha', [1.0, 0.5])
def test_forward(alpha):
    x = _away_from_zero((3, 4), numpy.random.RandomState(0))
    y = F.elu(Variable(x), alpha)
    assert y.dtype == numpy.float32
    ref = numpy.where(x > 0, x, alpha * (numpy.exp(x.astype(numpy.float64)) - 1))
    numpy.testing.assert_allclose(y.array, ref, rtol=1e-6, atol=1e-7)


def test_large_inputs_do_not_overflow():
    with numpy.errstate(over='raise'):
        x = Variable(numpy.array([-1000.0, 1000.0], numpy.float32))
        y = F.elu(x)
        F.sum(y).backward()
    numpy.testing.assert_allclose(y.array, [-1.0, 1000.0])
    numpy.testing.assert_allclose(x.grad, [0.0, 1.0])


@pytest.mark.parametrize('alpha', [1.0, 0.5])
def test_backward_and_double_backward(alpha):
    rng = numpy.random.RandomState(1)
    x = _away_from_zero((3, 4), rng)
    gy, ggx = rng.randn(3, 4), rng.randn(3, 4)

    def f(x):
        return F.elu(x, alpha)
    check_backward(f, x, gy)
    check_double_backward(f, x, gy, ggx)
