import numpy
import pytest

from minigan.gan.metrics import embedding, reference


def test_orthogonal_has_orthonormal_rows_or_columns():
    rng = numpy.random.default_rng(0)
    wide = embedding.orthogonal(4, 9, rng, gain=2.0)
    tall = embedding.orthogonal(9, 4, rng)
    numpy.testing.assert_allclose(wide @ wide.T, 4 * numpy.eye(4), atol=1e-12)
    numpy.testing.assert_allclose(tall.T @ tall, numpy.eye(4), atol=1e-12)


@pytest.fixture(scope='module')
def images():
    rng = numpy.random.RandomState(0)
    return rng.randint(0, 256, (5, 16, 16, 3)).astype(numpy.uint8)


def test_same_seed_same_features_other_seed_other_features(images):
    x = reference.as_float_images(images)
    a = embedding.RandomVGG(seed=0, resolution=32).embed(x)
    b = embedding.RandomVGG(seed=0, resolution=32).embed(x)
    c = embedding.RandomVGG(seed=1, resolution=32).embed(x)
    assert a.shape == (5, embedding.FEATURES) and a.dtype == numpy.float64
    numpy.testing.assert_array_equal(a, b)
    assert not numpy.allclose(a, c)


def test_grey_and_uint8_inputs(images):
    net = embedding.RandomVGG(resolution=32)
    x = reference.as_float_images(images)
    grey = x.mean(axis=1, keepdims=True)
    numpy.testing.assert_allclose(net.embed(grey), net.embed(numpy.repeat(grey, 3, axis=1)),
                                  rtol=1e-6)
    numpy.testing.assert_allclose(x, images.transpose(0, 3, 1, 2) / 127.5 - 1, atol=1e-6)
    with pytest.raises(ValueError, match='C = 1 or 3'):
        reference.as_float_images(numpy.zeros((2, 4, 8, 8), numpy.float32))
    assert net.embed(x[:0]).shape == (0, embedding.FEATURES)


def test_the_reference_refuses_what_it_cannot_score(images):
    ref = reference.Reference(images[:3], embedding.RandomVGG(resolution=32))
    with pytest.raises(ValueError, match='at least 2 samples'):
        ref.compare(images[:1])
    with pytest.raises(ValueError, match='real images are'):
        ref.compare(numpy.zeros((4, 3, 8, 8), numpy.float32))
    with pytest.raises(ValueError, match='at least 2 images'):
        reference.Reference(images[:1])
