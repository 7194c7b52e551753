import numpy
import pytest

import minigan.functions as F
from minigan import Variable
from minigan.testing import check_backward, check_double_backward


def _depth2space_loop(X, r):
    n, crr, h, w = X.shape
    c = crr // (r * r)
    y = numpy.zeros((n, c, h * r, w * r), X.dtype)
    for i in range(r):
        for j in range(r):
            for k in range(c):
                y[:, k, i::r, j::r] = X[:, (i * r + j) * c + k]
    return y


@pytest.mark.parametrize('r', [1, 2, 3])
def test_depth2space_matches_loop(r):
    X = numpy.random.RandomState(0).randn(2, 2 * r * r, 3, 2).astype(numpy.float32)
    y = F.depth2space(Variable(X), r)
    assert y.dtype == numpy.float32
    numpy.testing.assert_array_equal(y.array, _depth2space_loop(X, r))


@pytest.mark.parametrize('r', [1, 2, 3])
def test_space2depth_inverts_depth2space(r):
    X = numpy.random.RandomState(1).randn(2, 2 * r * r, 3, 2).astype(numpy.float32)
    Y = F.space2depth(_depth2space_loop(X, r), r)
    assert Y.dtype == numpy.float32
    numpy.testing.assert_array_equal(Y.array, X)


def test_bad_shapes_raise():
    with pytest.raises(ValueError):
        F.depth2space(numpy.zeros((1, 3, 2, 2), numpy.float32), 2)
    with pytest.raises(ValueError):
        F.space2depth(numpy.zeros((1, 1, 3, 2), numpy.float32), 2)


@pytest.mark.parametrize('func, in_shape, out_shape', [
    (F.depth2space, (2, 8, 2, 3), (2, 2, 4, 6)), (F.space2depth, (2, 2, 4, 6), (2, 8, 2, 3))])
def test_backward_and_double_backward(func, in_shape, out_shape):
    rng = numpy.random.RandomState(2)
    x, gy = rng.randn(*in_shape), rng.randn(*out_shape)

    def f(x):
        return func(x, 2)
    check_backward(f, x, gy)
    check_double_backward(f, x, gy, rng.randn(*in_shape))
