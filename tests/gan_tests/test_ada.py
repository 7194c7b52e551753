import math

import numpy
import pytest

import minigan
from minigan.gan import ada, losses
from minigan.gan.ada import AdaptiveAugment
from minigan.gan.models import dcgan
from minigan.testing import gradient_check


def _images(n=3, c=3, h=8, w=8, seed=0):
    return numpy.random.RandomState(seed).uniform(-1, 1, (n, c, h, w)).astype(numpy.float32)


def _matrix(theta=0.0, scale=(1.0, 1.0), shift=(0.0, 0.0), n=1):
    c, s = math.cos(theta), math.sin(theta)
    m = numpy.array([[c * scale[0], -s * scale[1], shift[0]],
                     [s * scale[0], c * scale[1], shift[1]], [0, 0, 1]])
    return numpy.tile(m, (n, 1, 1))


def test_resample_identity_flip_quarter_turn_and_integer_shift_are_exact():
    x = _images(n=2, h=6, w=6)
    numpy.testing.assert_array_equal(ada.resample(x, _matrix(n=2)).array, x)
    flip = ada.resample(x, _matrix(scale=(-1, 1), n=2)).array
    numpy.testing.assert_array_equal(flip, x[..., ::-1])
    turn = ada.resample(x, _matrix(theta=math.pi / 2, n=2)).array
    numpy.testing.assert_allclose(turn, numpy.rot90(x, k=1, axes=(2, 3)), atol=1e-6)
    shifted = ada.resample(x, _matrix(shift=(2, 0), n=2)).array
    numpy.testing.assert_array_equal(shifted[..., :4], x[..., 2:])
    # NOTE: past the border the image is mirrored: column 6 reads column 4, column 7 column 3
    numpy.testing.assert_array_equal(shifted[..., 4:], x[..., [4, 3]])


def test_resample_half_pixel_shift_averages_neighbours():
    x = _images(n=1, h=4, w=5)
    y = ada.resample(x, _matrix(shift=(0.5, 0))).array
    numpy.testing.assert_allclose(y[..., :4], (x[..., :4] + x[..., 1:]) / 2, atol=1e-6)


def test_recolor_matches_matrix_product():
    x = _images(n=4)
    m = numpy.random.RandomState(1).normal(size=(4, 4, 4))
    y = ada.recolor(x, m).array
    expected = numpy.einsum('nij,njhw->nihw', m[:, :3, :3], x) + m[:, :3, 3, None, None]
    numpy.testing.assert_allclose(y, expected, rtol=1e-5, atol=1e-5)


def test_colour_matrices_keep_grey_and_are_identity_at_p_zero():
    numpy.random.seed(0)
    assert numpy.allclose(ada.color_matrices(5, 0.0), numpy.eye(4))
    assert numpy.allclose(ada.geometric_matrices(5, 0.0, 8, 8), numpy.eye(3))
    hue = ada._rotation_about_grey(numpy.array([1.0, 2.5]))
    grey = numpy.array([0.3, 0.3, 0.3, 1.0])
    numpy.testing.assert_allclose(hue @ grey, numpy.tile(grey, (2, 1)), atol=1e-12)
    numpy.testing.assert_allclose(numpy.linalg.det(hue[:, :3, :3]), 1.0, atol=1e-12)


def test_augment_at_full_probability_changes_every_image_with_bounded_geometry():
    numpy.random.seed(3)
    x = _images(n=64, h=8, w=8)
    y = ada.augment(x, 1.0).array
    assert y.shape == x.shape and y.dtype == x.dtype
    assert not numpy.isclose(y, x).all(axis=(1, 2, 3)).any()
    numpy.testing.assert_array_equal(ada.augment(x, 0.0).array, x)


def _seeded(p, seed=5):
    def f(x):
        numpy.random.seed(seed)
        return ada.augment(x, p)
    return f


@pytest.mark.parametrize('p', [0.5, 1.0])
def test_gradients(p):
    x = _images(n=3, h=6, w=6).astype(numpy.float64)
    rng = numpy.random.RandomState(2)
    gy, ggx = rng.normal(size=x.shape), rng.normal(size=x.shape)
    gradient_check.check_backward(_seeded(p), x, gy)
    gradient_check.check_double_backward(_seeded(p), x, gy, ggx)


def test_grey_images_get_brightness_and_contrast_only():
    numpy.random.seed(1)
    x = _images(n=8, c=1)
    y = ada.augment(x, 1.0).array
    assert y.shape == x.shape


def test_p_rises_while_d_overfits_and_falls_back_after():
    a = AdaptiveAugment(target=0.6, interval=2, speed_images=100)
    with minigan.reporter.Reporter().scope({}):
        for _ in range(4):
            a.observe(numpy.ones((5, 1)))        # r_t = 1 > 0.6: every 2 batches p += 10/100
    assert a.rt == 1.0 and a.p == pytest.approx(0.2)
    with minigan.reporter.Reporter().scope({}):
        for _ in range(6):
            a.observe(-numpy.ones((5, 1)))       # r_t = -1: p falls, clipped at 0
    assert a.p == 0.0 and a.rt == -1.0


def test_serialize_round_trip(tmp_path):
    a = AdaptiveAugment(interval=3, speed_images=10)
    with minigan.reporter.Reporter().scope({}):
        for y in ([1.0, 1.0], [1.0, -1.0], [1.0, 1.0], [1.0, 1.0]):
            a.observe(numpy.array(y))
    minigan.serializers.save_npz(str(tmp_path / 'a.npz'), a)
    b = AdaptiveAugment(interval=3, speed_images=10)
    minigan.serializers.load_npz(str(tmp_path / 'a.npz'), b)
    assert (b.p, b.rt, b._sign_sum, b._count, b._batches) == (
        a.p, a.rt, a._sign_sum, a._count, a._batches)


def test_bad_settings_are_refused():
    with pytest.raises(ValueError):
        AdaptiveAugment(target=1.5)
    with pytest.raises(ValueError):
        AdaptiveAugment(speed_images=0)


def test_generator_gets_gradients_through_ada():
    numpy.random.seed(0)
    gen, dis = dcgan.Generator(size=16, z_dim=4, ch=4), dcgan.Discriminator(size=16, ch=4)
    a = AdaptiveAugment(p=0.9)
    loss = losses.gen_loss('ns', dis(a(gen(gen.make_hidden(3)))))
    gen.cleargrads()
    loss.backward()
    for name, param in gen.namedparams():
        assert param.grad is not None and numpy.abs(param.grad).sum() > 0, name
