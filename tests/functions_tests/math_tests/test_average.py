import numpy
import pytest

import minigan.functions as F
from minigan import Variable
from minigan.testing import check_backward, check_double_backward


@pytest.mark.parametrize('axis, keepdims', [(None, False), (1, False), (1, True), ((0, 2), False)])
def test_unweighted_is_the_mean(axis, keepdims):
    x = numpy.random.RandomState(0).randn(2, 3, 4).astype(numpy.float32)
    y = F.average(Variable(x), axis=axis, keepdims=keepdims)
    assert y.dtype == numpy.float32
    numpy.testing.assert_allclose(y.array, numpy.mean(x, axis=axis, keepdims=keepdims),
                                  rtol=1e-6)


@pytest.mark.parametrize('axis, w_shape', [(None, (2, 3, 4)), (1, (3,)), (-1, (4,)),
                                           (2, (2, 3, 4))])
def test_weighted_forward(axis, w_shape):
    rng = numpy.random.RandomState(1)
    x = rng.randn(2, 3, 4).astype(numpy.float32)
    w = rng.uniform(0.5, 1.5, w_shape).astype(numpy.float32)
    y = F.average(Variable(x), axis=axis, weights=Variable(w))
    assert y.dtype == numpy.float32
    numpy.testing.assert_allclose(y.array, numpy.average(x, axis=axis, weights=w), rtol=1e-5)


@pytest.mark.parametrize('axis, w_shape', [(None, (2, 3, 4)), (1, (3,))])
def test_weighted_backward_and_double_backward(axis, w_shape):
    rng = numpy.random.RandomState(2)
    x = rng.randn(2, 3, 4)
    w = rng.uniform(0.5, 1.5, w_shape)
    y_shape = numpy.average(x, axis=axis, weights=w).shape
    gy = numpy.asarray(rng.randn(*y_shape))

    def f(x, w):
        return F.average(x, axis=axis, weights=w)
    check_backward(f, (x, w), gy)
    check_double_backward(f, (x, w), gy, (rng.randn(*x.shape), rng.randn(*w.shape)))


def test_unweighted_backward_and_double_backward():
    rng = numpy.random.RandomState(3)
    x, gy = rng.randn(2, 3, 4), rng.randn(2, 4)

    def f(x):
        return F.average(x, axis=1)
    check_backward(f, x, gy)
    check_double_backward(f, x, gy, rng.randn(2, 3, 4))


def test_bad_weights_raise():
    x = numpy.zeros((2, 3), numpy.float32)
    with pytest.raises(ValueError):
        F.average(x, axis=None, weights=numpy.ones(3, numpy.float32))
