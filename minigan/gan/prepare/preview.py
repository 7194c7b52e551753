"""``aug_preview.png``: what D sees, the training augmentations applied to a few images.

Like lightweight-gan's ``--aug-test``: one row per image, its first column the image as
prepared, then DRAWS draws of each augmentation that ``--augment`` can choose (DiffAugment
with its full policy, and ADA's pipeline at two probabilities p that ADA typically settles
at on 100 to 1,000 images).
"""
import os

import numpy

from minigan.gan import ada, sampling
from minigan.gan.augment import DiffAugment
from minigan.gan.data import to_float

DRAWS = 4
ADA_PROBABILITIES = (0.3, 0.6)
DESCRIPTION = 'the prepared image, %d draws of DiffAugment (color, translation, cutout), ' \
    'then %d draws of ADA at each of p = %s' % (
        DRAWS, DRAWS, ', '.join('%.1f' % p for p in ADA_PROBABILITIES))


def augment_grid(images, rows=8, seed=0):
    """uint8 grid: ``rows`` of the uint8 (N, H, W, 3) images, each followed by its draws."""
    state = numpy.random.get_state()
    numpy.random.seed(seed)  # NOTE: a fixed preview, and the caller's stream left untouched
    try:
        pick = numpy.random.permutation(len(images))[:rows]
        x = to_float(images[pick])
        columns = [x]
        diffaugment = DiffAugment('color,translation,cutout')
        columns += [diffaugment(x).array for _ in range(DRAWS)]
        for p in ADA_PROBABILITIES:
            columns += [ada.augment(x, p).array for _ in range(DRAWS)]
    finally:
        numpy.random.set_state(state)
    tiles = numpy.stack(columns, axis=1).reshape((-1,) + x.shape[1:])
    return sampling.make_grid(sampling.to_uint8(tiles), cols=len(columns), pad_value=255)


def write_preview(dst, images, rows=8, seed=0):
    """Write ``dst/aug_preview.png`` from the uint8 (N, H, W, 3) images; returns its path."""
    path = os.path.join(dst, 'aug_preview.png')
    grid = augment_grid(images, rows, seed)
    sampling.save_grid(path, grid[None], padding=0)
    return path
