"""PGGANUpdater: data resized once per resolution, the critic's loss, optimizer state at a
new resolution."""
import numpy

from minigan.gan import losses, progressive
from minigan.gan.ema import ExponentialMovingAverage
from minigan.gan.models import pggan
from minigan.gan.pggan_updater import PGGANUpdater, resize_all
from minigan.iterators import SerialIterator
from minigan.optimizers import Adam


def make_updater(images, size=8, ema=True):
    numpy.random.seed(0)
    gen = pggan.Generator(size=size, z_dim=4, ch=4)
    dis = pggan.Discriminator(size, ch=4)
    opts = {}
    for name, model in (('gen', gen), ('dis', dis)):
        opts[name] = Adam(alpha=1e-3, beta1=0.0, beta2=0.99, eps=1e-8)
        opts[name].setup(model)
    schedule = progressive.Schedule(size, images_per_phase=4, batch_size=2)
    avg = ExponentialMovingAverage(gen, 0.999) if ema else None
    iterator = SerialIterator(pggan_data(images), 2)
    return PGGANUpdater(iterator, opts, schedule, images, ema=avg)


def pggan_data(images):
    from minigan.gan import data
    return data.ArrayImageDataset(images)


def test_updater_resizes_once_per_resolution_and_reports(monkeypatch):
    from minigan import reporter
    images = numpy.random.RandomState(0).randint(0, 256, (4, 16, 16, 3)).astype(numpy.uint8)
    updater = make_updater(images)
    calls = []
    monkeypatch.setattr('minigan.gan.pggan_updater.resize_all',
                        lambda x, r: calls.append(r) or resize_all(x, r))
    seen = []
    for _ in range(updater.schedule.total_iterations):
        rep = reporter.Reporter()
        with rep.scope(rep.observation):
            updater.update()
        seen.append((rep.observation['resolution'], rep.observation['alpha']))
    assert calls == [4, 8]
    assert seen == [(4, 1.0), (4, 1.0), (8, 0.0), (8, 0.5), (8, 1.0), (8, 1.0)]
    expected = images.reshape(4, 8, 2, 8, 2, 3).mean(axis=(2, 4))
    numpy.testing.assert_array_equal(updater.get_iterator('main').dataset.images,
                                     numpy.rint(expected).astype(numpy.uint8))
    assert updater.ema.model.stage == 1 and updater.images_shown == 12
    assert set(rep.observation) >= {'loss/gen', 'loss/dis', 'loss/gp', 'stage', 'alpha'}


def test_critic_loss_is_wgan_gp_plus_drift():
    images = numpy.zeros((4, 8, 8, 3), numpy.uint8)
    updater = make_updater(images, ema=False)
    updater.enter_phase()
    rng = numpy.random.RandomState(2)
    x_real, x_fake = (rng.uniform(-1, 1, (2, 3, 4, 4)).astype(numpy.float32) for _ in '12')
    numpy.random.seed(5)
    loss = updater.dis_step_loss(x_real, x_fake).array
    numpy.random.seed(5)
    dis = updater.dis
    y_real, y_fake = dis(x_real).array, dis(x_fake).array
    gp = losses.gradient_penalty(dis, x_real, x_fake).array
    expected = y_fake.mean() - y_real.mean() + 10 * gp + 0.001 * (y_real ** 2).mean()
    numpy.testing.assert_allclose(loss, expected, rtol=1e-5)


def test_a_new_blocks_first_step_is_about_alpha_not_six_times_alpha():
    """Layers unused for 50 iterations join with a fresh Adam state (issue 11, item 13)."""
    from minigan import reporter
    images = numpy.random.RandomState(0).randint(0, 256, (4, 8, 8, 3)).astype(numpy.uint8)
    updater = make_updater(images, ema=False)
    updater.schedule = progressive.Schedule(8, images_per_phase=100, batch_size=2)
    numpy.random.seed(0)
    for _ in range(50):  # the whole 4x4 phase; blocks/0, to_rgb/1, from_rgb/1 get zero grads
        with reporter.Reporter().scope({}):
            updater.update()
    new = [updater.gen.blocks[0].c0.W, updater.gen.to_rgb[1].W, updater.dis.from_rgb[1].W,
           updater.dis.blocks[0].c0.W]
    assert [p.update_rule.t for p in new] == [50] * 4  # zero gradients, yet counted steps
    first_steps = [None] * len(new)
    for _ in range(3):  # NOTE: at the fade's first iteration alpha = 0, so grads may be zero
        before = [p.array.copy() for p in new]
        with reporter.Reporter().scope({}):
            updater.update()
        for i, (param, old) in enumerate(zip(new, before)):
            step = float(numpy.abs(param.array - old).max())
            if first_steps[i] is None and step > 0:
                first_steps[i] = step
    assert updater.stage == 1
    for step in first_steps:
        # alpha = 1e-3: exactly alpha, or sqrt(2) alpha after one zero-gradient step (t = 2);
        # 6.3e-3 to 7.1e-3 without the reset, when the 50 steps of 4x4 count
        assert 0.9e-3 < step < 1.5e-3, first_steps
