"""GradientMethod.update, hooks' order, epochs and the optimizer's serialize round trip."""
import io

import numpy
import pytest

import minigan
import minigan.functions as F
from minigan import optimizers, serializers


def test_setup_returns_self_and_attaches_rules(make_params):
    params = make_params(W=[1.0], b=[2.0])
    opt = optimizers.SGD()
    assert opt.setup(params) is opt and opt.target is params
    assert isinstance(params['W'].update_rule, optimizers.SGDRule)
    assert params['W'].update_rule is not params['b'].update_rule
    assert (opt.t, opt.epoch) == (0, 0)


def test_update_with_lossfun_clears_grads_and_backprops(make_params):
    params = make_params(W=[1.0, -2.0])
    params['W'].grad = numpy.array([100.0, 100.0])  # stale: must be cleared, not added to
    opt = optimizers.SGD(lr=0.1).setup(params)
    seen = []

    def lossfun(scale):
        seen.append(scale)
        return F.sum(params['W'] * params['W']) * scale

    opt.update(lossfun, 3.0)
    assert seen == [3.0] and opt.t == 1
    # d(3 sum W^2)/dW = 6 W
    numpy.testing.assert_allclose(params['W'].array, [1.0 - 0.6, -2.0 + 1.2])


def test_use_cleargrads_false_zeroes_grads(make_params):
    params = make_params(W=[1.0])
    opt = optimizers.SGD(lr=0.5).setup(params)
    opt.use_cleargrads(False)
    params['W'].grad = numpy.array([100.0])
    opt.update(lambda: F.sum(params['W']))
    numpy.testing.assert_allclose(params['W'].array, [0.5])


def test_update_without_grad_treats_it_as_zero_and_advances_t(make_params):
    params = make_params(W=[1.0, 2.0])
    opt = optimizers.MomentumSGD(lr=0.1, momentum=0.5).setup(params)
    params['W'].grad = numpy.array([1.0, 1.0])
    opt.update()  # v = -0.1, W = [0.9, 1.9]
    params['W'].cleargrad()
    opt.update()  # v = -0.05, W = [0.85, 1.85]
    numpy.testing.assert_allclose(params['W'].array, [0.85, 1.85])
    assert opt.t == 2 and params['W'].update_rule.t == 2
    numpy.testing.assert_array_equal(params['W'].grad, [0.0, 0.0])


def test_uninitialized_parameter_is_skipped():
    lazy = minigan.Parameter()

    class Target:
        def params(self):
            return iter([lazy])

    opt = optimizers.Adam().setup(Target())
    opt.update()
    assert lazy.array is None and lazy.grad is None and lazy.update_rule.state is None


def test_hooks_run_in_order_before_and_after_the_update(make_params):
    params = make_params(W=[1.0])
    opt = optimizers.SGD(lr=1.0).setup(params)
    log = []

    def pre(optimizer):
        log.append(('pre', optimizer.t, float(params['W'].array[0])))

    def post(optimizer):
        log.append(('post', optimizer.t, float(params['W'].array[0])))

    opt.add_hook(post, name='after', timing='post')
    opt.add_hook(pre, name='before')
    params['W'].grad = numpy.array([0.5])
    opt.update()
    assert log == [('pre', 0, 1.0), ('post', 1, 0.5)]
    with pytest.raises(KeyError):
        opt.add_hook(pre, name='before')
    with pytest.raises(ValueError):
        opt.add_hook(pre, name='x', timing='later')
    opt.remove_hook('before')
    opt.update()
    assert [entry[0] for entry in log] == ['pre', 'post', 'post']


def test_new_epoch(make_params):
    opt = optimizers.SGD().setup(make_params(W=[1.0]))
    opt.new_epoch()
    opt.new_epoch(auto=True)
    assert opt.epoch == 2


def test_hyperparameter_parent_chain():
    root = optimizers.Hyperparameter()
    root.lr = 0.1
    root.momentum = 0.9
    child = optimizers.Hyperparameter(root)
    assert child.lr == 0.1 and child.parent is root
    child.lr = 0.5
    assert child.lr == 0.5 and root.lr == 0.1
    assert child.get_dict() == {'lr': 0.5, 'momentum': 0.9}
    with pytest.raises(AttributeError):
        child.beta1


def quadratic_step(params):
    W, b = params['W'], params['b']
    target = numpy.array([[0.5, -1.0, 2.0]])
    return F.sum((W * W + b - target) ** 2)


@pytest.mark.parametrize('make_opt', [
    lambda: optimizers.Adam(alpha=0.05, amsgrad=True),
    lambda: optimizers.Adam(alpha=0.05, weight_decay_rate=1e-3),
    lambda: optimizers.MomentumSGD(lr=0.01),
    lambda: optimizers.RMSprop(lr=0.01),
])
def test_serialize_round_trip_resumes_bitwise(make_params, make_opt):
    def fresh():
        params = make_params(W=numpy.array([[0.3, -0.7, 1.1]], numpy.float32),
                             b=numpy.array([0.2, 0.1, -0.4], numpy.float32))
        return params, make_opt().setup(params)

    params, opt = fresh()
    for _ in range(3):
        opt.update(quadratic_step, params)
    opt.new_epoch()
    model_file, opt_file = io.BytesIO(), io.BytesIO()
    serializers.save_npz(model_file, params)
    serializers.save_npz(opt_file, opt)
    for _ in range(4):
        opt.update(quadratic_step, params)

    resumed, opt2 = fresh()
    model_file.seek(0)
    opt_file.seek(0)
    serializers.load_npz(model_file, resumed)
    serializers.load_npz(opt_file, opt2)
    assert (opt2.t, opt2.epoch) == (3, 1)
    for _ in range(4):
        opt2.update(quadratic_step, resumed)
    for name in ('W', 'b'):
        numpy.testing.assert_array_equal(resumed[name].array, params[name].array)
        rule, rule2 = params[name].update_rule, resumed[name].update_rule
        assert rule.t == rule2.t == 7
        for key in rule.state:
            numpy.testing.assert_array_equal(rule2.state[key], rule.state[key])


def test_optimizer_keys_follow_chainer(make_params):
    params = make_params(W=numpy.zeros((2, 3), 'f'), b=numpy.zeros(3, 'f'))
    opt = optimizers.Adam().setup(params)
    target = serializers.DictionarySerializer()
    target.save(opt)
    assert set(target.target) == {'t', 'epoch', 'W/t', 'b/t'}  # no state before a step
    opt.update()
    target = serializers.DictionarySerializer()
    target.save(opt)
    assert set(target.target) == {'t', 'epoch', 'W/t', 'W/m', 'W/v', 'b/t', 'b/m', 'b/v'}
    assert target.target['t'].dtype == numpy.int64 and target.target['t'].shape == ()
    assert target.target['W/m'].shape == (2, 3)


def test_optimizer_saved_before_its_first_update_loads_strictly(tmp_path):
    import minigan
    from minigan import optimizers, serializers
    link = minigan.links.Linear(2, 3)
    serializers.save_npz(tmp_path / 'opt.npz', optimizers.Adam().setup(link))
    fresh = optimizers.Adam().setup(minigan.links.Linear(2, 3))
    serializers.load_npz(tmp_path / 'opt.npz', fresh)
    assert fresh.t == 0
    x = numpy.ones((1, 2), numpy.float32)
    fresh.update(lambda: minigan.functions.sum(fresh.target(x)))
    assert fresh.t == 1
