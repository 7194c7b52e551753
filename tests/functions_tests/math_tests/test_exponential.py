"""F.exp and F.log: forward against NumPy, first and second derivatives (log on x > 0)."""
import numpy
import pytest

import minigan.functions as F
from minigan import Variable
from minigan.testing import check_backward, check_double_backward

# (the function, NumPy's, the inputs' range)
OPS = pytest.mark.parametrize('op, reference, low, high', [
    (F.exp, numpy.exp, -2.0, 2.0),
    (F.log, numpy.log, 0.5, 3.0),
])


@OPS
def test_forward(op, reference, low, high):
    x = numpy.random.RandomState(0).uniform(low, high, (3, 4)).astype(numpy.float32)
    y = op(Variable(x))
    assert y.dtype == numpy.float32
    numpy.testing.assert_allclose(y.array, reference(x), rtol=1e-6)


@OPS
def test_backward_and_double_backward(op, reference, low, high):
    rng = numpy.random.RandomState(1)
    x = rng.uniform(low, high, (3, 4))
    gy, ggx = rng.randn(3, 4), rng.randn(3, 4)
    check_backward(op, x, gy)
    check_double_backward(op, x, gy, ggx)


def test_log_undoes_exp():
    x = numpy.random.RandomState(2).randn(5)
    numpy.testing.assert_allclose(F.log(F.exp(x)).array, x, rtol=1e-12)
