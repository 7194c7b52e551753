"""Adam against its formulas, written out per element with Python floats."""
import math

import numpy
import pytest

from minigan import optimizers

GRADS = [  # per step: (gradient of W, gradient of b)
    ([0.5, -1.0], [2.0]),
    ([0.1, 0.3], [-1.0]),
    ([-0.4, 0.2], [0.5]),
    ([1.0, -0.5], [0.0]),
]


def adam_by_hand(w, grads, t_offsets, alpha, beta1, beta2, eps, eta=1.0, decay=0.0,
                 amsgrad=False):
    """Reference Adam on a list of floats; ``t_offsets[k]`` is the rule's t after step k."""
    m = [0.0] * len(w)
    v = [0.0] * len(w)
    vhat = [0.0] * len(w)
    out = []
    for g, t in zip(grads, t_offsets):
        lr = alpha * math.sqrt(1 - beta2 ** t) / (1 - beta1 ** t)
        for i in range(len(w)):
            m[i] = beta1 * m[i] + (1 - beta1) * g[i]
            v[i] = beta2 * v[i] + (1 - beta2) * g[i] ** 2
            vhat[i] = max(vhat[i], v[i])
            denom = math.sqrt(vhat[i] if amsgrad else v[i]) + eps
            w[i] -= eta * (lr * m[i] / denom + decay * w[i])
        out.append(list(w))
    return out


def run(optimizer, params, steps):
    history = []
    for gW, gb in steps:
        params['W'].grad = numpy.array(gW)
        params['b'].grad = numpy.array(gb)
        optimizer.update()
        history.append((params['W'].array.copy(), params['b'].array.copy()))
    return history


@pytest.mark.parametrize('kwargs', [
    dict(alpha=0.01, beta1=0.9, beta2=0.999, eps=1e-8),
    dict(alpha=0.1, beta1=0.5, beta2=0.9, eps=1e-3, eta=0.5, weight_decay_rate=0.01),
    dict(alpha=0.05, beta1=0.8, beta2=0.99, eps=1e-8, amsgrad=True),
])
def test_adam_matches_hand_computation(make_params, kwargs):
    params = make_params(W=[1.0, -2.0], b=[0.5])
    opt = optimizers.Adam(**kwargs).setup(params)
    history = run(opt, params, GRADS)
    ref = dict(alpha=kwargs['alpha'], beta1=kwargs['beta1'], beta2=kwargs['beta2'],
               eps=kwargs['eps'], eta=kwargs.get('eta', 1.0),
               decay=kwargs.get('weight_decay_rate', 0.0), amsgrad=kwargs.get('amsgrad', False))
    want_W = adam_by_hand([1.0, -2.0], [g for g, _ in GRADS], [1, 2, 3, 4], **ref)
    want_b = adam_by_hand([0.5], [g for _, g in GRADS], [1, 2, 3, 4], **ref)
    for (W, b), wW, wb in zip(history, want_W, want_b):
        numpy.testing.assert_allclose(W, wW, rtol=1e-12, atol=1e-14)
        numpy.testing.assert_allclose(b, wb, rtol=1e-12, atol=1e-14)
    assert opt.t == 4 and params['W'].update_rule.t == 4
    expected_keys = {'m', 'v', 'vhat'} if kwargs.get('amsgrad') else {'m', 'v'}
    assert set(params['W'].update_rule.state) == expected_keys


def test_first_step_is_alpha_times_sign(make_params):
    # with m = (1-b1) g, v = (1-b2) g^2 and the bias correction, step 1 is alpha * g / |g|
    params = make_params(W=[3.0, -7.0])
    opt = optimizers.Adam(alpha=0.25, eps=0).setup(params)
    params['W'].grad = numpy.array([0.003, -40.0])
    opt.update()
    numpy.testing.assert_allclose(params['W'].array, [3.0 - 0.25, -7.0 + 0.25], rtol=1e-12)


def test_t_is_kept_per_parameter(make_params):
    params = make_params(W=[1.0, -2.0], b=[0.5])
    opt = optimizers.Adam(alpha=0.01, beta1=0.9, beta2=0.999, eps=1e-8).setup(params)
    params['b'].update_rule.enabled = False  # b is frozen for the first two steps
    run(opt, params, GRADS[:2])
    params['b'].update_rule.enabled = True
    history = run(opt, params, GRADS[2:])
    assert opt.t == 4 and params['W'].update_rule.t == 4 and params['b'].update_rule.t == 2
    want_b = adam_by_hand([0.5], [g for _, g in GRADS[2:]], [1, 2], alpha=0.01, beta1=0.9,
                          beta2=0.999, eps=1e-8)
    numpy.testing.assert_allclose(history[-1][1], want_b[-1], rtol=1e-12)


def test_update_is_in_place_and_keeps_float32(make_params):
    params = make_params(W=numpy.array([1.0, 2.0], numpy.float32), b=numpy.zeros(1, 'f'))
    W = params['W'].array
    opt = optimizers.Adam().setup(params)
    params['W'].grad = numpy.array([1.0, -1.0], numpy.float32)
    opt.update()
    assert params['W'].array is W and W.dtype == numpy.float32
    assert params['W'].update_rule.state['m'].dtype == numpy.float32


def test_alpha_is_settable_and_reaches_every_rule(make_params):
    params = make_params(W=[1.0, -2.0], b=[0.5])
    opt = optimizers.Adam(alpha=0.01).setup(params)
    opt.alpha = 0.5  # what ExponentialShift('alpha', ...) does
    assert params['W'].update_rule.hyperparam.alpha == 0.5
    assert params['b'].update_rule.hyperparam.alpha == 0.5
    params['b'].update_rule.hyperparam.alpha = 0.0  # a per-parameter override wins
    opt.alpha = 0.25
    assert params['W'].update_rule.hyperparam.alpha == 0.25
    assert params['b'].update_rule.hyperparam.alpha == 0.0
    assert opt.hyperparam.get_dict()['alpha'] == 0.25


def test_lr_is_bias_corrected_alpha(make_params):
    params = make_params(W=[1.0], b=[0.0])
    opt = optimizers.Adam(alpha=0.1, beta1=0.5, beta2=0.75).setup(params)
    with pytest.raises(ValueError):
        opt.lr
    opt.update()
    opt.update()
    assert opt.lr == pytest.approx(0.1 * math.sqrt(1 - 0.75 ** 2) / (1 - 0.5 ** 2))
    assert params['W'].update_rule.lr == pytest.approx(opt.alpha_t)


def test_defaults_match_chainer():
    opt = optimizers.Adam()
    assert opt.hyperparam.get_dict() == dict(alpha=0.001, beta1=0.9, beta2=0.999, eps=1e-8,
                                             eta=1.0, weight_decay_rate=0, amsgrad=False)
    rule = optimizers.AdamRule(beta1=0.5)
    assert rule.hyperparam.beta1 == 0.5 and rule.hyperparam.alpha == 0.001
