import numpy
import pytest

import minigan
from minigan import links as L
from minigan.testing import check_backward, check_double_backward
from tests.links_tests.helpers import load, save, to_float64


def _x(*shape):
    return numpy.random.RandomState(7).normal(1.0, 2.0, shape).astype(numpy.float32)


def _normalize(x, mean, var, gamma, beta, eps=2e-5):
    shape = (1, -1) + (1,) * (x.ndim - 2)
    return (gamma.reshape(shape) * (x - mean.reshape(shape)) / numpy.sqrt(var.reshape(shape) + eps)
            + beta.reshape(shape))


def test_initial_state():
    bn = L.BatchNormalization(3)
    assert [n for n, _ in bn.namedparams()] == ['/gamma', '/beta']
    numpy.testing.assert_array_equal(bn.gamma.array, numpy.ones(3))
    numpy.testing.assert_array_equal(bn.beta.array, numpy.zeros(3))
    numpy.testing.assert_array_equal(bn.avg_mean, numpy.zeros(3))
    numpy.testing.assert_array_equal(bn.avg_var, numpy.ones(3))
    assert bn.N == 0 and bn.avg_mean.dtype == numpy.float32
    assert sorted(save(bn)) == ['N', 'avg_mean', 'avg_var', 'beta', 'gamma']


def test_train_uses_batch_statistics_and_updates_running_ones():
    bn = L.BatchNormalization(3, decay=0.8, initial_gamma=2.0, initial_beta=0.5)
    x = _x(4, 3, 2, 2)
    y = bn(x)
    mean, var = x.mean(axis=(0, 2, 3)), x.var(axis=(0, 2, 3))
    numpy.testing.assert_allclose(y.array, _normalize(x, mean, var, bn.gamma.array,
                                                      bn.beta.array), rtol=1e-4, atol=1e-5)
    numpy.testing.assert_allclose(bn.avg_mean, 0.2 * mean, rtol=1e-5)
    unbiased = x.var(axis=(0, 2, 3), ddof=1)
    numpy.testing.assert_allclose(bn.avg_var, 0.8 + 0.2 * unbiased, rtol=1e-5)
    assert bn.N == 0  # NOTE: Chainer counts batches only in finetune mode


def test_eval_uses_running_statistics():
    bn = L.BatchNormalization(3)
    bn.avg_mean[...] = [1.0, 2.0, 3.0]
    bn.avg_var[...] = [4.0, 1.0, 0.25]
    x = _x(5, 3)
    with minigan.using_config('train', False):
        y = bn(x)
    numpy.testing.assert_allclose(y.array, _normalize(x, bn.avg_mean, bn.avg_var,
                                                      numpy.ones(3), numpy.zeros(3)), rtol=1e-5)
    numpy.testing.assert_array_equal(bn.avg_mean, [1.0, 2.0, 3.0])


def test_finetune_averages_all_batches():
    bn = L.BatchNormalization(2)
    x1, x2 = _x(6, 2), _x(6, 2) * 3 + 1
    bn(x1, finetune=True)
    bn(x2, finetune=True)
    assert bn.N == 2
    numpy.testing.assert_allclose(bn.avg_mean, (x1.mean(0) + x2.mean(0)) / 2, rtol=1e-5)


def test_without_gamma_and_beta():
    bn = L.BatchNormalization(2, use_gamma=False, use_beta=False)
    assert list(bn.namedparams()) == [] and bn.gamma is None
    assert sorted(save(bn)) == ['N', 'avg_mean', 'avg_var']
    x = _x(4, 2)
    numpy.testing.assert_allclose(bn(x).array, (x - x.mean(0)) / numpy.sqrt(x.var(0) + 2e-5),
                                  rtol=1e-4, atol=1e-5)


def test_lazy_shape_from_axis():
    bn = L.BatchNormalization(axis=(0, 2, 3))
    assert bn.avg_mean is None and bn.gamma.array is None
    bn(_x(2, 5, 3, 3))
    assert bn.avg_mean.shape == (5,) and bn.gamma.shape == (5,)
    with pytest.raises(RuntimeError):
        L.BatchNormalization()


def test_dtype_argument():
    bn = L.BatchNormalization(2, dtype=numpy.float64)
    assert bn.gamma.dtype == numpy.float64 and bn.avg_var.dtype == numpy.float64


@pytest.mark.parametrize('train', [True, False])
def test_gradients(train):
    bn = to_float64(L.BatchNormalization(3, initial_gamma=1.5, initial_beta=0.2,
                                         dtype=numpy.float64))
    x, gy = _x(4, 3), _x(4, 3)

    def f(x):
        with minigan.using_config('train', train):
            return bn(x)  # NOTE: in training the running statistics never reach y

    check_backward(f, x, gy, params=(bn.gamma, bn.beta))
    check_double_backward(f, x, gy, _x(4, 3), params=(bn.gamma, bn.beta))


def test_serialize_and_copy():
    bn = L.BatchNormalization(3)
    bn(_x(4, 3))
    saved = save(bn)
    assert saved['N'] == 0
    fresh = L.BatchNormalization(3)
    load(fresh, saved)
    numpy.testing.assert_array_equal(fresh.avg_var, bn.avg_var)
    assert isinstance(fresh.N, int)
    deep = bn.copy('copy')
    assert deep.avg_mean is not bn.avg_mean
    numpy.testing.assert_array_equal(deep.avg_mean, bn.avg_mean)
    assert bn.copy().avg_mean is bn.avg_mean
