import numpy
import pytest

import minigan.functions as F
from minigan import Variable
from minigan.testing import check_backward, check_double_backward

CASES = [(None, False), (1, False), (1, True), ((0, 2), False), (-1, True)]


def _distinct(shape, rng):
    # NOTE: a permutation has no ties, so the arg-max is unique
    return (rng.permutation(int(numpy.prod(shape))).reshape(shape) * 0.1).astype(numpy.float32)


@pytest.mark.parametrize('func, ref', [(F.max, numpy.max), (F.min, numpy.min)])
@pytest.mark.parametrize('axis, keepdims', CASES)
def test_forward(func, ref, axis, keepdims):
    x = _distinct((2, 3, 4), numpy.random.RandomState(0))
    y = func(Variable(x), axis=axis, keepdims=keepdims)
    assert y.dtype == numpy.float32
    numpy.testing.assert_array_equal(y.array, ref(x, axis=axis, keepdims=keepdims))


@pytest.mark.parametrize('func', [F.max, F.min])
@pytest.mark.parametrize('axis, keepdims', CASES)
def test_backward_and_double_backward(func, axis, keepdims):
    rng = numpy.random.RandomState(1)
    x = _distinct((2, 3, 4), rng)
    y_shape = numpy.max(x, axis=axis, keepdims=keepdims).shape
    gy, ggx = numpy.asarray(rng.randn(*y_shape)), rng.randn(2, 3, 4)

    def f(x):
        return func(x, axis=axis, keepdims=keepdims)
    check_backward(f, x, gy)
    check_double_backward(f, x, gy, ggx)


def test_gradient_goes_to_the_argmax():
    x = Variable(numpy.array([[1.0, 3.0, 2.0], [5.0, 4.0, 0.0]], numpy.float32))
    F.sum(F.max(x, axis=1)).backward()
    numpy.testing.assert_array_equal(x.grad, [[0, 1, 0], [1, 0, 0]])
