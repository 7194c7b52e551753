"""Exact and near-duplicate pictures, found with a perceptual hash and a Hamming threshold.

A GAN trained on 100 pictures of which five are the same drawing sees that drawing five times
as often, and its generator falls back on it: duplicates become the "holes" it exploits.

The hash is a difference hash (dHash, Krawetz 2013) made robust for flat drawings:

* only the content counts: the bounding box of what differs from the corners' colour, so a
  margin, a wider canvas or leftover bars do not change the hash;
* the content is box-filtered to 9 x 9 pixels in YCbCr (brightness and two colour channels,
  so a red and a blue flag of the same shape differ);
* for each of the 8 x 8 horizontal and vertical neighbour differences d of each channel, two
  bits say ``d > t`` and ``d < -t``. The dead zone ``t`` (8 levels of 255) keeps the bits of
  flat areas at 0, where plain dHash's ``d > 0`` flips with every resave;
* gradients are blind to flat colour (a red and a blue square have the same edges), so the
  mean of each channel in each quarter of the picture adds a thermometer code: 32 bits, bit
  k set when the mean exceeds (k + 1) * 256 / 33; a colour step of 8 levels flips one bit;
* that is 8 * 8 * 2 directions * 2 signs * 3 channels + 2 * 2 * 3 * 32 = 1152 bits; two
  pictures are near duplicates when their hashes differ in at most ``threshold`` bits.

Exact duplicates are pictures whose decoded pixels are identical (the same drawing saved as
PNG and as lossless WebP counts as exact); their hashes are equal, so they always group.
"""
import hashlib

import numpy
from PIL import Image

GRID = 8
DEAD_ZONE = 8
LEVELS = 32
BITS = GRID * GRID * 2 * 2 * 3 + 2 * 2 * 3 * LEVELS
CONTENT_TOLERANCE = 40  # NOTE: above JPEG's ringing on a plain background
#: From benchmarks/dedupe_threshold.py on twemoji-faces-64: a 3/4 resize or a JPEG q85 resave
#: of a face moves a median 9-10 bits (95th percentile 34-35); 14 of the 6903 pairs of
#: different faces lie within 32 bits (the neutral, expressionless, confused, frowning and
#: no-mouth faces, nearly the same drawing at 64x64); none of the 8515 food pairs do.
THRESHOLD = 32


def content(rgb, tol=CONTENT_TOLERANCE):
    """The bounding box of what differs from the corners' colour by more than ``tol``.

    A framing that does not depend on margins, canvases or letterbox bars; uint8 (h, w, 3).
    The whole image when nothing (or a single line) differs.
    """
    corners = numpy.concatenate([rgb[:2, :2], rgb[:2, -2:], rgb[-2:, :2], rgb[-2:, -2:]])
    colour = numpy.median(corners.reshape(-1, 3), axis=0)
    mask = (numpy.abs(rgb - colour) > tol).any(axis=-1)
    rows, cols = numpy.flatnonzero(mask.any(axis=1)), numpy.flatnonzero(mask.any(axis=0))
    if len(rows) < 2 or len(cols) < 2:
        return rgb
    return rgb[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1]


def perceptual_hash(rgb):
    """1152-bit hash of a uint8 (H, W, 3) image, as a boolean array (1152,)."""
    small = Image.fromarray(content(rgb)).convert('YCbCr')
    x = numpy.asarray(small.resize((GRID + 1, GRID + 1), Image.BOX), numpy.float32)
    gx = x[:-1, 1:] - x[:-1, :-1]                     # (8, 8, 3) horizontal differences
    gy = x[1:, :-1] - x[:-1, :-1]                     # (8, 8, 3) vertical differences
    quarters = numpy.asarray(small.resize((2, 2), Image.BOX), numpy.float32)  # (2, 2, 3)
    levels = numpy.arange(1, LEVELS + 1) * (256 / (LEVELS + 1))
    return numpy.concatenate([(g > DEAD_ZONE).ravel() for g in (gx, gy)]
                             + [(g < -DEAD_ZONE).ravel() for g in (gx, gy)]
                             + [(quarters[..., None] > levels).ravel()])


def pixel_digest(rgba):
    """A digest of the decoded pixels and their shape: equal digests mean exact duplicates."""
    return hashlib.sha1(repr(rgba.shape).encode() + rgba.tobytes()).hexdigest()


def hamming(hashes):
    """(N, N) matrix of bit differences between the rows of a boolean (N, BITS) array."""
    h = numpy.asarray(hashes, numpy.float32)
    same_ones = h @ h.T
    ones = h.sum(axis=1)
    return (ones[:, None] + ones[None, :] - 2 * same_ones).round().astype(numpy.int64)


def group_duplicates(hashes, digests, threshold=THRESHOLD):
    """Groups of indices of exact or near duplicates, as a list of (indices, kind).

    Star grouping, so that no chain of small steps joins two very different pictures: the
    first picture not yet grouped takes every ungrouped picture within ``threshold`` bits of
    it. ``kind`` is 'exact' when all members have the same pixels, else 'near'.
    ``hashes``: boolean (N, BITS); ``digests``: N pixel digests (see :func:`pixel_digest`).
    """
    n = len(digests)
    if n == 0:
        return []
    close = hamming(hashes) <= threshold
    free = numpy.ones(n, bool)
    groups = []
    for i in range(n):
        if not free[i]:
            continue
        members = numpy.flatnonzero(close[i] & free)
        free[members] = False
        if len(members) > 1:
            kind = 'exact' if len({digests[j] for j in members}) == 1 else 'near'
            groups.append(([int(j) for j in members], kind))
    return groups


def choose_kept(indices, pixel_counts, names):
    """The member to keep: the most source pixels (the best copy), then the first name."""
    return min(indices, key=lambda i: (-pixel_counts[i], names[i]))
