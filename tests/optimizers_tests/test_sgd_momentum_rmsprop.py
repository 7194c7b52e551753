"""SGD, MomentumSGD and RMSprop against their update formulas."""
import math

import numpy
import pytest

from minigan import optimizers

STEPS = [[0.5, -1.0], [0.1, 0.3], [-0.4, 0.2]]


def run(optimizer, params, steps):
    out = []
    for g in steps:
        params['W'].grad = numpy.array(g)
        optimizer.update()
        out.append(params['W'].array.copy())
    return out


def test_sgd(make_params):
    params = make_params(W=[1.0, -2.0])
    got = run(optimizers.SGD(lr=0.1).setup(params), params, STEPS)
    w = [1.0, -2.0]
    for g, W in zip(STEPS, got):
        w = [wi - 0.1 * gi for wi, gi in zip(w, g)]
        numpy.testing.assert_allclose(W, w, rtol=1e-14)


def test_momentum_sgd(make_params):
    params = make_params(W=[1.0, -2.0])
    got = run(optimizers.MomentumSGD(lr=0.1, momentum=0.5).setup(params), params, STEPS)
    w, v = [1.0, -2.0], [0.0, 0.0]
    for g, W in zip(STEPS, got):
        v = [0.5 * vi - 0.1 * gi for vi, gi in zip(v, g)]
        w = [wi + vi for wi, vi in zip(w, v)]
        numpy.testing.assert_allclose(W, w, rtol=1e-14)
    numpy.testing.assert_allclose(params['W'].update_rule.state['v'], v, rtol=1e-14)


@pytest.mark.parametrize('eps_inside_sqrt', [False, True])
def test_rmsprop(make_params, eps_inside_sqrt):
    params = make_params(W=[1.0, -2.0])
    opt = optimizers.RMSprop(lr=0.1, alpha=0.9, eps=1e-2, eps_inside_sqrt=eps_inside_sqrt)
    got = run(opt.setup(params), params, STEPS)
    w, ms = [1.0, -2.0], [0.0, 0.0]
    for g, W in zip(STEPS, got):
        ms = [0.9 * mi + 0.1 * gi * gi for mi, gi in zip(ms, g)]
        if eps_inside_sqrt:
            w = [wi - 0.1 * gi / math.sqrt(mi + 1e-2) for wi, gi, mi in zip(w, g, ms)]
        else:
            w = [wi - 0.1 * gi / (math.sqrt(mi) + 1e-2) for wi, gi, mi in zip(w, g, ms)]
        numpy.testing.assert_allclose(W, w, rtol=1e-13)


def test_defaults_match_chainer():
    assert optimizers.SGD().lr == 0.01
    opt = optimizers.MomentumSGD()
    assert (opt.lr, opt.momentum) == (0.01, 0.9)
    opt = optimizers.RMSprop()
    assert (opt.lr, opt.alpha, opt.eps) == (0.01, 0.99, 1e-8)


def test_lr_setter_reaches_rules(make_params):
    params = make_params(W=[1.0])
    opt = optimizers.SGD(lr=0.1).setup(params)
    opt.lr = 1.0
    params['W'].grad = numpy.array([0.25])
    opt.update()
    numpy.testing.assert_allclose(params['W'].array, [0.75])
