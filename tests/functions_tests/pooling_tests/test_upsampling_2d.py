import numpy
import pytest

import minigan.functions as F
from minigan import Variable
from minigan.testing import check_backward, check_double_backward

# (h, w, ksize, stride, pad, cover_all): the max pooling whose indexes are reused
CASES = [(4, 6, 2, None, 0, False), (5, 5, 2, None, 0, True), (5, 4, 3, 2, 1, True),
         (4, 4, 3, 1, 1, False)]


def _pool_indexes(x, k, s, p, cover_all):
    y, indexes = F.max_pooling_2d(x, k, s, p, cover_all=cover_all, return_indices=True)
    return y, indexes


def _upsample_loop(x, indexes, k, s, p, out):
    """Scatter each value to the winning pixel of its window (overlaps add up)."""
    n, c, h, w = x.shape
    margin = 2 * p + 2 * k + s * max(h, w)
    big = numpy.zeros((n, c, out[0] + margin, out[1] + margin))
    for a in range(n):
        for b in range(c):
            for i in range(h):
                for j in range(w):
                    dy, dx = divmod(int(indexes[a, b, i, j]), k)
                    big[a, b, i * s + dy, j * s + dx] += x[a, b, i, j]
    return big[:, :, p:p + out[0], p:p + out[1]]


def test_max_pooling_indexes_point_at_the_maximum():
    x = numpy.random.RandomState(0).randn(2, 3, 4, 4)
    y, indexes = _pool_indexes(x, 2, 2, 0, False)
    assert indexes.shape == y.shape and indexes.dtype.kind == 'i'
    windows = x.reshape(2, 3, 2, 2, 2, 2).transpose(0, 1, 2, 4, 3, 5).reshape(2, 3, 2, 2, 4)
    numpy.testing.assert_array_equal(indexes, windows.argmax(axis=-1))


@pytest.mark.parametrize('h, w, k, s, p, cover_all', CASES)
def test_forward_matches_loop_and_keeps_float32(h, w, k, s, p, cover_all):
    x = numpy.random.RandomState(1).randn(2, 2, h, w).astype(numpy.float32)
    pooled, indexes = _pool_indexes(x, k, s, p, cover_all)
    y = F.upsampling_2d(Variable(pooled.array), indexes, k, s, p, outsize=(h, w),
                        cover_all=cover_all)
    assert y.shape == x.shape and y.dtype == numpy.float32
    stride = k if s is None else s
    numpy.testing.assert_allclose(
        y.array, _upsample_loop(pooled.array, indexes, k, stride, p, (h, w)), rtol=1e-6)


def test_non_overlapping_windows_give_back_the_maxima_in_place():
    x = numpy.random.RandomState(2).randn(1, 2, 4, 6)
    pooled, indexes = _pool_indexes(x, 2, None, 0, False)
    y = F.upsampling_2d(pooled, indexes, 2, cover_all=False).array
    numpy.testing.assert_array_equal(y, numpy.where(y != 0, x, 0))
    numpy.testing.assert_array_equal(numpy.count_nonzero(y), pooled.size)


def test_default_outsize_follows_chainer():
    x = numpy.zeros((1, 1, 2, 3))
    indexes = numpy.zeros(x.shape, dtype=numpy.int32)
    assert F.upsampling_2d(x, indexes, 2).shape == (1, 1, 3, 5)
    assert F.upsampling_2d(x, indexes, 2, cover_all=False).shape == (1, 1, 4, 6)
    with pytest.raises(ValueError):
        F.upsampling_2d(x, indexes[:, :, :1], 2)


@pytest.mark.parametrize('h, w, k, s, p, cover_all', CASES)
def test_backward_and_double_backward(h, w, k, s, p, cover_all):
    rng = numpy.random.RandomState(3)
    pooled, indexes = _pool_indexes(rng.randn(2, 2, h, w), k, s, p, cover_all)

    def func(x):
        return F.upsampling_2d(x, indexes, k, s, p, outsize=(h, w), cover_all=cover_all)
    x = rng.randn(*pooled.shape)
    check_backward(func, x, rng.randn(2, 2, h, w))
    check_double_backward(func, x, rng.randn(2, 2, h, w), rng.randn(*x.shape))
