import numpy

import minigan.functions as F
from minigan import Variable
from minigan.testing import check_backward, check_double_backward


def test_forward_is_stable():
    x = numpy.array([-100.0, -3.0, 0.0, 2.0, 100.0], numpy.float32)
    with numpy.errstate(over='raise', invalid='raise'):
        y = F.sigmoid(Variable(x))
    assert y.dtype == numpy.float32
    ref = 1 / (1 + numpy.exp(-x.astype(numpy.float64)))
    numpy.testing.assert_allclose(y.array, ref, rtol=1e-6, atol=1e-7)


def test_backward_and_double_backward():
    rng = numpy.random.RandomState(1)
    x, gy, ggx = rng.randn(3, 4), rng.randn(3, 4), rng.randn(3, 4)
    check_backward(F.sigmoid, x, gy)
    check_double_backward(F.sigmoid, x, gy, ggx)


def test_gradient_value_and_dtype():
    x = Variable(numpy.array([0.0], numpy.float32))
    F.sigmoid(x).backward()
    assert x.grad.dtype == numpy.float32
    numpy.testing.assert_allclose(x.grad, [0.25])
