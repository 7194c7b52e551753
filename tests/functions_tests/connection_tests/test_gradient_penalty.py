"""WGAN-GP through convolutions: the penalty's weight gradient needs conv double backprop."""
import numpy
import pytest

import minigan
import minigan.functions as F
from minigan.testing import check_backward


def _critic(x, W1, b1, W2, b2, activation):
    h = activation(F.convolution_2d(x, W1, b1, stride=2, pad=1))  # (N, 4, 3, 3)
    return F.convolution_2d(h, W2, b2)                          # (N, 1, 1, 1)


def _penalty(x, params, activation):
    """mean over the batch of (||grad_x D(x)||_2 - 1)^2 (Gulrajani et al., 2017)."""
    if not isinstance(x, minigan.Variable):
        x = minigan.Variable(x)
    gx, = minigan.grad([F.sum(_critic(x, *params, activation))], [x],
                       enable_double_backprop=True)
    norm = F.sqrt(F.sum(gx * gx, axis=(1, 2, 3)))
    return F.mean((norm - 1) ** 2)


@pytest.mark.parametrize('activation', [F.leaky_relu, F.tanh])
def test_penalty_gradient_matches_finite_differences(activation):
    rng = numpy.random.RandomState(0)
    x = rng.uniform(-1, 1, (2, 3, 6, 6))
    params = (rng.normal(scale=0.5, size=(4, 3, 4, 4)), rng.normal(scale=0.1, size=4),
              rng.normal(scale=0.5, size=(1, 4, 3, 3)), rng.normal(scale=0.1, size=1))

    def penalty_of(x, W1, b1, W2, b2):
        return _penalty(x, (W1, b1, W2, b2), activation)
    check_backward(penalty_of, (x,) + params, None, eps=1e-4, atol=1e-6, rtol=1e-5)


def test_penalty_of_a_linear_critic():
    # D(x) = <W, x> has grad_x D = W for every sample, so the penalty is (|W| - 1)^2 and
    # its gradient is 2 (|W| - 1) W / |W|: with |W| = 2 the penalty is 1 and its gradient W
    rng = numpy.random.RandomState(1)
    x = minigan.Variable(rng.normal(size=(3, 2, 4, 4)))
    W = rng.normal(size=(1, 2, 4, 4))
    W *= 2.0 / numpy.sqrt((W * W).sum())
    Wv = minigan.Variable(W)
    gx, = minigan.grad([F.sum(F.convolution_2d(x, Wv))], [x], enable_double_backprop=True)
    numpy.testing.assert_allclose(gx.array, numpy.broadcast_to(W, x.shape), rtol=1e-12)
    penalty = F.mean((F.sqrt(F.sum(gx * gx, axis=(1, 2, 3))) - 1) ** 2)
    numpy.testing.assert_allclose(penalty.array, 1.0, rtol=1e-12)
    gW, = minigan.grad([penalty], [Wv])
    numpy.testing.assert_allclose(gW.array, W, rtol=1e-10, atol=1e-12)
