import numpy
import pytest

import minigan
from minigan import functions as F
from minigan import links as L
from minigan import serializers
from minigan.gan import losses, pggan_status, progressive
from minigan.gan.ema import ExponentialMovingAverage
from minigan.gan.models import pggan
from minigan.gan.pggan_updater import PGGANUpdater, resize_all
from minigan.iterators import SerialIterator
from minigan.optimizers import Adam
from minigan.testing import gradient_check


def up2(x):
    return x.repeat(2, axis=2).repeat(2, axis=3)


def pool2(x):
    n, c, h, w = x.shape
    return x.reshape(n, c, h // 2, 2, w // 2, 2).mean(axis=(3, 5))


def models(size=16, ch=8, z_dim=6, seed=0):
    numpy.random.seed(seed)
    return pggan.Generator(size=size, z_dim=z_dim, ch=ch), pggan.Discriminator(size, ch=ch)


def run(net, stage, alpha, x):
    net.set_stage(stage, alpha)
    with minigan.no_backprop_mode():
        return net(x).array


def test_schedule_phases_alpha_and_images():
    s = progressive.Schedule(16, images_per_phase=10, batch_size={4: 4, 8: 4, 16: 3})
    kinds = [(p.resolution, p.kind, p.start, p.iterations) for p in s.phases]
    assert kinds == [(4, 'stable', 0, 3), (8, 'fade', 3, 3), (8, 'stable', 6, 3),
                     (16, 'fade', 9, 4), (16, 'stable', 13, 4)]
    assert s.total_iterations == 17
    assert [s.at(i)[1] for i in range(3, 7)] == [0.0, 1 / 3, 2 / 3, 1.0]
    assert s.at(11) == (s.phases[3], 0.5) and s.at(100)[0] is s.phases[-1]
    assert s.images_shown(10) == 4 * 9 + 3 and s.max_batch_size == 4


def test_paper_defaults_and_channel_table():
    s = progressive.Schedule(256)
    assert s.images_per_phase == 800000 and len(s.phases) == 13
    assert s.batch_sizes == {4: 16, 8: 16, 16: 16, 32: 16, 64: 16, 128: 16, 256: 14}
    assert s.phases[-1].iterations == -(-800000 // 14)
    widths = [progressive.channels(r) for r in (4, 8, 16, 32, 64, 128, 256, 512, 1024)]
    assert widths == [512, 512, 512, 512, 256, 128, 64, 32, 16]
    assert progressive.channels(256, ch=16) == 16
    with pytest.raises(ValueError):
        progressive.Schedule(48)


@pytest.mark.parametrize('stage', [1, 2])
def test_generator_fade_in_endpoints(stage):
    gen, _ = models()
    z = gen.make_hidden(3)
    old = run(gen, stage - 1, 1.0, z)
    numpy.testing.assert_array_equal(run(gen, stage, 0.0, z), up2(old))
    new = run(gen, stage, 1.0, z)
    a = 0.3
    numpy.testing.assert_allclose(run(gen, stage, a, z), (1 - a) * up2(old) + a * new,
                                  rtol=1e-5, atol=1e-6)
    gen.to_rgb[stage - 1].W.array[...] *= -3
    numpy.testing.assert_array_equal(run(gen, stage, 1.0, z), new)
    assert not numpy.allclose(run(gen, stage, 0.0, z), up2(old))


@pytest.mark.parametrize('stage', [1, 2])
def test_discriminator_fade_in_endpoints(stage):
    _, dis = models()
    r = 4 << stage
    x = numpy.random.uniform(-1, 1, (4, 3, r, r)).astype(numpy.float32)
    pooled = F.average_pooling_2d(x, 2).array
    numpy.testing.assert_allclose(pooled, pool2(x), atol=1e-7)
    old = run(dis, stage - 1, 1.0, pooled)
    numpy.testing.assert_array_equal(run(dis, stage, 0.0, x), old)
    new = run(dis, stage, 1.0, x)
    assert not numpy.allclose(new, old)
    dis.from_rgb[stage - 1].W.array[...] *= -3
    numpy.testing.assert_array_equal(run(dis, stage, 1.0, x), new)


def test_layers_follow_the_paper():
    gen, dis = models(size=8, ch=8)
    assert isinstance(gen.blocks[0].c0, L.EqualizedConvolution2D)
    assert isinstance(gen.dense, L.EqualizedLinear) and isinstance(dis.out, L.EqualizedLinear)
    assert gen.to_rgb[1].W.shape == (3, 8, 1, 1) and dis.from_rgb[1].W.shape == (8, 3, 1, 1)
    assert dis.conv_last.W.shape == (8, 9, 3, 3)  # NOTE: + the minibatch stddev channel
    assert gen.to_rgb[1].gain == 1.0 and dis.out.gain == 1.0
    weights = numpy.concatenate([p.array.ravel() for p in gen.params() if p.ndim > 1])
    assert abs(weights.std() - 1) < 0.05  # NOTE: N(0, 1), scaled at run time
    assert not any(p.array.any() for p in gen.params() if p.ndim == 1)


def test_discriminator_double_backward_in_a_fade():
    _, dis = models(size=8, ch=3)
    dis.set_stage(1, 0.4)
    for p in dis.params():
        p.array = p.array.astype(numpy.float64)
    rng = numpy.random.RandomState(1)
    x = rng.uniform(-1, 1, (2, 3, 8, 8))
    gy, ggx = rng.normal(size=(2, 1)), rng.normal(size=x.shape)
    # NOTE: a small eps keeps the finite differences off leaky ReLU's kinks
    gradient_check.check_backward(dis, x, gy, eps=1e-5, atol=1e-6, rtol=1e-5)
    gradient_check.check_double_backward(dis, x, gy, ggx, eps=1e-5, atol=1e-6, rtol=1e-5)


def test_stage_and_alpha_are_saved_with_the_weights(tmp_path):
    gen, _ = models()
    gen.set_stage(2, 0.25)
    serializers.save_npz(str(tmp_path / 'g.npz'), gen)
    rebuilt = pggan.Generator(size=16, z_dim=6, ch=8)
    serializers.load_npz(str(tmp_path / 'g.npz'), rebuilt)
    assert (rebuilt.stage, rebuilt.alpha, rebuilt.resolution) == (2, 0.25, 16)
    z = gen.make_hidden(2)
    numpy.testing.assert_array_equal(run(rebuilt, 2, 0.25, z), run(gen, 2, 0.25, z))


def test_ema_averages_params_and_float_persistents_copies_scalars(tmp_path):
    target = minigan.Chain()
    with target.init_scope():
        target.fc = L.Linear(3, 2)
        target.bn = L.BatchNormalization(2)
    target.add_persistent('stage', 1)
    ema = ExponentialMovingAverage(target, decay=0.9)
    w0, m0 = target.fc.W.array.copy(), target.bn.avg_mean.copy()
    target.fc.W.array += 1
    target.bn.avg_mean += 2
    target.stage = 3
    ema.update()
    numpy.testing.assert_allclose(ema.model.fc.W.array, 0.9 * w0 + 0.1 * (w0 + 1), rtol=1e-6)
    numpy.testing.assert_allclose(ema.model.bn.avg_mean, m0 + 0.2, rtol=1e-6)
    assert ema.model.stage == 3 and ema.model.fc.W is not target.fc.W
    serializers.save_npz(str(tmp_path / 'e.npz'), ema)
    other = ExponentialMovingAverage(target, decay=0.9)
    serializers.load_npz(str(tmp_path / 'e.npz'), other)
    numpy.testing.assert_array_equal(other.model.fc.W.array, ema.model.fc.W.array)


def make_updater(images, size=8, ema=True):
    gen, dis = models(size=size, ch=4, z_dim=4)
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


def test_status_line_shows_phase_alpha_and_schedule_eta():
    schedule = progressive.Schedule(8, images_per_phase=8, batch_size=4)
    times = iter([10.0, 12.0])
    status = pggan_status.StatusLine(schedule, clock=lambda: next(times))

    class Trainer:
        class updater:
            iteration = 3

    assert status(Trainer) == '8x8 fade-in (phase 2/3) alpha=0.000'
    Trainer.updater.iteration = 4
    # 2 s per iteration, 2 iterations of 8x8 left at the same cost
    assert status(Trainer) == '8x8 fade-in (phase 2/3) alpha=0.500  schedule ETA 0:00:04'


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
