"""Checkpoints written by real Chainer 7.8.1 load into the same models written with minigan.

The fixtures are in tests/fixtures/chainer (its README.md says how they were made); TinyGen
and TinyDis below mirror the models that made them. Numbers are float32, so outputs are
compared with rtol=1e-4, atol=1e-5 (the order of float32 sums differs from Chainer's); loaded
and re-saved arrays are compared bitwise.
"""
import io
import os

import numpy
import pytest

import minigan
import minigan.functions as F
import minigan.links as L
from minigan import initializers, optimizer_hooks, optimizers, serializers
from minigan.link_hooks import SpectralNormalization

FIXTURES = os.environ.get('MINIGAN_CHAINER_FIXTURES', os.path.join(
    os.path.dirname(os.path.abspath(__file__)), 'fixtures', 'chainer'))
pytestmark = pytest.mark.skipif(not os.path.isdir(FIXTURES),
                                reason='Chainer fixtures not found at %s' % FIXTURES)
RTOL, ATOL = 1e-4, 1e-5


class TinyGen(minigan.Chain):
    def __init__(self):
        super().__init__()
        w = initializers.Normal(0.02)
        with self.init_scope():
            self.l0 = L.Linear(8, 4 * 4 * 16, initialW=w)         # (N, 8) -> (N, 256)
            self.bn0 = L.BatchNormalization(4 * 4 * 16)
            self.dc1 = L.Deconvolution2D(16, 8, 4, 2, 1, initialW=w)  # -> (N, 8, 8, 8)
            self.bn1 = L.BatchNormalization(8)
            self.dc2 = L.Deconvolution2D(8, 3, 3, 1, 1, initialW=w)   # -> (N, 3, 8, 8)

    def forward(self, z):
        h = F.reshape(F.relu(self.bn0(self.l0(z))), (len(z), 16, 4, 4))
        h = F.relu(self.bn1(self.dc1(h)))
        return F.sigmoid(self.dc2(h))


class TinyDis(minigan.Chain):
    def __init__(self):
        super().__init__()
        w = initializers.Normal(0.02)
        with self.init_scope():
            self.c0 = L.Convolution2D(3, 8, 3, 1, 1, initialW=w)    # (N, 3, 8, 8) -> (N, 8, 8, 8)
            self.c1 = L.Convolution2D(8, 16, 4, 2, 1, initialW=w)   # -> (N, 16, 4, 4)
            self.bn1 = L.BatchNormalization(16, use_gamma=False)
            self.c2 = L.Convolution2D(16, 16, 3, 1, 1).add_hook(SpectralNormalization())
            self.l3 = L.Linear(16 * 4 * 4, 1, initialW=w)           # -> (N, 1)

    def forward(self, x):
        h = F.leaky_relu(self.c0(x))
        h = F.leaky_relu(self.bn1(self.c1(h)))
        h = F.leaky_relu(self.c2(h))
        return self.l3(h)


def fixture(name):
    return os.path.join(FIXTURES, name)


def npz_dict(file):
    with numpy.load(file, allow_pickle=False) as f:
        return {key: f[key] for key in f.files}


@pytest.fixture(scope='module')
def ref():
    return npz_dict(fixture('inputs_and_reference.npz'))


def loaded_models():
    gen, dis = TinyGen(), TinyDis()
    serializers.load_npz(fixture('tiny_gen.npz'), gen)
    serializers.load_npz(fixture('tiny_dis.npz'), dis)
    return gen, dis


def loaded_optimizers(gen, dis):
    opt_gen = optimizers.Adam(alpha=2e-4, beta1=0.5).setup(gen)
    opt_dis = optimizers.Adam(alpha=2e-4, beta1=0.5).setup(dis)
    opt_dis.add_hook(optimizer_hooks.WeightDecay(1e-4), 'hook_dec')
    serializers.load_npz(fixture('tiny_opt_gen.npz'), opt_gen)
    serializers.load_npz(fixture('tiny_opt_dis.npz'), opt_dis)
    return opt_gen, opt_dis


def resaved(obj):
    f = io.BytesIO()
    serializers.save_npz(f, obj)
    f.seek(0)
    return npz_dict(f)


def test_eval_outputs_match_chainer(ref):
    gen, dis = loaded_models()
    with minigan.using_config('train', False):
        y_gen = gen(ref['z']).array
        y_dis = dis(ref['x_real']).array
    numpy.testing.assert_allclose(y_gen, ref['gen_eval_out'], rtol=RTOL, atol=ATOL)
    numpy.testing.assert_allclose(y_dis, ref['dis_eval_out'], rtol=RTOL, atol=ATOL)
    assert y_gen.dtype == numpy.float32 and y_dis.dtype == numpy.float32


def test_gradient_penalty_matches_chainer(ref):
    _, dis = loaded_models()
    x = minigan.Variable(ref['x_real'])
    g, = minigan.grad([dis(x)], [x], enable_double_backprop=True)
    gp = F.mean((F.sqrt(F.sum(g * g, axis=(1, 2, 3))) - 1.0) ** 2)
    dis.cleargrads()
    gp.backward()
    numpy.testing.assert_allclose(g.array, ref['gp_grad_x'], rtol=RTOL, atol=ATOL)
    numpy.testing.assert_allclose(gp.array, ref['gp_value'], rtol=RTOL, atol=ATOL)
    numpy.testing.assert_allclose(dis.c0.W.grad, ref['gp_dW_c0'], rtol=RTOL, atol=ATOL)


def test_spectral_norm_u_is_loaded_and_kept_in_eval(ref):
    _, dis = loaded_models()
    saved = npz_dict(fixture('tiny_dis.npz'))
    numpy.testing.assert_array_equal(dis.c2.W_u, saved['c2/W_u'])
    with minigan.using_config('train', False):
        dis(ref['x_real'])
    numpy.testing.assert_array_equal(dis.c2.W_u, saved['c2/W_u'])


@pytest.mark.parametrize('name', ['gen', 'dis'])
def test_models_resave_with_chainers_keys_and_values(name):
    gen, dis = loaded_models()
    chainer_file = npz_dict(fixture('tiny_%s.npz' % name))
    ours = resaved(gen if name == 'gen' else dis)
    assert set(ours) == set(chainer_file)
    for key, value in chainer_file.items():
        assert ours[key].dtype == value.dtype and ours[key].shape == value.shape, key
        numpy.testing.assert_array_equal(ours[key], value, err_msg=key)


def test_optimizers_load_and_resave_with_chainers_keys_and_values():
    gen, dis = loaded_models()
    opt_gen, opt_dis = loaded_optimizers(gen, dis)
    assert (opt_gen.t, opt_gen.epoch) == (1, 0)
    assert gen.l0.W.update_rule.t == 1
    for name, opt in (('gen', opt_gen), ('dis', opt_dis)):
        chainer_file = npz_dict(fixture('tiny_opt_%s.npz' % name))
        ours = resaved(opt)
        assert set(ours) == set(chainer_file)
        for key, value in chainer_file.items():
            assert ours[key].dtype == value.dtype and ours[key].shape == value.shape, key
            numpy.testing.assert_array_equal(ours[key], value, err_msg=key)
    numpy.testing.assert_array_equal(gen.dc1.W.update_rule.state['v'],
                                     npz_dict(fixture('tiny_opt_gen.npz'))['dc1/W/v'])


def test_training_resumes_from_chainer_files(ref):
    gen, dis = loaded_models()
    opt_gen, _ = loaded_optimizers(gen, dis)
    saved = npz_dict(fixture('tiny_opt_gen.npz'))
    before = gen.l0.W.array.astype(numpy.float64)
    y_fake = dis(gen(ref['z']))
    opt_gen.update(lambda: F.sum(F.softplus(-y_fake)) / 4)
    assert opt_gen.t == 2 and gen.l0.W.update_rule.t == 2
    # the second Adam step (t = 2, beta1 = 0.5, beta2 = 0.999) from Chainer's saved m and v
    g = gen.l0.W.grad.astype(numpy.float64)
    m = saved['l0/W/m'] + 0.5 * (g - saved['l0/W/m'])
    v = saved['l0/W/v'] + 0.001 * (g * g - saved['l0/W/v'])
    alpha_t = 2e-4 * numpy.sqrt(1 - 0.999 ** 2) / (1 - 0.5 ** 2)
    expected = before - alpha_t * m / (numpy.sqrt(v) + 1e-8)
    numpy.testing.assert_allclose(gen.l0.W.array, expected, rtol=0, atol=1e-8)
    assert numpy.abs(gen.l0.W.array - before).max() > 1e-5


def test_chainer_none_parameter_loads_without_unpickling(tmp_path):
    # Chainer saves a never-initialized L.Linear(None, 3) weight as a pickled None
    path = tmp_path / 'lazy.npz'
    numpy.savez(path, W=numpy.asarray(None, dtype=object), b=numpy.arange(3, dtype='f'))
    lazy = L.Linear(None, 3)
    with pytest.warns(UserWarning, match="'W'"):
        serializers.load_npz(str(path), lazy)
    assert lazy.W.array is None
    numpy.testing.assert_array_equal(lazy.b.array, [0, 1, 2])
    resaved_keys = set(resaved(lazy))
    assert resaved_keys == {'W', 'b'}


def test_trainer_style_sub_tree_loads_with_path(tmp_path):
    gen, _ = loaded_models()
    snapshot = serializers.DictionarySerializer()
    gen.serialize(snapshot['updater']['model:gen'])
    snapshot('updater/iteration', 100)
    path = tmp_path / 'snapshot_iter_100'
    numpy.savez(path, **snapshot.target)
    assert 'updater/model:gen/dc1/W' in snapshot.target
    fresh = TinyGen()
    serializers.load_npz(str(path) + '.npz', fresh, path='updater/model:gen/')
    numpy.testing.assert_array_equal(fresh.dc1.W.array, gen.dc1.W.array)
    numpy.testing.assert_array_equal(fresh.bn0.avg_var, gen.bn0.avg_var)
