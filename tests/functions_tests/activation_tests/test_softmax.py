import numpy
import pytest

import minigan.functions as F
from minigan import Variable
from minigan.testing import check_backward, check_double_backward


def _ref(x, axis):
    e = numpy.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


@pytest.mark.parametrize('axis', [1, 0, -1])
def test_forward(axis):
    x = numpy.random.RandomState(0).randn(2, 3, 4).astype(numpy.float32)
    y = F.softmax(Variable(x), axis=axis)
    assert y.dtype == numpy.float32
    numpy.testing.assert_allclose(y.array, _ref(x, axis), rtol=1e-5)


def test_default_axis_is_1_and_large_logits_are_fine():
    x = numpy.array([[1000.0, 1000.0], [0.0, -1000.0]], numpy.float32)
    with numpy.errstate(over='raise'):
        y = F.softmax(x)
    numpy.testing.assert_allclose(y.array, [[0.5, 0.5], [1.0, 0.0]])


@pytest.mark.parametrize('axis', [1, -1])
def test_backward_and_double_backward(axis):
    rng = numpy.random.RandomState(1)
    x, gy, ggx = rng.randn(2, 3, 4), rng.randn(2, 3, 4), rng.randn(2, 3, 4)

    def f(x):
        return F.softmax(x, axis=axis)
    check_backward(f, x, gy)
    check_double_backward(f, x, gy, ggx)
