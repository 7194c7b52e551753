import numpy
import pytest

import minigan
from minigan.gan import augment
from minigan.gan.augment import DiffAugment
from minigan.gan.models import sagan
from minigan.testing import gradient_check


def _images(n=3, c=3, h=8, w=8, seed=0):
    return numpy.random.RandomState(seed).uniform(-1, 1, (n, c, h, w)).astype(numpy.float32)


def test_translation_matches_a_shifting_loop():
    x = _images(n=4, h=8, w=8)
    numpy.random.seed(5)
    y = augment.translation(x).array
    numpy.random.seed(5)
    ty = numpy.random.randint(-1, 2, 4)  # int(8 * 0.125 + 0.5) = 1 pixel at most
    tx = numpy.random.randint(-1, 2, 4)
    expected = numpy.zeros_like(x)
    for n in range(4):
        for i in range(8):
            for j in range(8):
                si, sj = i + ty[n], j + tx[n]
                if 0 <= si < 8 and 0 <= sj < 8:
                    expected[n, :, i, j] = x[n, :, si, sj]
    numpy.testing.assert_array_equal(y, expected)
    assert y.shape == x.shape and y.dtype == x.dtype


def test_translation_shifts_content_and_fills_with_zeros():
    x = numpy.ones((64, 1, 16, 16), numpy.float32)
    numpy.random.seed(0)
    y = augment.translation(x).array
    zero_rows = (y == 0).all(axis=(1, 3)).sum(axis=1)  # whole rows vacated by a vertical shift
    zero_cols = (y == 0).all(axis=(1, 2)).sum(axis=1)
    assert set(zero_rows) == {0, 1, 2} and set(zero_cols) == {0, 1, 2}  # up to 16 / 8 = 2
    numpy.testing.assert_array_equal((y != 0).sum(axis=(1, 2, 3)),
                                     (16 - zero_rows) * (16 - zero_cols))


def test_cutout_zeroes_one_half_size_square():
    x = _images(n=32, c=2, h=8, w=8) + 5  # no pixel is 0 before
    numpy.random.seed(1)
    y = augment.cutout(x).array
    numpy.random.seed(1)
    oy = numpy.random.randint(0, 9, 32)  # centres in [0, 8]: 8 + (1 - 4 % 2)
    ox = numpy.random.randint(0, 9, 32)
    for n in range(32):
        rows = [i for i in range(8) if oy[n] - 2 <= i < oy[n] + 2]
        cols = [j for j in range(8) if ox[n] - 2 <= j < ox[n] + 2]
        zero = numpy.zeros((8, 8), bool)
        zero[numpy.ix_(rows, cols)] = True
        numpy.testing.assert_array_equal(y[n] == 0, numpy.broadcast_to(zero, (2, 8, 8)))
        numpy.testing.assert_array_equal(y[n][:, ~zero], x[n][:, ~zero])
    inside = (oy >= 2) & (oy <= 6) & (ox >= 2) & (ox <= 6)
    assert inside.any()
    assert ((y[inside, 0] == 0).sum(axis=(1, 2)) == 16).all()  # a full 4x4 = (8/2)^2 square


def test_color_matches_the_formula():
    x = _images(n=5)
    numpy.random.seed(2)
    y = augment.color(x).array
    numpy.random.seed(2)
    b, s, c = (numpy.random.uniform(lo, hi, (5, 1, 1, 1))
               for lo, hi in ((-0.5, 0.5), (0.0, 2.0), (0.5, 1.5)))
    h = x + b
    h = (h - h.mean(axis=1, keepdims=True)) * s + h.mean(axis=1, keepdims=True)
    h = (h - h.mean(axis=(1, 2, 3), keepdims=True)) * c + h.mean(axis=(1, 2, 3), keepdims=True)
    numpy.testing.assert_allclose(y, h, rtol=1e-5, atol=1e-5)


def test_color_stays_within_its_bounds():
    numpy.random.seed(3)
    # a grey flat image: saturation and contrast have nothing to act on, brightness shifts it
    flat = numpy.full((200, 3, 4, 4), 0.25, numpy.float32)
    shift = augment.color(flat).array - 0.25
    assert numpy.allclose(shift, shift[:, :1, :1, :1], atol=1e-6)
    assert -0.5 <= shift.min() < -0.4 and 0.4 < shift.max() <= 0.5
    # a grey image with structure: contrast scales deviations from the mean by 0.5 .. 1.5
    grey = numpy.repeat(_images(n=200, c=1), 3, axis=1)
    y = augment.color(grey).array
    ratio = y.std(axis=(1, 2, 3)) / grey.std(axis=(1, 2, 3))
    assert 0.5 - 1e-5 <= ratio.min() < 0.6 and 1.4 < ratio.max() <= 1.5 + 1e-5
    # saturation scales each pixel's deviation from its channel mean by 0 .. 2
    colour = _images(n=200) * 0.1
    y = augment.color(colour).array
    spread = y.std(axis=1) / (colour.std(axis=1) + 1e-12)
    per_image = spread.reshape(200, -1)
    assert numpy.allclose(per_image, per_image[:, :1], rtol=1e-3, atol=1e-4)
    assert per_image.min() >= 0 and per_image.max() <= 2 * 1.5 + 1e-3


@pytest.mark.parametrize('policy', ['color', 'translation', 'cutout', 'color,translation,cutout'])
def test_same_seed_same_result(policy):
    x = _images(n=4, h=16, w=16)
    results = []
    for seed in (7, 7, 8):
        numpy.random.seed(seed)
        results.append(DiffAugment(policy)(x).array)
    numpy.testing.assert_array_equal(results[0], results[1])
    assert not numpy.array_equal(results[0], results[2])


def test_policy_order_and_unknown_names():
    assert DiffAugment(' color , cutout ').names == ['color', 'cutout']
    assert DiffAugment('').names == []
    with pytest.raises(ValueError, match='flip'):
        DiffAugment('color,flip')


def _seeded(policy, seed=11):
    """DiffAugment with its random draws fixed, so finite differences see one function."""
    def f(x):
        numpy.random.seed(seed)
        return DiffAugment(policy)(x)
    return f


@pytest.mark.parametrize('policy', ['color', 'translation', 'cutout', 'color,translation,cutout'])
def test_gradients(policy):
    x = _images(n=2, c=3, h=8, w=8).astype(numpy.float64)
    rng = numpy.random.RandomState(4)
    gy = rng.normal(size=x.shape)
    ggx = rng.normal(size=x.shape)
    gradient_check.check_backward(_seeded(policy), x, gy)
    gradient_check.check_double_backward(_seeded(policy), x, gy, ggx)


def test_generator_gets_gradients_through_augmentation():
    numpy.random.seed(0)
    gen = sagan.Generator(size=16, z_dim=4, ch=4)
    dis = sagan.Discriminator(size=16, ch=4)
    loss = -minigan.functions.mean(dis(DiffAugment()(gen(gen.make_hidden(3)))))
    gen.cleargrads()
    loss.backward()
    for name, param in gen.namedparams():
        assert param.grad is not None and numpy.abs(param.grad).sum() > 0, name
