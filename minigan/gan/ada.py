"""Adaptive discriminator augmentation (ADA): Karras et al. 2020, "Training Generative
Adversarial Networks with Limited Data".

Every image D sees, real or fake, goes through the same random pipeline, each transform
applied to each image with probability p. Because the transforms are built from minigan
functions, G is trained through them; because p < 0.8 they do not "leak" (G still learns the
un-augmented distribution, the paper's section 2.3). p is not fixed but steered by how much D
overfits, measured on the reals it is trained on:

    r_t = E[sign(D(x_real))]                                  (eq. 1, 0: no overfitting, 1: total)

Every ``interval`` D steps, p += sign(r_t - target) * (batch * interval) / speed_images, so p
could go from 0 to 1 within ``speed_images`` images (500k in the paper; fewer here, since our
runs are shorter), then p is clipped to [0, 1]. The target is 0.6.

The pipeline is the paper's 'bgc' (appendix B), in its order:

* blit: x-flip, rotation by a multiple of 90 degrees, integer translation (up to 1/8 of the size);
* geometric: isotropic scaling (lognormal, std 0.2 log 2), rotation (uniform, with probability
  1 - sqrt(1 - p), before and after the anisotropic scaling), anisotropic scaling, fractional
  translation (normal, std 1/8 of the size); all of them are composed into one 3x3 matrix per
  image and applied as one bilinear resampling, with the image reflected at its borders;
* color: brightness (+ normal, std 0.2), contrast (x lognormal, std 0.5 log 2), luma flip,
  hue rotation (uniform angle about the grey axis), saturation (lognormal, std log 2); all
  composed into one 4x4 matrix per image applied to the RGB values.

Not done here: the paper's wavelet filter around the geometric resampling (against
aliasing) and its image-space filtering and corruption groups. Random numbers come from
numpy's global generator, so seeded runs repeat and resume exactly.
"""
import math

import numpy

from minigan import functions as F
from minigan import reporter
from minigan.core.variable import as_variable

TARGET = 0.6
INTERVAL = 4
SPEED_IMAGES = 100000  # NOTE: the paper's 500k; p may need to rise within a short CPU run
_LUMA = numpy.array([1.0, 1.0, 1.0, 0.0]) / math.sqrt(3)


def _rotation2d(theta):
    c, s = numpy.cos(theta), numpy.sin(theta)
    m = numpy.tile(numpy.eye(3), (len(theta), 1, 1))
    m[:, 0, 0], m[:, 0, 1], m[:, 1, 0], m[:, 1, 1] = c, -s, s, c
    return m


def _scale2d(sx, sy):
    m = numpy.tile(numpy.eye(3), (len(sx), 1, 1))
    m[:, 0, 0], m[:, 1, 1] = sx, sy
    return m


def _translate2d(tx, ty):
    m = numpy.tile(numpy.eye(3), (len(tx), 1, 1))
    m[:, 0, 2], m[:, 1, 2] = tx, ty
    return m


def _chance(p, n):
    return numpy.random.uniform(size=n) < p


def geometric_matrices(n, p, h, w):
    """(n, 3, 3) matrices mapping an output pixel's centred coordinates to the input's."""
    rand = numpy.random
    g = numpy.tile(numpy.eye(3), (n, 1, 1))
    flip = rand.randint(0, 2, n) * _chance(p, n)
    g = g @ _scale2d(1 - 2 * flip, numpy.ones(n))
    quarter = rand.randint(0, 4, n) * _chance(p, n)
    g = g @ _rotation2d(-math.pi / 2 * quarter)
    t = rand.uniform(-0.125, 0.125, (2, n)) * _chance(p, n)
    g = g @ _translate2d(numpy.round(t[0] * w), numpy.round(t[1] * h))
    s = numpy.exp2(rand.normal(0, 0.2, n) * _chance(p, n))
    g = g @ _scale2d(s, s)
    p_rot = 1 - math.sqrt(1 - min(p, 1.0))
    g = g @ _rotation2d(-rand.uniform(-math.pi, math.pi, n) * _chance(p_rot, n))
    s = numpy.exp2(rand.normal(0, 0.2, n) * _chance(p, n))
    g = g @ _scale2d(s, 1 / s)
    g = g @ _rotation2d(-rand.uniform(-math.pi, math.pi, n) * _chance(p_rot, n))
    t = rand.normal(0, 0.125, (2, n)) * _chance(p, n)
    return g @ _translate2d(t[0] * w, t[1] * h)


def color_matrices(n, p):
    """(n, 4, 4) matrices acting on homogeneous RGB values [r, g, b, 1] in [-1, 1]."""
    rand = numpy.random
    c = numpy.tile(numpy.eye(4), (n, 1, 1))
    b = rand.normal(0, 0.2, n) * _chance(p, n)
    shift = numpy.tile(numpy.eye(4), (n, 1, 1))
    shift[:, :3, 3] = b[:, None]
    c = shift @ c
    k = numpy.exp2(rand.normal(0, 0.5, n) * _chance(p, n))
    scale = numpy.tile(numpy.eye(4), (n, 1, 1))
    scale[:, [0, 1, 2], [0, 1, 2]] = k[:, None]
    c = scale @ c
    vv = numpy.outer(_LUMA, _LUMA)
    flip = rand.randint(0, 2, n) * _chance(p, n)
    c = (numpy.eye(4) - 2 * vv * flip[:, None, None]) @ c
    theta = rand.uniform(-math.pi, math.pi, n) * _chance(p, n)
    c = _rotation_about_grey(theta) @ c
    s = numpy.exp2(rand.normal(0, 1.0, n) * _chance(p, n))
    return (vv + (numpy.eye(4) - vv) * s[:, None, None]) @ c


def _rotation_about_grey(theta):
    """Rodrigues' rotation by ``theta`` about the unit grey axis (1, 1, 1) / sqrt(3)."""
    v = _LUMA[:3]
    cross = numpy.array([[0, -v[2], v[1]], [v[2], 0, -v[0]], [-v[1], v[0], 0]])
    c, s = numpy.cos(theta)[:, None, None], numpy.sin(theta)[:, None, None]
    r = c * numpy.eye(3) + s * cross + (1 - c) * numpy.outer(v, v)
    m = numpy.tile(numpy.eye(4), (len(theta), 1, 1))
    m[:, :3, :3] = r
    return m


def _reflect(u, size):
    """Reflect coordinates into [0, size - 1] (the image mirrored at its border pixels)."""
    if size == 1:
        return numpy.zeros_like(u)
    period = 2 * (size - 1)
    u = numpy.abs(u) % period
    return numpy.where(u > size - 1, period - u, u)


def resample(x, matrices):
    """Bilinear sampling of x (N, C, H, W) at ``matrices`` @ [col, row, 1] (centred pixels).

    A linear map of x written with get_item, so its gradient (a scatter-add) and second
    gradient come for free. Corners whose weights are all zero (integer moves) are skipped.
    """
    x = as_variable(x)
    n, c, h, w = x.shape
    rows, cols = numpy.mgrid[:h, :w]
    centred = numpy.stack([cols - (w - 1) / 2, rows - (h - 1) / 2, numpy.ones((h, w))])
    src = numpy.einsum('nij,jhw->nihw', matrices, centred)
    sx = _reflect(src[:, 0] + (w - 1) / 2, w)
    sy = _reflect(src[:, 1] + (h - 1) / 2, h)
    sx, sy = numpy.round(sx, 6), numpy.round(sy, 6)  # NOTE: exact pixels stay exact
    x0, y0 = numpy.floor(sx).astype(int), numpy.floor(sy).astype(int)
    fx, fy = sx - x0, sy - y0
    x1, y1 = numpy.minimum(x0 + 1, w - 1), numpy.minimum(y0 + 1, h - 1)
    flat = F.reshape(F.transpose(x, (0, 2, 3, 1)), (n * h * w, c))
    base = numpy.arange(n)[:, None, None] * (h * w)
    out = None
    for yy, xx, weight in ((y0, x0, (1 - fy) * (1 - fx)), (y0, x1, (1 - fy) * fx),
                           (y1, x0, fy * (1 - fx)), (y1, x1, fy * fx)):
        if not weight.any():
            continue
        index = x.xp.asarray((base + yy * w + xx).ravel())
        term = F.get_item(flat, index) * x.xp.asarray(weight.reshape(-1, 1), dtype=x.dtype)
        out = term if out is None else out + term
    return F.transpose(F.reshape(out, (n, h, w, c)), (0, 3, 1, 2))


def recolor(x, matrices):
    """Apply (N, 4, 4) colour matrices to RGB x (N, 3, H, W): y = M[:3, :3] x + M[:3, 3]."""
    x = as_variable(x)
    n, c, h, w = x.shape
    xp, dtype = x.xp, x.dtype
    m = xp.asarray(matrices[:, :3, :3], dtype=dtype)
    y = F.matmul(m, F.reshape(x, (n, c, h * w)))
    y = y + xp.asarray(numpy.broadcast_to(matrices[:, :3, 3:], (n, 3, h * w)), dtype=dtype)
    return F.reshape(y, (n, c, h, w))


def augment(x, p):
    """The 'bgc' pipeline applied to x (N, C, H, W) with probability ``p`` per transform.

    Colour transforms need C = 3; for grey images only brightness and contrast apply.
    """
    x = as_variable(x)
    n, c, h, w = x.shape
    g = geometric_matrices(n, p, h, w)
    if not numpy.allclose(g, numpy.eye(3)):
        x = resample(x, g)
    colors = color_matrices(n, p)
    if numpy.allclose(colors, numpy.eye(4)):
        return x
    if c == 3:
        return recolor(x, colors)
    scale = x.xp.asarray(colors[:, 0, :3].sum(axis=1).reshape(n, 1, 1, 1), dtype=x.dtype)
    shift = x.xp.asarray(colors[:, 0, 3].reshape(n, 1, 1, 1), dtype=x.dtype)
    return x * scale + shift


class AdaptiveAugment:
    """The augment callable of GANUpdater that also tunes its own p (see the module's text).

    ``ada = AdaptiveAugment(); GANUpdater(..., augment=ada)``: the updater calls
    ``ada(x)`` on every batch before D and ``ada.observe(y_real)`` with D's raw outputs on
    the (augmented) reals of every D step. Reports ``ada/p`` and ``ada/rt``; ``serialize``
    keeps p and the running sums in snapshots.
    """

    def __init__(self, target=TARGET, interval=INTERVAL, speed_images=SPEED_IMAGES, p=0.0):
        if not 0 < target < 1:
            raise ValueError('the ADA target must be in (0, 1), got %r' % (target,))
        if speed_images <= 0 or interval < 1:
            raise ValueError('speed_images and interval must be positive')
        self.target, self.interval, self.speed_images = target, interval, speed_images
        self.p, self.rt = float(p), 0.0
        self._sign_sum, self._count, self._batches = 0.0, 0, 0

    def __call__(self, x):
        return augment(x, self.p) if self.p > 0 else as_variable(x)

    def observe(self, y_real):
        """Accumulate sign(D(x_real)); every ``interval`` batches move p toward the target."""
        y = numpy.asarray(getattr(y_real, 'array', y_real).tolist(), dtype=numpy.float64)
        self._sign_sum += float(numpy.sign(y).sum())
        self._count += y.size
        self._batches += 1
        if self._batches >= self.interval:
            self.rt = self._sign_sum / self._count
            step = self._count / self.speed_images
            self.p = float(numpy.clip(self.p + numpy.sign(self.rt - self.target) * step, 0, 1))
            self._sign_sum, self._count, self._batches = 0.0, 0, 0
        reporter.report({'ada/p': self.p, 'ada/rt': self.rt})

    def serialize(self, serializer):
        self.p = float(serializer('p', self.p))
        self.rt = float(serializer('rt', self.rt))
        self._sign_sum = float(serializer('sign_sum', self._sign_sum))
        self._count = int(serializer('count', self._count))
        self._batches = int(serializer('batches', self._batches))
