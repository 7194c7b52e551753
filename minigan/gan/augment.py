"""DiffAugment: differentiable augmentation of real and fake batches before D.

Zhao et al. 2020, "Differentiable Augmentation for Data-Efficient GAN Training". The same
kinds of random transforms are applied to real and generated images each time D looks at
them; because every transform is built from minigan functions, the generator still receives
gradients through them. With about 100 training images this keeps D from memorizing the set.

policy: comma-separated subset of 'color', 'translation', 'cutout'.
- color: brightness x + U(-0.5, 0.5); saturation (x - mean_c) * U(0, 2) + mean_c;
  contrast (x - mean) * U(0.5, 1.5) + mean (each drawn per example).
- translation: shift by up to 1/8 of the size in each direction, filling with zeros.
- cutout: zero a random square of half the size per example.
Random numbers come from numpy's global generator so seeded runs repeat.
"""
import numpy

from minigan import functions as F
from minigan.core.variable import as_variable

POLICIES = ('color', 'translation', 'cutout')


def _uniform(xp, low, high, n, dtype):
    return xp.asarray(numpy.random.uniform(low, high, (n, 1, 1, 1)), dtype=dtype)


def color(x):
    """Random brightness, then saturation, then contrast, per example (N, C, H, W)."""
    x = as_variable(x)
    xp, n, dtype = x.xp, len(x), x.dtype
    x = x + _uniform(xp, -0.5, 0.5, n, dtype)
    mean_c = F.broadcast_to(F.mean(x, axis=1, keepdims=True), x.shape)
    x = (x - mean_c) * _uniform(xp, 0.0, 2.0, n, dtype) + mean_c
    mean = F.broadcast_to(F.mean(x, axis=(1, 2, 3), keepdims=True), x.shape)
    return (x - mean) * _uniform(xp, 0.5, 1.5, n, dtype) + mean


def translation(x, ratio=0.125):
    """Shift each example by up to ``ratio`` of its size; vacated pixels become 0."""
    x = as_variable(x)
    xp = x.xp
    n, _, h, w = x.shape
    sh, sw = int(h * ratio + 0.5), int(w * ratio + 0.5)
    ty = numpy.random.randint(-sh, sh + 1, (n, 1, 1))
    tx = numpy.random.randint(-sw, sw + 1, (n, 1, 1))
    # NOTE: indices falling outside the image land on the one-pixel zero border
    gy = numpy.clip(numpy.arange(h)[None, :, None] + ty + 1, 0, h + 1)
    gx = numpy.clip(numpy.arange(w)[None, None, :] + tx + 1, 0, w + 1)
    padded = F.pad(x, ((0, 0), (0, 0), (1, 1), (1, 1)), mode='constant')
    index = (xp.asarray(numpy.arange(n)[:, None, None]), slice(None), xp.asarray(gy),
             xp.asarray(gx))
    return F.transpose(F.get_item(padded, index), (0, 3, 1, 2))  # (N, H, W, C) -> NCHW


def cutout(x, ratio=0.5):
    """Zero one random square of ``ratio`` times the size in each example."""
    x = as_variable(x)
    n, _, h, w = x.shape
    ch, cw = int(h * ratio + 0.5), int(w * ratio + 0.5)
    oy = numpy.random.randint(0, h + (1 - ch % 2), (n, 1, 1))  # square centres, as the paper
    ox = numpy.random.randint(0, w + (1 - cw % 2), (n, 1, 1))
    yy = numpy.arange(h)[None, :, None]
    xx = numpy.arange(w)[None, None, :]
    inside = (yy >= oy - ch // 2) & (yy < oy - ch // 2 + ch) & \
        (xx >= ox - cw // 2) & (xx < ox - cw // 2 + cw)
    mask = (~inside).astype(x.dtype)[:, None, :, :]
    return x * x.xp.asarray(mask)


_TRANSFORMS = {'color': color, 'translation': translation, 'cutout': cutout}


class DiffAugment:
    """Callable applying the transforms of ``policy`` in order: ``DiffAugment('color,cutout')``."""

    def __init__(self, policy='color,translation,cutout'):
        self.names = [p.strip() for p in policy.split(',') if p.strip()]
        for name in self.names:
            if name not in POLICIES:
                raise ValueError('unknown DiffAugment policy %r; choose from %s'
                                 % (name, ', '.join(POLICIES)))

    def __call__(self, x):
        x = as_variable(x)
        for name in self.names:
            x = _TRANSFORMS[name](x)
        return x
