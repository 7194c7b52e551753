import numpy
import pytest

import minigan.functions as F
from minigan import Variable
from minigan.testing import check_backward, check_double_backward

SHAPES = [(5, 3), (4, 3, 2, 3)]


def _inputs(shape, seed=0, dtype=numpy.float64):
    rng = numpy.random.RandomState(seed)
    c = shape[1]
    x = rng.randn(*shape).astype(dtype)
    gamma = rng.uniform(0.5, 1.5, c).astype(dtype)
    beta = rng.randn(c).astype(dtype)
    return rng, x, gamma, beta


def _reference(x, gamma, beta, eps):
    axes = (0,) + tuple(range(2, x.ndim))
    kept = (1, -1) + (1,) * (x.ndim - 2)
    mean = x.mean(axis=axes, keepdims=True)
    var = x.var(axis=axes, keepdims=True)
    return gamma.reshape(kept) * (x - mean) / numpy.sqrt(var + eps) + beta.reshape(kept)


@pytest.mark.parametrize('shape', SHAPES)
def test_forward_matches_numpy_and_keeps_float32(shape):
    _, x, gamma, beta = _inputs(shape, dtype=numpy.float32)
    y = F.batch_normalization(Variable(x), Variable(gamma), Variable(beta))
    assert y.dtype == numpy.float32
    numpy.testing.assert_allclose(y.array, _reference(x, gamma, beta, 2e-5), rtol=1e-4, atol=1e-5)


def test_axis_argument_picks_the_reduced_axes():
    rng = numpy.random.RandomState(3)
    x = rng.randn(2, 3, 4)
    gamma, beta = rng.rand(4) + 0.5, rng.randn(4)
    y = F.batch_normalization(x, gamma, beta, eps=1e-5, axis=(0, 1))
    expected = gamma * (x - x.mean((0, 1))) / numpy.sqrt(x.var((0, 1)) + 1e-5) + beta
    numpy.testing.assert_allclose(y.array, expected, rtol=1e-10)


@pytest.mark.parametrize('shape', SHAPES)
def test_running_statistics_are_updated_in_place(shape):
    _, x, gamma, beta = _inputs(shape, dtype=numpy.float32)
    c = shape[1]
    running_mean = numpy.full(c, 0.5, numpy.float32)
    running_var = numpy.ones(c, numpy.float32)
    mean_id, var_id = id(running_mean), id(running_var)
    F.batch_normalization(x, gamma, beta, running_mean=running_mean, running_var=running_var,
                          decay=0.8)
    axes = (0,) + tuple(range(2, x.ndim))
    m = x.size // c
    numpy.testing.assert_allclose(running_mean, 0.8 * 0.5 + 0.2 * x.mean(axis=axes), rtol=1e-5)
    unbiased = x.var(axis=axes) * m / (m - 1)
    numpy.testing.assert_allclose(running_var, 0.8 + 0.2 * unbiased, rtol=1e-5)
    assert (id(running_mean), id(running_var)) == (mean_id, var_id)
    assert running_mean.dtype == numpy.float32 and running_var.dtype == numpy.float32


def test_gradient_matches_closed_form():
    _, x, gamma, beta = _inputs((6, 2))
    xv, gv, bv = Variable(x), Variable(gamma), Variable(beta)
    gy = numpy.random.RandomState(4).randn(6, 2)
    y = F.batch_normalization(xv, gv, bv)
    y.grad = gy
    y.backward()
    x_hat = (x - x.mean(0)) / numpy.sqrt(x.var(0) + 2e-5)
    numpy.testing.assert_allclose(bv.grad, gy.sum(0), rtol=1e-10)
    numpy.testing.assert_allclose(gv.grad, (gy * x_hat).sum(0), rtol=1e-10)
    gx = gamma / numpy.sqrt(x.var(0) + 2e-5) * (
        gy - gy.mean(0) - x_hat * (gy * x_hat).mean(0))
    numpy.testing.assert_allclose(xv.grad, gx, rtol=1e-8, atol=1e-12)


@pytest.mark.parametrize('shape', SHAPES)
def test_backward(shape):
    rng, x, gamma, beta = _inputs(shape, seed=1)
    check_backward(F.batch_normalization, (x, gamma, beta), rng.randn(*shape))


@pytest.mark.parametrize('shape', SHAPES)
def test_double_backward(shape):
    rng, x, gamma, beta = _inputs(shape, seed=2)
    c = shape[1]
    check_double_backward(F.batch_normalization, (x, gamma, beta), rng.randn(*shape),
                          (rng.randn(*shape), rng.randn(c), rng.randn(c)))


def test_double_backward_with_respect_to_x_alone():
    # only gx reaches the second-order pass, so ggamma and gbeta get no gradient there
    rng, x, gamma, beta = _inputs((4, 3, 2, 2), seed=5)
    check_double_backward(lambda x: F.batch_normalization(x, gamma, beta), x,
                          rng.randn(*x.shape), rng.randn(*x.shape))


def test_double_backward_with_respect_to_gamma_alone():
    rng, x, gamma, beta = _inputs((5, 3), seed=6)
    check_double_backward(lambda gamma: F.batch_normalization(x, gamma, beta), gamma,
                          rng.randn(*x.shape), rng.randn(3))


@pytest.mark.parametrize('shape', SHAPES)
def test_fixed_forward_matches_numpy_and_keeps_float32(shape):
    rng, x, gamma, beta = _inputs(shape, dtype=numpy.float32)
    c = shape[1]
    mean = rng.randn(c).astype(numpy.float32)
    var = rng.uniform(0.5, 2, c).astype(numpy.float32)
    y = F.fixed_batch_normalization(Variable(x), gamma, beta, mean, var)
    kept = (1, -1) + (1,) * (x.ndim - 2)
    expected = (gamma.reshape(kept) * (x - mean.reshape(kept))
                / numpy.sqrt(var.reshape(kept) + 2e-5) + beta.reshape(kept))
    assert y.dtype == numpy.float32
    numpy.testing.assert_allclose(y.array, expected, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize('shape', SHAPES)
def test_fixed_backward_and_double_backward(shape):
    rng, x, gamma, beta = _inputs(shape, seed=7)
    c = shape[1]
    mean, var = rng.randn(c), rng.uniform(0.5, 2, c)
    inputs = (x, gamma, beta, mean, var)
    check_backward(F.fixed_batch_normalization, inputs, rng.randn(*shape))
    check_double_backward(F.fixed_batch_normalization, inputs, rng.randn(*shape),
                          (rng.randn(*shape),) + tuple(rng.randn(c) for _ in range(4)))
