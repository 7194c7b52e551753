import numpy
import pytest

import minigan
from minigan import links as L
from minigan.testing import check_backward, check_double_backward
from tests.links_tests.helpers import to_float64


def _x(*shape, seed=7):
    return numpy.random.RandomState(seed).normal(1.0, 2.0, shape).astype(numpy.float32)


def _cbn(dtype=numpy.float32):
    cbn = L.ConditionalBatchNormalization(3, 4)
    rng = numpy.random.RandomState(0)
    cbn.gamma.W.array = rng.normal(1, 0.5, (4, 3)).astype(dtype)
    cbn.beta.W.array = rng.normal(0, 0.5, (4, 3)).astype(dtype)
    return cbn


def test_initial_state_is_plain_batch_norm_for_every_class():
    cbn = L.ConditionalBatchNormalization(3, 4)
    assert sorted(n for n, _ in cbn.namedparams()) == ['/beta/W', '/gamma/W']
    x = _x(6, 3, 2, 2)
    expected = L.BatchNormalization(3)(x).array
    for c in range(4):
        y = cbn(x, numpy.full(6, c, numpy.int32)).array
        numpy.testing.assert_allclose(y, expected, rtol=1e-5, atol=1e-5)


def test_each_example_gets_its_class_scale_and_shift():
    cbn = _cbn()
    x, c = _x(5, 3, 2, 2), numpy.array([0, 3, 1, 1, 2], numpy.int32)
    y = cbn(x, c).array
    mean, var = x.mean(axis=(0, 2, 3)), x.var(axis=(0, 2, 3))
    xhat = (x - mean[:, None, None]) / numpy.sqrt(var[:, None, None] + 2e-5)
    gamma, beta = cbn.gamma.W.array[c], cbn.beta.W.array[c]
    numpy.testing.assert_allclose(y, gamma[..., None, None] * xhat + beta[..., None, None],
                                  rtol=1e-4, atol=1e-5)


def test_one_hot_weights_equal_labels_and_blends_are_linear():
    cbn = _cbn()
    x, c = _x(4, 3), numpy.array([0, 1, 2, 3], numpy.int32)
    onehot = numpy.eye(4, dtype=numpy.float32)[c]
    with minigan.using_config('train', False):
        numpy.testing.assert_allclose(cbn(x, onehot).array, cbn(x, c).array, atol=1e-6)
        half = cbn(x, 0.5 * onehot + 0.5 * numpy.eye(4, dtype=numpy.float32)[[1, 1, 1, 1]])
        mid = 0.5 * cbn(x, c).array + 0.5 * cbn(x, numpy.ones(4, numpy.int32)).array
    numpy.testing.assert_allclose(half.array, mid, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize('train', [True, False])
def test_gradients(train):
    cbn = to_float64(_cbn())
    cbn.bn.avg_mean, cbn.bn.avg_var = cbn.bn.avg_mean.astype('f8'), cbn.bn.avg_var.astype('f8')
    c = numpy.array([2, 0, 2, 1], numpy.int32)
    x, gy = _x(4, 3, 2, 2), _x(4, 3, 2, 2, seed=8)

    def f(x):
        with minigan.using_config('train', train):
            return cbn(x, c)

    params = (cbn.gamma.W, cbn.beta.W)
    check_backward(f, x, gy, params=params)
    check_double_backward(f, x, gy, _x(4, 3, 2, 2, seed=9), params=params)
