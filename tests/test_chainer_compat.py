"""Issue 12's gaps 3 to 6 and 9, compared with what real Chainer 7.8.1 gave.

tests/fixtures/chainer/make_compat_fixtures.py recorded the reference values (in
compat_reference.json and compat_arrays.npz) with Chainer installed; nothing here imports it.
"""
import json
import os

import numpy
import pytest

import minigan as chainer
import minigan.distributions as D
import minigan.functions as F
import minigan.links as L
from minigan.testing import gradient_check
from minigan.utils import force_array, type_check

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'fixtures', 'chainer')
with open(os.path.join(FIXTURES, 'compat_reference.json')) as f:
    REF = json.load(f)
ARRAYS = dict(numpy.load(os.path.join(FIXTURES, 'compat_arrays.npz')))


class Checked(chainer.FunctionNode):
    """The same node as the fixture script's."""

    def check_type_forward(self, in_types):
        type_check._argname(in_types, ('x', 'W'))
        x_type, w_type = in_types
        type_check.expect(x_type.dtype.kind == 'f', x_type.ndim == 2,
                          x_type.shape[1] == w_type.shape[0])

    def forward(self, inputs):
        return inputs[0].dot(inputs[1]),


def _message(*inputs):
    try:
        Checked().apply(inputs)
    except type_check.InvalidType as e:
        return str(e)
    return None


@pytest.mark.parametrize('case, shapes, dtype', [
    ('ok', ((2, 3), (3, 4)), numpy.float32), ('ndim', ((2, 3, 1), (3, 4)), numpy.float32),
    ('dtype', ((2, 3), (3, 4)), numpy.int32), ('shape', ((2, 3), (5, 4)), numpy.float32),
    ('count', ((2, 3),), numpy.float32)])
def test_type_check_messages_are_chainers(case, shapes, dtype):
    inputs = [numpy.ones(shapes[0], dtype)] + [numpy.ones(s, numpy.float32) for s in shapes[1:]]
    assert _message(*inputs) == REF['type_check'][case]


def test_type_check_off_skips_the_check():
    with chainer.using_config('type_check', False):
        assert _message(numpy.ones((2, 3), numpy.int32), numpy.ones((3, 4), numpy.float32)) \
            == REF['type_check']['off']


def test_type_check_expression_strings_and_light_mode():
    x = type_check.Variable(type_check.TypeInfo((2, 3), numpy.dtype('f')), 'x')
    assert str(x.shape[1] * 2 + 1 == x.ndim) == 'x.shape[1] * 2 + 1 == x.ndim'
    assert str(-(x.ndim - 1) < type_check.prod(x.shape)) == '-(x.ndim - 1) < prod(x.shape)'
    assert type_check.eval(type_check.prod(x.shape)) == 6
    with pytest.raises(RuntimeError, match='cannot be evaluated as bool'):
        bool(x.ndim == 2)
    with pytest.raises(type_check.InvalidType, match='cannot broadcast'):
        type_check.expect_broadcast_shapes(type_check.make_variable((2, 3), 'a'),
                                           type_check.make_variable((4,), 'b'))


def test_force_array():
    y = force_array(numpy.float64(2.5))
    assert [str(y.dtype), str(force_array(numpy.float64(2.5), numpy.float32).dtype), y.ndim] \
        == REF['force_array']
    x = numpy.ones(3, numpy.float32)
    assert force_array(x) is x


def test_get_dtype_and_config_dtype():
    ref = REF['dtype']
    assert str(chainer.get_dtype()) == ref['default']
    assert str(chainer.config.dtype) == ref['config']
    with chainer.using_config('dtype', chainer.mixed16):
        assert str(chainer.get_dtype()) == ref['mixed16']
        assert str(chainer.get_dtype(map_mixed16=numpy.float32)) == ref['mixed16_mapped']
    with chainer.using_config('dtype', numpy.float64):
        lin, bn = L.Linear(3, 2), L.BatchNormalization(3)
        assert [str(lin.W.dtype), str(lin.b.dtype), str(bn.gamma.dtype),
                str(bn.avg_mean.dtype)] == ref['float64_params']


def test_chain_and_chainlist_take_links_as_arguments():
    chain = chainer.Chain(a=L.Linear(2, 3), b=L.Linear(3, 1))
    assert sorted(name for name, _ in chain.namedparams()) == REF['chain_kwargs']
    assert chain.a.name == 'a'
    chain_list = chainer.ChainList(L.Linear(2, 3), L.Linear(3, 1))
    assert sorted(name for name, _ in chain_list.namedparams()) == REF['chainlist_args']


def test_batch_l2_norm_squared_values_and_gradients():
    x = chainer.Variable(ARRAYS['l2_x'])
    y = F.batch_l2_norm_squared(x)
    numpy.testing.assert_allclose(y.array, ARRAYS['l2_y'], rtol=1e-12)
    gx, = chainer.grad([y], [x], grad_outputs=[numpy.array([1., 2., 3.])],
                       enable_double_backprop=True)
    numpy.testing.assert_allclose(gx.array, ARRAYS['l2_gx'], rtol=1e-12)
    ggx, = chainer.grad([F.sum(gx * gx)], [x])
    numpy.testing.assert_allclose(ggx.array, ARRAYS['l2_ggx'], rtol=1e-12)
    rng = numpy.random.RandomState(1)
    x0, gy, ggx0 = rng.randn(3, 2, 2), rng.randn(3), rng.randn(3, 2, 2)
    gradient_check.check_backward(F.batch_l2_norm_squared, x0, gy)
    gradient_check.check_double_backward(F.batch_l2_norm_squared, x0, gy, ggx0)
    with pytest.raises(type_check.InvalidType):
        F.batch_l2_norm_squared(numpy.ones(3))


def test_accuracy_with_and_without_ignore_label():
    y, t = ARRAYS['acc_y'], ARRAYS['acc_t']
    result = F.accuracy(y, numpy.where(t < 0, 0, t).astype(numpy.int32))
    assert result.dtype == numpy.float32 and result.shape == ()
    numpy.testing.assert_allclose(result.array, ARRAYS['acc'])
    numpy.testing.assert_allclose(F.accuracy(y, t, ignore_label=-1).array, ARRAYS['acc_ignore'])
    numpy.testing.assert_allclose(
        F.accuracy(y, numpy.full(6, -1, numpy.int32), ignore_label=-1).array,
        ARRAYS['acc_all_ignored'])


def test_classifier_reports_loss_and_accuracy():
    predictor = L.Linear(4, 3, initialW=ARRAYS['cls_W'], initial_bias=ARRAYS['cls_b'])
    classifier = L.Classifier(predictor)
    reporter, observation = chainer.Reporter(), {}
    reporter.add_observer('main', classifier)
    with reporter.scope(observation):
        loss = classifier(ARRAYS['cls_x'], ARRAYS['cls_t'])
    assert sorted(observation) == REF['classifier_keys']
    numpy.testing.assert_allclose(loss.array, ARRAYS['cls_loss'], rtol=1e-6)
    numpy.testing.assert_allclose(observation['main/accuracy'].array, ARRAYS['cls_accuracy'])
    by_keyword = L.Classifier(predictor, label_key='t')
    numpy.testing.assert_allclose(by_keyword(ARRAYS['cls_x'], t=ARRAYS['cls_t']).array,
                                  ARRAYS['cls_loss'], rtol=1e-6)


def _distributions():
    a = ARRAYS
    n1 = D.Normal(a['d_loc'], log_scale=a['d_log_scale'])
    n2 = D.Normal(a['d_loc2'], scale=a['d_scale2'])
    return n1, n2, D.Bernoulli(logit=a['d_logit']), D.Bernoulli(logit=a['d_logit2'])


@pytest.mark.parametrize('name, compute', [
    ('normal_log_prob', lambda n1, n2, b1, b2: n1.log_prob(ARRAYS['d_points'])),
    ('normal_prob', lambda n1, n2, b1, b2: n1.prob(ARRAYS['d_points'])),
    ('normal_entropy', lambda n1, n2, b1, b2: n1.entropy),
    ('normal_kl', lambda n1, n2, b1, b2: chainer.kl_divergence(n1, n2)),
    ('bernoulli_log_prob', lambda n1, n2, b1, b2: b1.log_prob(ARRAYS['d_bits'])),
    ('bernoulli_prob', lambda n1, n2, b1, b2: b1.prob(ARRAYS['d_bits'])),
    ('bernoulli_entropy', lambda n1, n2, b1, b2: b1.entropy),
    ('bernoulli_kl', lambda n1, n2, b1, b2: chainer.kl_divergence(b1, b2)),
    ('bernoulli_p', lambda n1, n2, b1, b2: D.Bernoulli(p=b1.p.array).logit),
    ('independent_log_prob',
     lambda n1, n2, b1, b2: D.Independent(n1).log_prob(ARRAYS['d_points'])),
    ('independent_kl', lambda n1, n2, b1, b2: chainer.kl_divergence(
        D.Independent(n1), D.Independent(n2, reinterpreted_batch_ndims=1)))])
def test_distribution_values_match_chainer(name, compute):
    value = compute(*_distributions())
    assert value.dtype == ARRAYS[name].dtype
    numpy.testing.assert_allclose(value.array, ARRAYS[name], rtol=1e-5, atol=1e-6)


def test_distribution_shapes_and_reparameterized_samples():
    n1, _, b1, _ = _distributions()
    i1, ref = D.Independent(n1), REF['distribution_shapes']
    assert list(i1.batch_shape) == ref['independent_batch']
    assert list(i1.event_shape) == ref['independent_event']
    assert list(i1.sample(4).shape) == ref['sample_int']
    assert list(n1.sample((2, 5)).shape) == ref['sample_tuple']
    assert list(n1.sample().shape) == ref['sample_default']
    assert str(b1.sample(3).dtype) == ref['bernoulli_sample_dtype']
    loc = chainer.Variable(ARRAYS['d_loc'])
    grad_loc, = chainer.grad([F.sum(D.Normal(loc, log_scale=ARRAYS['d_log_scale']).sample(7))],
                             [loc])
    numpy.testing.assert_array_equal(grad_loc.array, ARRAYS['normal_sample_grad_loc'])


def test_kl_of_unregistered_families_raises():
    n1, _, b1, _ = _distributions()
    with pytest.raises(NotImplementedError):
        chainer.kl_divergence(n1, b1)
