"""GANUpdater: D's loss with penalties given as data, the step order, and the EMA it owns."""
import numpy
import pytest

from minigan import reporter, serializers
from minigan.gan import losses
from minigan.gan.ema import ExponentialMovingAverage
from minigan.gan.models import dcgan
from minigan.gan.updaters import GANUpdater
from minigan.iterators import SerialIterator
from minigan.optimizers import Adam


def make_updater(**kwargs):
    numpy.random.seed(0)
    gen = dcgan.Generator(size=16, z_dim=4, ch=4)
    dis = dcgan.Discriminator(size=16, ch=4, use_bn=False)
    opts = {'gen': Adam(alpha=1e-3).setup(gen), 'dis': Adam(alpha=1e-3).setup(dis)}
    images = numpy.random.RandomState(1).uniform(-1, 1, (6, 3, 16, 16)).astype(numpy.float32)
    return GANUpdater(SerialIterator(list(images), 2), opts, **kwargs)


def update_and_observe(updater):
    rep = reporter.Reporter()
    with rep.scope(rep.observation):
        updater.update()
    return rep.observation


def test_penalties_default_to_the_gradient_penalty_for_wgan_gp_only():
    assert make_updater(loss='wgan-gp').penalties == {'gp': losses.GP_LAMBDA}
    assert make_updater(loss='hinge').penalties == {}
    observed = update_and_observe(make_updater(loss='wgan-gp'))
    assert set(observed) == {'loss/dis', 'loss/gen', 'loss/gp'}


def test_unknown_loss_or_penalty_is_refused():
    with pytest.raises(ValueError, match='unknown loss'):
        make_updater(loss='wgan')
    with pytest.raises(ValueError, match='unknown penalty r1'):
        make_updater(loss='ns', penalties={'r1': 1.0})


def test_dis_loss_adds_each_weighted_penalty_and_reports_it():
    updater = make_updater(loss='lsgan', penalties={'gp': 3.0, 'drift': 0.5})
    rng = numpy.random.RandomState(2)
    x_real, x_fake = (rng.uniform(-1, 1, (2, 3, 16, 16)).astype(numpy.float32) for _ in '12')
    rep = reporter.Reporter()
    numpy.random.seed(5)
    with rep.scope(rep.observation):
        loss = updater.dis_step_loss(x_real, x_fake).array
    numpy.random.seed(5)
    y_real, y_fake = updater.dis(x_real), updater.dis(x_fake)
    gp = losses.gradient_penalty(updater.dis, x_real, x_fake).array
    drift = (y_real.array ** 2).mean()
    expected = losses.dis_loss('lsgan', y_real, y_fake).array + 3.0 * gp + 0.5 * drift
    numpy.testing.assert_allclose(loss, expected, rtol=1e-5)
    numpy.testing.assert_allclose(rep.observation['loss/gp'], gp, rtol=1e-6)
    numpy.testing.assert_allclose(rep.observation['loss/drift'], drift, rtol=1e-6)


def test_ema_follows_gen_after_every_step_and_is_saved_with_the_updater(tmp_path):
    updater = make_updater(loss='ns')
    updater.ema = ExponentialMovingAverage(updater.gen, decay=0.5)
    w0 = updater.gen.l0.W.array.copy()
    updater.update()
    numpy.testing.assert_allclose(updater.ema.model.l0.W.array,
                                  0.5 * w0 + 0.5 * updater.gen.l0.W.array, rtol=1e-6)
    serializers.save_npz(str(tmp_path / 'u.npz'), updater)
    assert any(k.startswith('ema/model/') for k in numpy.load(str(tmp_path / 'u.npz')).files)
    other = make_updater(loss='ns')
    other.ema = ExponentialMovingAverage(other.gen, decay=0.5)
    serializers.load_npz(str(tmp_path / 'u.npz'), other)
    numpy.testing.assert_array_equal(other.ema.model.l0.W.array, updater.ema.model.l0.W.array)


@pytest.mark.parametrize('n_dis', [1, 3])
@pytest.mark.parametrize('reuse_fake', [True, False])
def test_generator_step_reuses_the_last_fake_batch(n_dis, reuse_fake):
    updater = make_updater(loss='ns', n_dis=n_dis, reuse_fake=reuse_fake)
    batches = []
    forward = type(updater.gen).forward

    def counted(gen, z):
        batches.append(z.copy())
        return forward(gen, z)
    updater.gen.forward = counted.__get__(updater.gen)
    steps = []
    original = updater.gen_step_loss

    def gen_step_loss(n, x_fake=None):
        steps.append(None if x_fake is None else x_fake.creator)
        return original(n, x_fake)
    updater.gen_step_loss = gen_step_loss
    updater.update()
    # NOTE: one G forward per D step, plus one for G's own step unless it reuses the last
    assert len(batches) == n_dis + (0 if reuse_fake else 1)
    # NOTE: a reused batch comes with its graph into G (a creator)
    assert (steps[0] is not None) == reuse_fake


def test_reused_fake_batch_gives_g_the_gradient_of_that_batch():
    """G's step on the reused batch equals the step on a fresh G(z) for the same z."""
    grads = []
    for reuse in (True, False):
        updater = make_updater(loss='hinge', reuse_fake=reuse)
        z = numpy.random.RandomState(3).normal(size=(2, 4)).astype(numpy.float32)
        updater.gen.make_hidden = lambda n, rng=None: z
        updater.update()
        grads.append(updater.gen.l0.W.grad.copy())
    numpy.testing.assert_allclose(grads[0], grads[1], rtol=1e-5, atol=1e-7)
