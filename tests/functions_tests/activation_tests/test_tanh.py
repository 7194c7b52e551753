import numpy

import minigan.functions as F
from minigan import Variable
from minigan.testing import check_backward, check_double_backward


def test_forward():
    x = numpy.random.RandomState(0).randn(3, 4).astype(numpy.float32)
    y = F.tanh(Variable(x))
    assert y.dtype == numpy.float32
    numpy.testing.assert_allclose(y.array, numpy.tanh(x), rtol=1e-6)


def test_backward_and_double_backward():
    rng = numpy.random.RandomState(1)
    x, gy, ggx = rng.randn(3, 4), rng.randn(3, 4), rng.randn(3, 4)
    check_backward(F.tanh, x, gy)
    check_double_backward(F.tanh, x, gy, ggx)


def test_gradient_value_and_dtype():
    x = Variable(numpy.array([0.5], numpy.float32))
    F.tanh(x).backward()
    assert x.grad.dtype == numpy.float32
    numpy.testing.assert_allclose(x.grad, 1 - numpy.tanh(0.5) ** 2, rtol=1e-6)
