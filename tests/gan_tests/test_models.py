import numpy
import pytest

import minigan
from minigan.gan.models import dcgan, mlp

SIZES = [16, 24, 32, 48, 64, 96, 128, 192, 256]


@pytest.mark.parametrize('size,bottom,stages', [
    (16, 4, 2), (24, 12, 1), (32, 4, 3), (48, 12, 2), (64, 4, 4), (96, 12, 3),
    (128, 4, 5), (192, 12, 4), (256, 4, 6)])
def test_dcgan_layout_follows_size(size, bottom, stages):
    assert dcgan.bottom_width(size) == bottom
    assert dcgan.num_stages(size) == stages


@pytest.mark.parametrize('size', [8, 20, 40, 80, 512])
def test_dcgan_rejects_unsupported_sizes(size):
    with pytest.raises(ValueError, match='16 to 256'):
        dcgan.bottom_width(size)


@pytest.mark.parametrize('size', SIZES)
def test_dcgan_output_shapes(size):
    numpy.random.seed(0)
    gen = dcgan.Generator(size=size, z_dim=8, ch=4)
    dis = dcgan.Discriminator(size=size, ch=4)
    z = gen.make_hidden(2)
    assert z.shape == (2, 8) and z.dtype == numpy.float32
    with minigan.no_backprop_mode():
        x = gen(z)
        assert x.shape == (2, 3, size, size)
        assert numpy.all(numpy.abs(x.array) <= 1)
        assert dis(x).shape == (2, 1)


def test_dcgan_wgan_critic_has_no_batchnorm():
    dis = dcgan.Discriminator(size=32, ch=4, use_bn=False)
    names = [name for name, _ in dis.namedparams()]
    assert not any('bns' in n for n in names)
    x = numpy.random.rand(2, 3, 32, 32).astype(numpy.float32)
    # without BN each example's output depends on that example only
    y_pair = dis(x).array
    y_single = dis(x[:1]).array
    numpy.testing.assert_allclose(y_pair[:1], y_single, rtol=1e-5)


def test_mlp_gan_shapes():
    gen = mlp.Generator(size=28, z_dim=10, hidden=16)
    dis = mlp.Discriminator(size=28, hidden=16)
    x = gen(gen.make_hidden(3))
    assert x.shape == (3, 1, 28, 28)
    assert dis(x).shape == (3, 1)
