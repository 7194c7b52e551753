"""CuPy runs of the normalization functions must match NumPy (on a GPU, and emulated on a CPU)."""
import numpy
import pytest

import minigan
import minigan.functions as F
from minigan import Variable
from minigan.backend import cuda

from tests.functions_tests.cupy_helpers import DEVICES

RNG = numpy.random.RandomState(0)


def _randn(*shape):
    return RNG.randn(*shape).astype(numpy.float32)


def _positive(*shape):
    return RNG.uniform(0.5, 1.5, shape).astype(numpy.float32)


def _run(func, arrays, send):
    xs = [Variable(send(a)) for a in arrays]
    y = func(*xs)
    grads = minigan.grad([y], xs)
    assert y.dtype == numpy.float32
    return [cuda.to_cpu(y.array)] + [cuda.to_cpu(g.array) for g in grads]


def _batch_normalization(x, gamma, beta):
    mean = x.xp.zeros(3, numpy.float32)
    var = x.xp.ones(3, numpy.float32)
    y = F.batch_normalization(x, gamma, beta, running_mean=mean, running_var=var)
    assert abs(float(mean.sum()) - 0.1 * float(x.array.mean(axis=(0, 2, 3)).sum())) < 1e-5
    return y * x


CASES = {
    'batch_normalization': (_batch_normalization,
                            [_randn(4, 3, 2, 2), _positive(3), _randn(3)]),
    'fixed_batch_normalization': (lambda *a: F.fixed_batch_normalization(*a) * a[0],
                                  [_randn(4, 3, 2, 2), _positive(3), _randn(3), _randn(3),
                                   _positive(3)]),
    'normalize': (lambda x: F.normalize(x) * x, [_randn(4, 5)]),
    'pixel_norm': (lambda x: F.pixel_norm(x) * x, [_randn(2, 3, 2, 2)]),
    'minibatch_stddev': (lambda x: F.minibatch_stddev(x, 2) * F.concat((x, x[:, :1]), axis=1),
                         [_randn(4, 3, 2, 2)]),
}


@pytest.mark.parametrize('device', DEVICES)
@pytest.mark.parametrize('name', sorted(CASES))
def test_cupy_matches_numpy(name, device):
    func, arrays = CASES[name]
    send, context = device
    expected = _run(func, arrays, cuda.to_cpu)
    with context():
        got = _run(func, arrays, send)
    for a, b in zip(expected, got):
        numpy.testing.assert_allclose(b, a, rtol=1e-4, atol=1e-5)
