"""Is the generator copying its training images, or repeating itself?

A GAN trained on 100 pictures can reach a low FID by reproducing them. These scores measure
against the real set's own spacing, so they mean the same thing on any dataset: a sample is
*memorized* when it lies much closer to some training image than that image's nearest other
training image does (or the typical such distance, if smaller), and a *duplicate* when another
sample lies much closer to it than real images typically lie to each other. "Much closer" is a
ratio below ``RATIO`` (one half).
"""
import numpy

from minigan.gan.metrics.scores import nearest_within, pairwise_distances

RATIO = 0.5
MAX_ROWS = 2000  # NOTE: mean pairwise distance on a random subset; 2000 rows give 2e6 pairs
EPS = 1e-12


def mean_pairwise_distance(x, seed=0):
    """Mean distance over all pairs of distinct rows of x (at most ``MAX_ROWS`` rows drawn)."""
    if len(x) > MAX_ROWS:
        x = x[numpy.random.default_rng(seed).choice(len(x), MAX_ROWS, replace=False)]
    n = len(x)
    if n < 2:
        return 0.0
    total = sum(pairwise_distances(x[i:i + 512], x).sum() for i in range(0, n, 512))
    return float(total / (n * (n - 1)))


def diversity(fake, real_mean_distance):
    """Mean pairwise distance of the samples over that of the real images.

    About 1 for a generator as varied as its data, towards 0 as it collapses.
    """
    return mean_pairwise_distance(fake) / max(real_mean_distance, EPS)


def duplicate_flags(fake, real_nn1, ratio=RATIO):
    """(M,) bool: samples whose nearest other sample is closer than ``ratio`` times the
    median real nearest-neighbour distance ``real_nn1`` (N,)."""
    if len(fake) < 2:
        return numpy.zeros(len(fake), bool)
    fake_nn1 = nearest_within(fake, 1)[0][:, 0]
    return fake_nn1 < ratio * numpy.median(real_nn1)


def memorization_ratios(fake_to_real, real_nn1):
    """(M,) for each sample, min_i d(f, r_i) / s_i, with the index i attaining it.

    d(f, r_i) is the sample's distance to training image i and s_i the spacing of the
    training set there: the distance from r_i to its nearest other training image, but at
    most the median of those distances (a training image unlike all others would otherwise
    make any sample look close to it). A ratio below 1 means the sample sits closer to r_i
    than training images usually are to each other; an exact copy has ratio 0.
    """
    spacing = numpy.minimum(real_nn1, numpy.median(real_nn1))
    ratios = fake_to_real / numpy.maximum(spacing, EPS)[None, :]
    nearest = ratios.argmin(axis=1)
    return ratios[numpy.arange(len(ratios)), nearest], nearest
