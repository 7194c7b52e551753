"""PGGAN's networks: fade-in endpoints, the paper's layers, double backprop in a fade,
stage and alpha saved with the weights."""
import numpy
import pytest

import minigan
from minigan import functions as F
from minigan import links as L
from minigan import serializers
from minigan.gan.models import pggan
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
