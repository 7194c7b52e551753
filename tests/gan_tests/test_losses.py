import math

import numpy
import pytest

import minigan
from minigan import functions as F
from minigan.gan import losses
from minigan.testing import check_backward

Y_REAL = numpy.array([[2.0], [-1.0]], dtype=numpy.float32)
Y_FAKE = numpy.array([[0.5], [-3.0]], dtype=numpy.float32)


def softplus(x):
    return math.log1p(math.exp(x))


def by_hand(kind):
    r, f = Y_REAL[:, 0].tolist(), Y_FAKE[:, 0].tolist()
    mean = lambda xs: sum(xs) / len(xs)  # NOQA: E731
    if kind in ('ns', 'minimax'):
        dis = mean([softplus(-y) for y in r]) + mean([softplus(y) for y in f])
        gen = mean([softplus(-y) for y in f]) if kind == 'ns' else -mean([softplus(y) for y in f])
    elif kind == 'lsgan':
        dis = 0.5 * mean([(y - 1) ** 2 for y in r]) + 0.5 * mean([y ** 2 for y in f])
        gen = 0.5 * mean([(y - 1) ** 2 for y in f])
    elif kind == 'hinge':
        dis = mean([max(0, 1 - y) for y in r]) + mean([max(0, 1 + y) for y in f])
        gen = -mean(f)
    else:
        dis = mean(f) - mean(r)
        gen = -mean(f)
    return dis, gen


@pytest.mark.parametrize('kind', losses.LOSSES)
def test_loss_values_match_hand_computation(kind):
    dis, gen = by_hand(kind)
    got_dis = losses.dis_loss(kind, minigan.Variable(Y_REAL), minigan.Variable(Y_FAKE))
    got_gen = losses.gen_loss(kind, minigan.Variable(Y_FAKE))
    assert got_dis.dtype == numpy.float32
    numpy.testing.assert_allclose(got_dis.array, dis, rtol=1e-6)
    numpy.testing.assert_allclose(got_gen.array, gen, rtol=1e-6)


def test_hinge_values_spelled_out():
    # relu(1-2)=0, relu(1+1)=2 -> 1; relu(1+0.5)=1.5, relu(1-3)=0 -> 0.75
    got = losses.dis_loss('hinge', minigan.Variable(Y_REAL), minigan.Variable(Y_FAKE))
    assert float(got.array) == pytest.approx(1.75)
    assert float(losses.gen_loss('hinge', minigan.Variable(Y_FAKE)).array) == pytest.approx(1.25)


def test_unknown_loss_names_the_choices():
    with pytest.raises(ValueError, match='hinge'):
        losses.gen_loss('nope', minigan.Variable(Y_FAKE))


def _conv_critic(W1, b1, W2, b2, activation):
    def critic(x):
        h = activation(F.convolution_2d(x, W1, b1, stride=2, pad=1))  # (N, 4, 3, 3)
        return F.convolution_2d(h, W2, b2)                           # (N, 1, 1, 1)
    return critic


def test_gradient_penalty_is_taken_at_the_random_interpolates():
    # D(x) = sum(w * x^2) has grad_x D = 2 w x, which differs at every point: a penalty taken
    # at x_real, x_fake or with eps and 1 - eps swapped gives another number
    rng = numpy.random.RandomState(0)
    w = rng.uniform(0.5, 1.5, (1, 2, 3, 3))
    x_real, x_fake = rng.uniform(-1, 1, (4, 2, 3, 3)), rng.uniform(-1, 1, (4, 2, 3, 3))

    def critic(x):
        return F.sum(x * x * w, axis=(1, 2, 3))

    numpy.random.seed(7)
    gp = losses.gradient_penalty(critic, x_real, x_fake)
    numpy.random.seed(7)
    eps = numpy.random.uniform(size=(4, 1, 1, 1))
    x_hat = eps * x_real + (1 - eps) * x_fake
    norm = numpy.sqrt(((2 * w * x_hat) ** 2).sum(axis=(1, 2, 3)))
    numpy.testing.assert_allclose(gp.array, ((norm - 1) ** 2).mean(), rtol=1e-10)
    x_swapped = (1 - eps) * x_real + eps * x_fake
    norm_swapped = numpy.sqrt(((2 * w * x_swapped) ** 2).sum(axis=(1, 2, 3)))
    assert abs(((norm_swapped - 1) ** 2).mean() - gp.array) > 1e-3


@pytest.mark.parametrize('activation', [F.leaky_relu, F.tanh])
def test_gradient_penalty_gradient_reaches_the_critic_weights(activation):
    # NOTE: the penalty is differentiated through the gradient it contains: double backprop
    # of two convolutions and the activation; finite differences with the same interpolates
    rng = numpy.random.RandomState(1)
    x_real, x_fake = rng.uniform(-1, 1, (2, 3, 6, 6)), rng.uniform(-1, 1, (2, 3, 6, 6))
    params = (rng.normal(scale=0.5, size=(4, 3, 4, 4)), rng.normal(scale=0.1, size=4),
              rng.normal(scale=0.5, size=(1, 4, 3, 3)), rng.normal(scale=0.1, size=1))

    def penalty_of(*params):
        numpy.random.seed(3)
        return losses.gradient_penalty(_conv_critic(*params, activation), x_real, x_fake)
    check_backward(penalty_of, params, None, eps=1e-4, atol=1e-6, rtol=1e-5)


def test_gradient_penalty_of_a_linear_critic():
    # D(x) = <W, x> has grad_x D = W at every point, so the penalty is (|W| - 1)^2 and its
    # gradient 2 (|W| - 1) W / |W|: with |W| = 2, the penalty is 1 and its gradient W
    rng = numpy.random.RandomState(2)
    x_real, x_fake = rng.normal(size=(3, 2, 4, 4)), rng.normal(size=(3, 2, 4, 4))
    W = rng.normal(size=(1, 2, 4, 4))
    W *= 2.0 / numpy.sqrt((W * W).sum())
    Wv = minigan.Variable(W)
    gp = losses.gradient_penalty(lambda x: F.convolution_2d(x, Wv), x_real, x_fake)
    numpy.testing.assert_allclose(gp.array, 1.0, rtol=1e-10)
    gW, = minigan.grad([gp], [Wv])
    numpy.testing.assert_allclose(gW.array, W, rtol=1e-8, atol=1e-10)


def test_drift_penalty():
    y = minigan.Variable(numpy.array([[1.0], [3.0]], dtype=numpy.float32))
    assert float(losses.drift_penalty(y).array) == pytest.approx(5.0)
