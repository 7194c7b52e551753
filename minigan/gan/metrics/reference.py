"""The real images measured once, and every score of a sample set against them.

    ref = Reference(real_images)           # embeds, standardizes, finds k-NN radii (once)
    ref.compare(fake_images)               # -> {'fd': ..., 'kd': ..., 'precision': ..., ...}

Features are the fixed random embedding's (:mod:`minigan.gan.metrics.embedding`), standardized
by the real set's spread: the real mean is subtracted and everything is divided by the real
features' root-mean-square standard deviation, so the real set has total variance D (one per
feature) and fd and kd are in units of the data's own spread. (One scale for all features, not
one per feature: per-feature scaling blows up near-constant features and drowned the
differences in the tests' blurred and collapsed sets.) The numbers compare runs and
checkpoints trained on the same data; they are not the Inception FIDs and KIDs that papers
print, and they are not comparable across datasets.
"""
import numpy

from minigan.gan import data
from minigan.gan.metrics import memorization, scores
from minigan.gan.metrics.embedding import default_embedding

K_PRECISION = 3  # NOTE: the k of Kynkaanniemi et al. 2019
K_DENSITY = 5  # NOTE: the k of Naeem et al. 2020
PIXEL_SIDE = 64  # NOTE: pixel-space memorization looks at images at most this large

# key: (which way is better, one line for tables and docs)
KEYS = {
    'fd': ('lower', "Frechet distance of Gaussians fitted to the features (FID's formula)"),
    'kd': ('lower', "kernel distance, unbiased MMD^2 with a cubic kernel (KID's formula)"),
    'precision': ('higher', 'fraction of samples inside the real k-NN balls (fidelity)'),
    'recall': ('higher', 'fraction of real images inside the samples\' k-NN balls'),
    'density': ('~1', 'real k-NN balls around each sample / k (about 1 when matched)'),
    'coverage': ('higher', 'fraction of real images with a sample inside their k-NN ball'),
    'diversity': ('~1', 'mean distance between samples / mean distance between reals'),
    'duplicates': ('lower', 'fraction of samples with another sample unusually close'),
    'memorized': ('lower', 'fraction of samples much closer to a training image than it is '
                           'to any other (features)'),
    'memorized_pixels': ('lower', 'the same in pixel space'),
}


def as_float_images(images):
    """float32 (N, C, H, W) in [-1, 1] from the same, or from uint8 (N, H, W, 3) pictures."""
    images = getattr(images, 'array', images)
    if images.dtype == numpy.uint8:
        images = data.to_float(images)
    if images.ndim != 4 or images.shape[1] not in (1, 3):
        raise ValueError('expected (N, C, H, W) images with C = 1 or 3, got shape %s'
                         % (images.shape,))
    return images


def pixel_vectors(images):
    """(N, C*h*w) float32 rows of images box-filtered down to at most ``PIXEL_SIDE``."""
    x = numpy.asarray(as_float_images(images), dtype=numpy.float32)
    n, c, h, w = x.shape
    f = -(-max(h, w) // PIXEL_SIDE)
    if f > 1 and h % f == 0 and w % f == 0:
        x = x.reshape(n, c, h // f, f, w // f, f).mean(axis=(3, 5))
    return x.reshape(n, -1)


class Reference:
    """The real (training) images, embedded and measured once.

    images: float (N, C, H, W) in [-1, 1] or uint8 (N, H, W, 3), N >= 2. embedding: anything
    with ``embed(images) -> (N, D)``; default ``RandomVGG(seed=0)``, built once.
    """

    def __init__(self, images, embedding=None):
        images = as_float_images(images)
        if len(images) < 2:
            raise ValueError('the real set needs at least 2 images, got %d' % len(images))
        self.embedding = embedding or default_embedding()
        self.image_shape = tuple(images.shape[1:])
        raw = self.embedding.embed(images)
        self.mean = raw.mean(axis=0)
        self.scale = numpy.sqrt(raw.var(axis=0).mean()) + 1e-12
        self.features = (raw - self.mean) / self.scale
        self.k_precision = min(K_PRECISION, len(images) - 1)
        self.k_density = min(K_DENSITY, len(images) - 1)
        dist, _ = scores.nearest_within(self.features, max(self.k_precision, self.k_density))
        self.nn1 = dist[:, 0]
        self.radii_precision = dist[:, self.k_precision - 1]
        self.radii_density = dist[:, self.k_density - 1]
        self.mean_distance = memorization.mean_pairwise_distance(self.features)
        self.pixels = pixel_vectors(images)
        self.pixel_nn1 = scores.nearest_within(self.pixels, 1)[0][:, 0]

    def __len__(self):
        return len(self.features)

    def features_of(self, images):
        """Standardized features (M, D) of images in either accepted layout."""
        return (self.embedding.embed(as_float_images(images)) - self.mean) / self.scale

    def compare(self, fake_images, kd_subsets=100, seed=0, neighbours=0):
        """Every score of ``fake_images`` (M >= 2) against the real set; see ``KEYS``.

        With ``neighbours=k`` also returns what :meth:`nearest` returns, from the same
        distances: ``(scores, (index, distance, suspicion))``.
        """
        fake_images = as_float_images(fake_images)
        if len(fake_images) < 2:
            raise ValueError('need at least 2 samples to score, got %d' % len(fake_images))
        fake, to_real, ratios, pixel_ratios = self._distances(fake_images)
        k = min(self.k_precision, len(fake) - 1)
        fake_radii = scores.nearest_within(fake, k)[0][:, k - 1]
        result = {'fd': scores.frechet_distance(self.features, fake)}
        result['kd'], result['kd_std'] = scores.kernel_distance(
            self.features, fake, subsets=kd_subsets, seed=seed)
        result['precision'], result['recall'] = scores.precision_recall(
            self.radii_precision, fake_radii, to_real)
        result['density'], result['coverage'] = scores.density_coverage(
            self.radii_density, to_real, self.k_density)
        result['diversity'] = memorization.diversity(fake, self.mean_distance)
        result['duplicates'] = float(memorization.duplicate_flags(fake, self.nn1).mean())
        result['memorized'] = float((ratios < memorization.RATIO).mean())
        result['memorized_pixels'] = float((pixel_ratios < memorization.RATIO).mean())
        result['n_real'], result['n_fake'] = len(self), len(fake)
        if not neighbours:
            return result
        return result, self._neighbours(to_real, ratios, pixel_ratios, neighbours)

    def nearest(self, fake_images, k=3):
        """Each sample's k nearest training images in feature space.

        Returns (index (M, k), distance (M, k), suspicion (M,)): suspicion is the smaller of
        the sample's memorization ratios in feature and pixel space (below ``RATIO``: it
        counts as memorized); sorting by it puts the likeliest copies first.
        """
        _, to_real, ratios, pixel_ratios = self._distances(as_float_images(fake_images))
        return self._neighbours(to_real, ratios, pixel_ratios, k)

    def _distances(self, fake_images):
        """Features, distances to the real set and memorization ratios of the samples."""
        if tuple(fake_images.shape[1:]) != self.image_shape:
            raise ValueError('samples are %s but the real images are %s'
                             % (fake_images.shape[1:], self.image_shape))
        fake = self.features_of(fake_images)
        to_real = scores.pairwise_distances(fake, self.features)
        ratios, _ = memorization.memorization_ratios(to_real, self.nn1)
        pixel_ratios, _ = memorization.memorization_ratios(
            scores.pairwise_distances(pixel_vectors(fake_images), self.pixels), self.pixel_nn1)
        return fake, to_real, ratios, pixel_ratios

    @staticmethod
    def _neighbours(to_real, ratios, pixel_ratios, k):
        index = numpy.argsort(to_real, axis=1)[:, :k]
        suspicion = numpy.minimum(ratios, pixel_ratios)
        return index, numpy.take_along_axis(to_real, index, 1), suspicion


def evaluate(real_images, fake_images, embedding=None, **options):
    """All quality, diversity and memorization scores of ``fake_images`` against the real set.

    Both as float (N, C, H, W) in [-1, 1] or uint8 (N, H, W, 3), of the same image size. For
    many sample sets against one real set, build one :class:`Reference` and call ``compare``.
    Returns a dict over ``KEYS`` plus ``kd_std``, ``n_real`` and ``n_fake``.
    """
    return Reference(real_images, embedding).compare(fake_images, **options)
