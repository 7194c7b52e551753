"""A DCGAN must learn a simple distribution: it cannot pass by accident.

Data: 16x16 images, dark background (-1) with one bright 4x4 square (+1) at one of four
positions. Statistic: the fraction of generated images that show exactly one bright square at
one of those positions and a dark background elsewhere. An untrained generator scores 0.
"""
import numpy

import minigan
from minigan import optimizers
from minigan.gan.models import dcgan
from minigan.gan.updaters import GANUpdater
from minigan.iterators import SerialIterator

CORNERS = [(2, 2), (2, 10), (10, 2), (10, 10)]


def square_images(n, rng):
    x = -numpy.ones((n, 3, 16, 16), numpy.float32)
    for i, k in enumerate(rng.randint(0, 4, n)):
        r, c = CORNERS[k]
        x[i, :, r:r + 4, c:c + 4] = 1
    return x


def fraction_valid(x):
    ok = 0
    for img in x.mean(axis=1):
        means = [img[r:r + 4, c:c + 4].mean() for r, c in CORNERS]
        k = int(numpy.argmax(means))
        r, c = CORNERS[k]
        rest = img.copy()
        rest[r:r + 4, c:c + 4] = -1
        others = [m for j, m in enumerate(means) if j != k]
        ok += means[k] > 0.5 and max(others) < -0.5 and rest.mean() < -0.8
    return ok / len(x)


def test_dcgan_learns_bright_squares():
    numpy.random.seed(0)
    data = square_images(256, numpy.random.RandomState(1))
    assert fraction_valid(data) == 1.0
    gen = dcgan.Generator(size=16, z_dim=16, ch=16)
    dis = dcgan.Discriminator(size=16, ch=16)
    opts = {}
    for name, model in (('gen', gen), ('dis', dis)):
        opts[name] = optimizers.Adam(alpha=1e-3, beta1=0.5)
        opts[name].setup(model)
    updater = GANUpdater(SerialIterator(list(data), 32), opts, loss='ns')
    z = gen.make_hidden(200, numpy.random.RandomState(2))

    def score():
        with minigan.using_config('train', False), minigan.no_backprop_mode():
            return fraction_valid(gen(z).array)

    before = score()
    for _ in range(300):
        updater.update()
    after = score()
    assert before == 0.0
    assert after > 0.7, 'only %.0f%% of samples show one square after training' % (100 * after)
