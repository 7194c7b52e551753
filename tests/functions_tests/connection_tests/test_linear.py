import numpy
import pytest

import minigan
import minigan.functions as F
from minigan.testing import check_backward, check_double_backward

# (x shape, out_size, n_batch_axes)
CASES = [
    ((4, 3), 5, 1),
    ((2, 3, 2, 2), 4, 1),   # a feature map flattened to (N, C*H*W)
    ((2, 3, 4), 5, 2),      # two batch axes: the last axis is mapped
]


def _data(x_shape, out_size, n_batch_axes, dtype=numpy.float64):
    rng = numpy.random.RandomState(0)
    in_size = int(numpy.prod(x_shape[n_batch_axes:]))
    x = rng.uniform(-1, 1, x_shape).astype(dtype)
    W = rng.uniform(-1, 1, (out_size, in_size)).astype(dtype)
    b = rng.uniform(-1, 1, out_size).astype(dtype)
    return x, W, b


@pytest.mark.parametrize('x_shape, out_size, n_batch_axes', CASES)
@pytest.mark.parametrize('nobias', [False, True])
def test_forward(x_shape, out_size, n_batch_axes, nobias):
    x, W, b = _data(x_shape, out_size, n_batch_axes)
    y = F.linear(x, W, None if nobias else b, n_batch_axes=n_batch_axes)
    batch_shape = x_shape[:n_batch_axes]
    expected = x.reshape(int(numpy.prod(batch_shape)), -1) @ W.T + (0 if nobias else b)
    assert y.shape == batch_shape + (out_size,)
    numpy.testing.assert_allclose(y.array, expected.reshape(y.shape), rtol=1e-12)


def test_float32_stays_float32():
    x, W, b = (minigan.Variable(a) for a in _data((4, 3), 5, 1, numpy.float32))
    y = F.linear(x, W, b)
    assert y.dtype == numpy.float32
    F.sum(y * y).backward()
    assert x.grad.dtype == W.grad.dtype == b.grad.dtype == numpy.float32


def test_feature_mismatch_raises():
    x, W, _ = _data((4, 3), 5, 1)
    with pytest.raises(ValueError):
        F.linear(x, W[:, :2])


@pytest.mark.parametrize('x_shape, out_size, n_batch_axes', CASES)
def test_backward(x_shape, out_size, n_batch_axes):
    x, W, b = _data(x_shape, out_size, n_batch_axes)
    gy = numpy.random.RandomState(1).normal(size=x_shape[:n_batch_axes] + (out_size,))
    check_backward(lambda x, W, b: F.linear(x, W, b, n_batch_axes), (x, W, b), gy)


@pytest.mark.parametrize('x_shape, out_size, n_batch_axes', CASES)
def test_double_backward(x_shape, out_size, n_batch_axes):
    x, W, b = _data(x_shape, out_size, n_batch_axes)
    rng = numpy.random.RandomState(1)
    gy = rng.normal(size=x_shape[:n_batch_axes] + (out_size,))
    ggs = (rng.normal(size=x.shape), rng.normal(size=W.shape), rng.normal(size=b.shape))

    def f(x, W, b):
        y = F.linear(x, W, b, n_batch_axes)
        return y * y
    check_double_backward(f, (x, W, b), gy, ggs)
