"""Load checkpoints written by Chainer 7.8.1 and compare outputs with Chainer's.

The fixtures (see their README) hold a DCGAN-shaped generator with BatchNormalization and
Deconvolution2D, and a discriminator with a gamma-less BatchNormalization and a
SpectralNormalization hook whose u is saved as ``c2/W_u``.
"""
import os

import numpy
import pytest

import minigan
from minigan import functions as F
from minigan import links as L
from minigan.link_hooks import SpectralNormalization
from tests.links_tests.helpers import load

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'fixtures',
                        'chainer')
pytestmark = pytest.mark.skipif(not os.path.isdir(FIXTURES),
                                reason='Chainer fixtures not found at %s' % FIXTURES)


class TinyGen(minigan.Chain):
    def __init__(self):
        super().__init__()
        with self.init_scope():
            self.l0 = L.Linear(8, 4 * 4 * 16)
            self.bn0 = L.BatchNormalization(4 * 4 * 16)
            self.dc1 = L.Deconvolution2D(16, 8, 4, 2, 1)
            self.bn1 = L.BatchNormalization(8)
            self.dc2 = L.Deconvolution2D(8, 3, 3, 1, 1)

    def forward(self, z):
        h = F.reshape(F.relu(self.bn0(self.l0(z))), (len(z), 16, 4, 4))
        h = F.relu(self.bn1(self.dc1(h)))
        return F.sigmoid(self.dc2(h))


class TinyDis(minigan.Chain):
    def __init__(self):
        super().__init__()
        with self.init_scope():
            self.c0 = L.Convolution2D(3, 8, 3, 1, 1)
            self.c1 = L.Convolution2D(8, 16, 4, 2, 1)
            self.bn1 = L.BatchNormalization(16, use_gamma=False)
            self.c2 = L.Convolution2D(16, 16, 3, 1, 1).add_hook(SpectralNormalization())
            self.l3 = L.Linear(16 * 4 * 4, 1)

    def forward(self, x):
        h = F.leaky_relu(self.c0(x))
        h = F.leaky_relu(self.bn1(self.c1(h)))
        h = F.leaky_relu(self.c2(h))
        return self.l3(h)


def _npz(name):
    with numpy.load(os.path.join(FIXTURES, name), allow_pickle=False) as f:
        return dict(f)


@pytest.mark.parametrize('model, key, name', [
    (TinyGen, 'z', 'gen'), (TinyDis, 'x_real', 'dis')])
def test_eval_output_matches_chainer(model, key, name):
    ref = _npz('inputs_and_reference.npz')
    saved = _npz('tiny_%s.npz' % name)
    net = model()
    assert sorted(k.lstrip('/') for k, _ in net.namedparams()) == sorted(
        k for k in saved if not k.endswith(('N', 'avg_mean', 'avg_var', 'W_u')))
    load(net, saved)
    with minigan.using_config('train', False):
        y = net(ref[key])
    numpy.testing.assert_allclose(y.array, ref['%s_eval_out' % name], rtol=1e-4, atol=1e-5)


def test_spectral_norm_u_is_loaded_and_kept_in_eval():
    saved = _npz('tiny_dis.npz')
    net = TinyDis()
    load(net, saved)
    numpy.testing.assert_array_equal(net.c2.W_u, saved['c2/W_u'])
    with minigan.using_config('train', False):
        net(_npz('inputs_and_reference.npz')['x_real'])
    numpy.testing.assert_array_equal(net.c2.W_u, saved['c2/W_u'])


def test_train_mode_gradient_penalty_matches_chainer():
    ref = _npz('inputs_and_reference.npz')
    net = TinyDis()
    load(net, _npz('tiny_dis.npz'))
    x = minigan.Variable(ref['x_real'])
    g, = minigan.grad([net(x)], [x], enable_double_backprop=True)
    gp = F.mean((F.sqrt(F.sum(g * g, axis=(1, 2, 3))) - 1.0) ** 2)
    net.cleargrads()
    gp.backward()
    numpy.testing.assert_allclose(g.array, ref['gp_grad_x'], rtol=1e-4, atol=1e-6)
    numpy.testing.assert_allclose(gp.array, ref['gp_value'], rtol=1e-5)
    numpy.testing.assert_allclose(net.c0.W.grad, ref['gp_dW_c0'], rtol=1e-4, atol=1e-5)
