"""A DCGAN must learn a simple distribution: it cannot pass by accident.

Data: 16x16 images, dark background (-1) with one bright 4x4 square (+1) at one of four
positions. Three statistics of generated images, all computed on the channel mean:
- hit rate: the fraction showing a bright square (window mean above 0.5) at one of the four
  positions on a dark background (mean of the pixels outside the windows below -0.5). The
  data scores 1, an untrained generator (outputs near 0) scores 0;
- squares per hit: how many of the four windows are bright, on average (the data: 1);
- coverage: how often each position holds the brightest window; a collapsed generator
  would use one or two positions (the data: about 1/4 each).
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


def statistics(x):
    """(hit rate, squares per hit, share of each position) of images (N, 3, 16, 16)."""
    gray = x.mean(axis=1)
    windows = numpy.stack([gray[:, r:r + 4, c:c + 4].mean(axis=(1, 2)) for r, c in CORNERS], 1)
    background = numpy.ones((16, 16), bool)
    for r, c in CORNERS:
        background[r:r + 4, c:c + 4] = False
    hit = (windows.max(axis=1) > 0.5) & (gray[:, background].mean(axis=1) < -0.5)
    squares = (windows[hit] > 0.5).sum(axis=1).mean() if hit.any() else 0.0
    share = numpy.bincount(windows.argmax(axis=1), minlength=4) / len(x)
    return hit.mean(), squares, share


def test_statistics_of_the_data_itself():
    hit, squares, share = statistics(square_images(400, numpy.random.RandomState(1)))
    assert hit == 1.0 and squares == 1.0 and share.min() > 0.2


def test_dcgan_learns_bright_squares():
    numpy.random.seed(0)
    data = square_images(256, numpy.random.RandomState(1))
    gen = dcgan.Generator(size=16, z_dim=16, ch=16)
    dis = dcgan.Discriminator(size=16, ch=16)
    opts = {}
    for name, model in (('gen', gen), ('dis', dis)):
        opts[name] = optimizers.Adam(alpha=1e-3, beta1=0.5)
        opts[name].setup(model)
    updater = GANUpdater(SerialIterator(list(data), 32), opts, loss='ns')
    z = gen.make_hidden(200, numpy.random.RandomState(2))

    def sample():
        with minigan.using_config('train', False), minigan.no_backprop_mode():
            return gen(z).array

    hit_before, _, _ = statistics(sample())
    for _ in range(300):
        updater.update()
    hit, squares, share = statistics(sample())
    print('hit rate %.2f -> %.2f, squares per hit %.2f, position shares %s'
          % (hit_before, hit, squares, share))
    assert hit_before == 0.0
    # NOTE: over seeds 0-5 the hit rate after 300 updates ranged 0.57-0.81, and float32
    # rounding alone (a batch norm summing in another order) moves a seed within that range
    assert hit >= 0.5
    assert squares <= 1.5
    assert share.min() >= 0.1
