"""The blocked, threaded NumPy passes (minigan.utils.parallel) against the plain formulas.

Every function with such a pass runs here twice: as one whole-array call (the arrays are
below the threading threshold) and cut into odd 5-element blocks over three threads. Inputs
come channels-last (as convolutions hand them on), C-contiguous and as strided slices;
forward values are compared with NumPy expressions, gradients and second-order gradients by
finite differences.
"""
import numpy
import pytest

import minigan
import minigan.functions as F
from minigan import optimizers
from minigan.testing import check_backward, check_double_backward
from minigan.utils import parallel

SHAPE = (3, 5, 7, 2)  # odd sizes: no block boundary falls on a row or a channel


@pytest.fixture(params=['whole', 'blocks'])
def passes(request, monkeypatch):
    if request.param == 'blocks':
        monkeypatch.setattr(parallel, 'min_size', 1)
        monkeypatch.setattr(parallel, 'block_size', 5)
        monkeypatch.setattr(parallel, 'num_threads', 3)
    return request.param


# A layout is (make the array handed to the test, view it as (N, C, H, W), view back): the
# function under test sees the middle one, and the gradient it gets back has the same layout.
LAYOUTS = {
    'c_order': (lambda a: a, lambda x: x, lambda y: y),
    'channels_last': (lambda a: numpy.ascontiguousarray(a.transpose(0, 2, 3, 1)),
                      lambda x: F.transpose(x, (0, 3, 1, 2)),
                      lambda y: F.transpose(y, (0, 2, 3, 1))),
    'strided': (lambda a: numpy.concatenate([a, a[::-1]], axis=1),
                lambda x: x[:, :x.shape[1] // 2], lambda y: y),
}


def _away_from_zero(shape, seed):
    rng = numpy.random.RandomState(seed)
    return rng.uniform(0.1, 1.0, shape) * rng.choice([-1, 1], shape)


def _check(fn, layout, *extra, reference=None, seed=0):
    """Forward against ``reference`` (NCHW in, NCHW out), then first and second order."""
    make, into, back = LAYOUTS[layout]
    x = _away_from_zero(SHAPE, seed)
    rng = numpy.random.RandomState(seed + 1)

    def f(x, *rest):
        return back(fn(into(x), *rest))
    if reference is not None:
        y = fn(into(minigan.Variable(make(x).astype(numpy.float32))),
               *[e.astype(numpy.float32) for e in extra])
        numpy.testing.assert_allclose(y.array, reference(x, *extra), rtol=1e-5, atol=1e-5)
    data = (make(x),) + extra
    y_shape = f(*[minigan.Variable(d) for d in data]).shape
    gy, ggx = rng.randn(*y_shape), [rng.randn(*d.shape) for d in data]
    check_backward(f, data, gy)
    check_double_backward(f, data, gy, ggx)


@pytest.mark.parametrize('layout', sorted(LAYOUTS))
@pytest.mark.parametrize('slope', [0.2, 0.0, 1.5, -0.3])
def test_leaky_relu(passes, layout, slope):
    _check(lambda x: F.leaky_relu(x, slope), layout,
           reference=lambda x: numpy.where(x > 0, x, slope * x))


@pytest.mark.parametrize('layout', sorted(LAYOUTS))
def test_relu(passes, layout):
    _check(F.relu, layout, reference=lambda x: numpy.maximum(x, 0))


def _bn_reference(x, gamma, beta, eps=2e-5):
    axes, kept = (0, 2, 3), (1, -1, 1, 1)
    mean, var = x.mean(axis=axes, keepdims=True), x.var(axis=axes, keepdims=True)
    return gamma.reshape(kept) * (x - mean) / numpy.sqrt(var + eps) + beta.reshape(kept)


@pytest.mark.parametrize('layout', sorted(LAYOUTS))
def test_batch_normalization(passes, layout):
    rng = numpy.random.RandomState(5)
    gamma, beta = rng.uniform(0.5, 1.5, SHAPE[1]), rng.randn(SHAPE[1])
    _check(F.batch_normalization, layout, gamma, beta, reference=_bn_reference)


def test_batch_normalization_2d_and_running_statistics(passes):
    rng = numpy.random.RandomState(6)
    x = rng.randn(11, 3).astype(numpy.float32) * 3 + 5
    gamma, beta = rng.uniform(0.5, 1.5, 3), rng.randn(3)
    mean, var = numpy.zeros(3, numpy.float32), numpy.ones(3, numpy.float32)
    y = F.batch_normalization(x, gamma.astype(numpy.float32), beta.astype(numpy.float32),
                              running_mean=mean, running_var=var, decay=0.5)
    expected = gamma * (x - x.mean(0)) / numpy.sqrt(x.var(0) + 2e-5) + beta
    numpy.testing.assert_allclose(y.array, expected, rtol=1e-5, atol=1e-5)
    numpy.testing.assert_allclose(mean, 0.5 * x.mean(0), rtol=1e-5)
    numpy.testing.assert_allclose(var, 0.5 + 0.5 * x.var(0) * 11 / 10, rtol=1e-5)
    check_double_backward(F.batch_normalization, (x.astype(numpy.float64), gamma, beta),
                          rng.randn(11, 3), [rng.randn(11, 3), rng.randn(3), rng.randn(3)])


def test_batch_normalization_gradient_in_another_layout(passes):
    # NOTE: x channels-last, gy C-contiguous: the passes fall back to whole arrays
    x = _away_from_zero(SHAPE, 7).transpose(0, 2, 3, 1).copy().transpose(0, 3, 1, 2)
    rng = numpy.random.RandomState(8)
    gamma, beta = rng.uniform(0.5, 1.5, SHAPE[1]), rng.randn(SHAPE[1])
    check_backward(F.batch_normalization, (x, gamma, beta), rng.randn(*SHAPE))


@pytest.mark.parametrize('kwargs', [dict(), dict(amsgrad=True, weight_decay_rate=0.1, eta=0.5)])
def test_adam_blocks_match_one_call(monkeypatch, kwargs):
    rng = numpy.random.RandomState(9)
    W0 = rng.randn(7, 3, 5).astype(numpy.float32)
    grads = [rng.randn(5, 3, 7).astype(numpy.float32).T for _ in range(3)]  # NOTE: strided

    def run():
        param = minigan.Parameter(W0.copy())
        link = minigan.Link()
        with link.init_scope():
            link.W = param
        opt = optimizers.Adam(alpha=0.01, **kwargs).setup(link)
        for g in grads:
            param.grad = g
            opt.update()
        return param.array, param.update_rule.state
    W_whole, state_whole = run()
    monkeypatch.setattr(parallel, 'min_size', 1)
    monkeypatch.setattr(parallel, 'block_size', 5)
    monkeypatch.setattr(parallel, 'num_threads', 3)
    W_blocks, state_blocks = run()
    numpy.testing.assert_array_equal(W_whole, W_blocks)
    for key in state_whole:
        numpy.testing.assert_array_equal(state_whole[key], state_blocks[key])


def _softmax_reference(x, axis):
    e = numpy.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


@pytest.mark.parametrize('layout', sorted(LAYOUTS))
@pytest.mark.parametrize('axis', [-1, 1])
def test_softmax(passes, layout, axis):
    _check(lambda x: F.softmax(x, axis), layout,
           reference=lambda x: _softmax_reference(x, axis))
