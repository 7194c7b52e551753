"""nearest.png: each sample beside its nearest training images, the likeliest copies first.

The scores say *how many* samples look memorized; this sheet lets a person judge *which*, the
way blog posts prove that a GAN's faces are new: put each one next to the closest pictures it
was trained on. A row is [sample | 1st | 2nd | 3rd nearest training image], labelled with the
sample's memorization ratio (r: its distance to the training image over that image's distance
to its own nearest neighbour; see ``memorization``) and each neighbour's feature distance.
Rows go from the smallest ratio down; a red frame marks r < RATIO, which counts as memorized.
"""
import math

import numpy
from PIL import Image, ImageDraw, ImageFont

from minigan.gan.metrics.memorization import RATIO

LABEL = 12  # NOTE: pixels of text under each picture
GAP = 4
MIN_CELL = 64  # NOTE: small images are enlarged (pixel repetition) to at least this
HEADER = 16
RED, GREY, WHITE, BLACK = (220, 30, 30), (200, 200, 200), (255, 255, 255), (0, 0, 0)


def nearest_sheet(samples, training, index, distance, suspicion, rows=None, max_rows=125):
    """A uint8 (H, W, 3) sheet, most suspicious sample first.

    samples: uint8 (M, h, w, 3); training: uint8 (N, h, w, 3); index, distance: (M, k) from
    ``Reference.nearest``; suspicion: (M,). ``rows``: show only the first ``rows`` samples in
    that order (default all). Above ``max_rows`` rows the sheet continues in another group of
    columns to the right, so 500 samples make four groups of 125 rows.
    """
    order = numpy.argsort(suspicion, kind='stable')[:rows]
    n, h, w, _ = samples.shape
    scale = max(1, -(-MIN_CELL // max(h, w)))
    cell_w, cell_h = w * scale, h * scale + LABEL
    k = index.shape[1]
    groups = max(1, math.ceil(len(order) / max_rows))
    per_group = math.ceil(len(order) / groups)
    group_w = (k + 1) * (cell_w + GAP) + 3 * GAP
    sheet = Image.new('RGB', (groups * group_w, HEADER + per_group * (cell_h + GAP)), WHITE)
    draw = ImageDraw.Draw(sheet)
    font = ImageFont.load_default()
    draw.text((GAP, 2), 'sample | its %d nearest training images; red: memorized (r < %.2g)'
              % (k, RATIO), BLACK, font)
    for position, i in enumerate(order):
        left = (position // per_group) * group_w
        top = HEADER + (position % per_group) * (cell_h + GAP)
        flagged = suspicion[i] < RATIO
        _cell(sheet, draw, font, samples[i], scale, left + GAP, top,
              'r=%.2f' % suspicion[i], RED if flagged else None)
        for j in range(k):
            x = left + GAP + (j + 1) * (cell_w + GAP) + 2 * GAP
            _cell(sheet, draw, font, training[index[i, j]], scale, x, top,
                  'd=%.1f' % distance[i, j], None)
    return numpy.asarray(sheet)


def _cell(sheet, draw, font, image, scale, x, y, label, frame):
    picture = Image.fromarray(numpy.asarray(image, dtype=numpy.uint8))
    if scale > 1:
        picture = picture.resize((picture.width * scale, picture.height * scale), Image.NEAREST)
    sheet.paste(picture, (x, y))
    if frame:
        draw.rectangle([x - 2, y - 2, x + picture.width + 1, y + picture.height + 1],
                       outline=frame, width=2)
    draw.text((x, y + picture.height), label, frame or BLACK, font)
