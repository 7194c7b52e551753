"""Reading any picture as RGBA, describing it, and turning it into one square training image."""
import collections

import numpy
from PIL import Image, ImageOps

from minigan.gan.prepare import borders

FITS = ('auto', 'crop', 'pad', 'stretch')
ERRORS = (OSError, SyntaxError, ValueError, EOFError, Image.DecompressionBombError)
_RATIOS = {'1:1': 1.0, '4:3': 4 / 3, '3:4': 3 / 4, '3:2': 1.5, '2:3': 2 / 3, '16:9': 16 / 9,
           '9:16': 9 / 16, '2:1': 2.0, '1:2': 0.5}

Options = collections.namedtuple('Options', 'size fit background margin trim crop')
Options.__doc__ = """How pictures become training images.

size: side of the square output; fit: 'auto' (pad objects with their background, crop
pictures without one), 'crop', 'pad' or 'stretch'; background: (r, g, b) behind transparency
and in padding where no plain background was found; margin: fraction of the object's longer
side kept around it; trim: cut letterbox bars; crop: crop to the object.
"""


def load_rgba(path):
    """(uint8 (H, W, 4) array, {'format', 'mode', 'size'}) of the first frame of ``path``.

    Raises one of ``ERRORS`` for a file that is not a readable image. EXIF orientation is
    applied; 16-bit greys are scaled to 8 bits (not clipped); palettes and transparency keys
    become an alpha channel.
    """
    with Image.open(path) as image:
        info = {'format': image.format or '?', 'mode': image.mode, 'size': image.size}
        image.seek(0)
        image.load()
        image = ImageOps.exif_transpose(image)
        if image.mode in ('I', 'I;16', 'I;16L', 'I;16B', 'I;16N'):
            x = numpy.asarray(image).astype(numpy.float64) * (255 / 65535)
            image = Image.fromarray(numpy.clip(numpy.rint(x), 0, 255).astype(numpy.uint8))
        elif image.mode == 'CMYK':
            image = image.convert('RGB')
        return numpy.asarray(image.convert('RGBA')), info


def aspect_name(width, height):
    """'1:1', '4:3', '16:9', ... when within 2% of a common ratio, else 'W:H ~ 1.23'."""
    ratio = width / height
    for name, value in _RATIOS.items():
        if abs(ratio / value - 1) < 0.02:
            return name
    return 'W:H ~ %.2f' % ratio


def composite(rgba, background):
    """RGB uint8 (H, W, 3): ``a * rgb + (1 - a) * background`` with a = alpha / 255."""
    alpha = rgba[..., 3:].astype(numpy.float32) / 255
    rgb = alpha * rgba[..., :3] + (1 - alpha) * numpy.asarray(background, numpy.float32)
    return numpy.rint(rgb).astype(numpy.uint8)


def resize(rgb, size):
    """Resize a uint8 (H, W, 3) image to (size, size, 3) with Lanczos (antialiased)."""
    image = Image.fromarray(rgb)
    if image.size != (size, size):
        image = image.resize((size, size), Image.LANCZOS)
    return numpy.asarray(image)


def prepare(rgba, options):
    """Turn one RGBA picture into a (size, size, 3) training image; returns (image, steps).

    Steps: trim letterbox bars; crop to the object (alpha or plain background) plus a margin;
    square the result by ``options.fit``, filling with the background; composite the
    transparency onto ``options.background``; resize. ``steps`` records what was done:
    'bars' {side: px}, 'background' ('alpha', 'plain' or None), 'object_box' (or None),
    'fit' (the one used) and 'fill' (the padding colour).
    """
    bars = borders.find_bars(rgba) if options.trim else {}
    left, top, right, bottom = borders.trim_box(rgba.shape, bars)
    work = rgba[top:bottom, left:right]
    kind, colour = borders.background_of(work)
    box = borders.object_box(work, options.margin) if options.crop else None
    region = box or (0, 0, work.shape[1], work.shape[0])
    fit = options.fit if options.fit != 'auto' else ('pad' if kind else 'crop')
    if fit != 'stretch':
        region = borders.square_box(region, fit)
    fill = (0, 0, 0, 0) if kind == 'alpha' else tuple(colour or options.background) + (255,)
    piece = borders.cut(work, region, fill)
    image = resize(composite(piece, options.background), options.size)
    steps = {'bars': bars, 'background': kind, 'object_box': box, 'fit': fit,
             'fill': list(fill)}
    return image, steps
