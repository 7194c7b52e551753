"""F.sum and F.mean over axes: forward against NumPy, first and second derivatives."""
import numpy
import pytest

import minigan.functions as F
from minigan import Variable
from minigan.testing import check_backward, check_double_backward

# (axis, keepdims)
CASES = [(None, False), (0, False), (1, True), ((0, 2), False), (-1, True), ((), False)]


@pytest.mark.parametrize('axis, keepdims', CASES)
@pytest.mark.parametrize('op, reference', [(F.sum, numpy.sum), (F.mean, numpy.mean)])
def test_forward(op, reference, axis, keepdims):
    x = numpy.random.RandomState(0).randn(2, 3, 4).astype(numpy.float32)
    y = op(Variable(x), axis=axis, keepdims=keepdims)
    expected = reference(x, axis=axis, keepdims=keepdims)
    assert y.dtype == numpy.float32 and y.shape == expected.shape
    numpy.testing.assert_allclose(y.array, expected, rtol=1e-6)


@pytest.mark.parametrize('axis, keepdims', CASES)
@pytest.mark.parametrize('op', [F.sum, F.mean])
def test_backward_and_double_backward(op, axis, keepdims):
    rng = numpy.random.RandomState(1)
    x = rng.randn(2, 3, 4)
    y_shape = numpy.sum(x, axis=axis, keepdims=keepdims).shape
    gy = numpy.asarray(rng.normal(size=y_shape))

    def f(x):
        y = op(x, axis=axis, keepdims=keepdims)
        return y * y
    check_backward(lambda x: op(x, axis=axis, keepdims=keepdims), x, gy)
    check_double_backward(f, x, gy, rng.randn(2, 3, 4))
