import math

import numpy
import pytest

import minigan
from minigan.gan import losses

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


def test_gradient_penalty_of_linear_critic():
    # D(x) = sum(w * x) has gradient w everywhere, so the penalty is (||w|| - 1)^2 exactly
    w = numpy.full((1, 2, 2), 0.25, dtype=numpy.float64)  # ||w|| = 0.5

    def critic(x):
        return minigan.functions.sum(x * w, axis=(1, 2, 3))

    x_real = numpy.random.rand(3, 1, 2, 2)
    x_fake = numpy.random.rand(3, 1, 2, 2)
    gp = losses.gradient_penalty(critic, x_real, x_fake)
    assert float(gp.array) == pytest.approx(0.25, rel=1e-6)


def test_drift_penalty():
    y = minigan.Variable(numpy.array([[1.0], [3.0]], dtype=numpy.float32))
    assert float(losses.drift_penalty(y).array) == pytest.approx(5.0)
