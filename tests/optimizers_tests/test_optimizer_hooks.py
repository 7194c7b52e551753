"""WeightDecay and GradientClipping with Chainer's semantics."""
import math

import numpy

from minigan import optimizer_hooks, optimizers


def test_weight_decay_adds_rate_times_param_before_the_rule(make_params):
    params = make_params(W=[1.0, -2.0], b=[4.0])
    opt = optimizers.SGD(lr=0.1).setup(params)
    opt.add_hook(optimizer_hooks.WeightDecay(0.5))
    params['W'].grad = numpy.array([0.2, 0.2])
    params['b'].grad = numpy.array([0.0])
    opt.update()
    # g' = g + 0.5 W
    numpy.testing.assert_allclose(params['W'].grad, [0.7, -0.8])
    numpy.testing.assert_allclose(params['W'].array, [1.0 - 0.07, -2.0 + 0.08])
    numpy.testing.assert_allclose(params['b'].array, [4.0 - 0.2])


def test_gradient_clipping_rescales_the_global_norm(make_params):
    params = make_params(W=[0.0, 0.0], b=[0.0])
    opt = optimizers.SGD(lr=1.0).setup(params)
    opt.add_hook(optimizer_hooks.GradientClipping(1.0))
    params['W'].grad = numpy.array([3.0, 0.0])
    params['b'].grad = numpy.array([4.0])
    opt.update()  # norm 5 -> every gradient times 1/5
    numpy.testing.assert_allclose(params['W'].array, [-0.6, 0.0])
    numpy.testing.assert_allclose(params['b'].array, [-0.8])
    norm = math.sqrt(sum(float((p.grad ** 2).sum()) for p in params.params()))
    assert math.isclose(norm, 1.0)


def test_gradient_clipping_leaves_small_gradients(make_params):
    params = make_params(W=[0.0, 0.0])
    opt = optimizers.SGD(lr=1.0).setup(params)
    opt.add_hook(optimizer_hooks.GradientClipping(10.0))
    params['W'].grad = numpy.array([3.0, 4.0])
    opt.update()
    numpy.testing.assert_allclose(params['W'].array, [-3.0, -4.0])


def test_hooks_have_chainer_names(make_params):
    opt = optimizers.Adam().setup(make_params(W=[1.0]))
    opt.add_hook(optimizer_hooks.WeightDecay(1e-4), 'hook_dec')
    opt.add_hook(optimizer_hooks.GradientClipping(1.0))
    opt.remove_hook('hook_dec')
    opt.remove_hook('GradientClipping')
