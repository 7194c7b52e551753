import numpy
import pytest

import minigan.functions as F
from minigan import Variable
from minigan.testing import check_backward, check_double_backward


def _lrn_loop(x, n, k, alpha, beta):
    """The AlexNet formula, one channel at a time."""
    y = numpy.empty_like(x, dtype=numpy.float64)
    channels = x.shape[1]
    for c in range(channels):
        lo, hi = max(0, c - n // 2), min(channels - 1, c + n // 2)
        energy = (x[:, lo:hi + 1].astype(numpy.float64) ** 2).sum(axis=1)
        y[:, c] = x[:, c] / (k + alpha * energy) ** beta
    return y


@pytest.mark.parametrize('shape, n, k, alpha, beta', [
    ((2, 7, 3, 2), 5, 2, 1e-4, 0.75), ((3, 4), 3, 1.0, 0.5, 0.6), ((2, 6, 2), 4, 0.5, 0.3, 1.0)])
def test_forward_matches_loop_and_keeps_float32(shape, n, k, alpha, beta):
    x = (3 * numpy.random.RandomState(0).randn(*shape)).astype(numpy.float32)
    y = F.local_response_normalization(Variable(x), n, k, alpha, beta)
    assert y.dtype == numpy.float32 and y.shape == shape
    numpy.testing.assert_allclose(y.array, _lrn_loop(x, n, k, alpha, beta), rtol=1e-5)


def test_chainer_defaults():
    x = numpy.full((1, 6, 1, 1), 10.0)
    # NOTE: the middle channels see 5 neighbours: 2 + 1e-4 * 5 * 100 = 2.05
    numpy.testing.assert_allclose(F.local_response_normalization(x).array[0, 2, 0, 0],
                                  10.0 / 2.05 ** 0.75)


@pytest.mark.parametrize('shape, n', [((2, 5, 2, 2), 3), ((2, 3), 5)])
def test_backward_and_double_backward(shape, n):
    rng = numpy.random.RandomState(1)
    x = rng.randn(*shape)

    def func(x):
        return F.local_response_normalization(x, n, 1.0, 0.5, 0.75)
    check_backward(func, x, rng.randn(*shape))
    check_double_backward(func, x, rng.randn(*shape), rng.randn(*shape))
