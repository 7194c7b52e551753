"""Where the picture is: letterbox bars, and the object on a transparent or plain background.

Two different things surround the content of a hobbyist's picture, and they need opposite
treatment:

* **letterbox bars**: opaque uniform strips (usually black or white) added when a picture was
  padded to another aspect ratio. Left in, they teach the generator to paint bars in some
  samples and not in others, the "block noise" of small-data GANs. They are trimmed.
* **background**: transparency, or the plain colour an object is drawn on. The object is
  cropped to its bounding box plus a margin, and the background colour fills any padding.

A strip along one side is a *bar* when every line of it is uniform (99% of its pixels within
``tol`` of the outermost line's colour) and a line just inside it (after at most two lines of
blur) is 97% *not* that colour: the bar ends at a straight edge. A plain background gives way
to the object gradually, along the object's outline, which is how the two are told apart.

Images are uint8 (H, W, 4) RGBA arrays throughout.
"""
import numpy

OPAQUE = 250           # NOTE: alpha at or above this counts as opaque (anti-aliasing slack)
VISIBLE = 16           # NOTE: alpha above this is part of the object
BAR_TOLERANCE = 12     # largest colour difference (0-255) inside one uniform line
MIN_BAR = 0.02         # thinner strips (fraction of the side) are not reported as bars
MAX_BAR = 0.45         # a bar never covers more than this fraction of the side
TRANSITION = 2         # lines of blur allowed between a bar and the picture
BACKGROUND_TOLERANCE = 24  # NOTE: JPEG ringing beside a drawing's edge reaches about 20


def _lines(rgba, side):
    """The image seen from ``side``: lines[i] is the i-th row or column inward, (L, n, 4)."""
    if side == 'top':
        return rgba
    if side == 'bottom':
        return rgba[::-1]
    if side == 'left':
        return rgba.transpose(1, 0, 2)
    return rgba.transpose(1, 0, 2)[::-1]


def _near(line, colour, tol):
    """Boolean (n,): pixels of ``line`` within ``tol`` of ``colour`` in every channel."""
    return (numpy.abs(line.astype(numpy.int16) - colour).max(axis=-1) <= tol)


def bar_width(rgba, side, tol=BAR_TOLERANCE):
    """Thickness in pixels of the letterbox bar along ``side`` (0 when there is none).

    ``side`` is 'top', 'bottom', 'left' or 'right'. The bar's colour is the median of the
    outermost line; transparent lines are never bars (object cropping handles them).
    """
    lines = _lines(rgba, side)
    outer = lines[0]
    if outer[:, 3].min() < OPAQUE:
        return 0
    colour = numpy.median(outer, axis=0).astype(numpy.int16)
    limit = int(len(lines) * MAX_BAR)
    width = 0
    while width < limit and _near(lines[width], colour, tol).mean() >= 0.99:
        width += 1
    if width < max(2, round(MIN_BAR * len(lines))) or width >= limit:
        return 0
    # NOTE: a bar ends at a straight edge: within TRANSITION lines (blur, JPEG ringing) a line
    # is 97% another colour. Background around an object gives way gradually, at its outline.
    for extra in range(TRANSITION + 1):
        if width + extra < len(lines) and _near(lines[width + extra], colour, tol).mean() < 0.03:
            return width + extra
    return 0


def find_bars(rgba, tol=BAR_TOLERANCE):
    """{side: width} of the letterbox bars of an RGBA image (sides without a bar left out).

    Bars come in opposite pairs (top and bottom, left and right) of similar width and
    colour: padding centres the picture. A strip on one side only (the sea under a boat, a
    floor) is part of the picture and stays.
    """
    found = {}
    for a, b in (('top', 'bottom'), ('left', 'right')):
        wa, wb = bar_width(rgba, a, tol), bar_width(rgba, b, tol)
        colour_a = _lines(rgba, a)[0, :, :3].astype(numpy.int16)
        colour_b = _lines(rgba, b)[0, :, :3].astype(numpy.int16)
        same = numpy.abs(numpy.median(colour_a, 0) - numpy.median(colour_b, 0)).max() <= tol
        if wa and wb and same and abs(wa - wb) <= max(2, 0.5 * max(wa, wb)):
            found[a], found[b] = wa, wb
    return found


def trim_box(shape, bars):
    """(left, top, right, bottom) that remains of an (H, W, ...) image once ``bars`` are cut."""
    h, w = shape[:2]
    return (bars.get('left', 0), bars.get('top', 0), w - bars.get('right', 0),
            h - bars.get('bottom', 0))


def background_of(rgba, tol=BACKGROUND_TOLERANCE, share=0.5):
    """How the object is set off: ('alpha', None), ('plain', (r, g, b)) or (None, None).

    'alpha' when some pixel is not opaque; 'plain' when at least ``share`` of the outermost
    ring of pixels and three of the four corners are within ``tol`` of the ring's median
    colour (returned), as for a drawing on white that touches two sides; None for a picture
    whose content reaches the border (a photo), which is not cropped.
    """
    if rgba[..., 3].min() < OPAQUE:
        return 'alpha', None
    ring = numpy.concatenate([rgba[0], rgba[-1], rgba[:, 0], rgba[:, -1]])[:, :3]
    colour = numpy.median(ring, axis=0).astype(numpy.int16)
    corners = rgba[[0, 0, -1, -1], [0, -1, 0, -1], :3]
    if _near(ring, colour, tol).mean() >= share and _near(corners, colour, tol).sum() >= 3:
        return 'plain', tuple(int(c) for c in colour)
    return None, None


def object_box(rgba, margin=0.08, tol=BACKGROUND_TOLERANCE + 8):
    """The object's bounding box plus ``margin`` x its longer side, as (left, top, right, bottom).

    The object is the pixels with alpha above ``VISIBLE``, or (on a plain background) the
    pixels differing from the background colour by more than ``tol``. The box may reach past
    the image (the caller pads with the background). Returns None when there is no
    background to crop away or the image holds no object at all.
    """
    kind, colour = background_of(rgba)
    if kind == 'alpha':
        mask = rgba[..., 3] > VISIBLE
    elif kind == 'plain':
        mask = ~_near(rgba[..., :3], numpy.asarray(colour, numpy.int16), tol)
    else:
        return None
    rows, cols = numpy.flatnonzero(mask.any(axis=1)), numpy.flatnonzero(mask.any(axis=0))
    if len(rows) == 0:
        return None
    top, bottom, left, right = rows[0], rows[-1] + 1, cols[0], cols[-1] + 1
    pad = int(round(margin * max(bottom - top, right - left)))
    return (int(left - pad), int(top - pad), int(right + pad), int(bottom + pad))


def square_box(box, fit):
    """A square version of ``box`` for ``fit`` 'crop' (inside it) or 'pad' (around it)."""
    left, top, right, bottom = box
    w, h = right - left, bottom - top
    side = min(w, h) if fit == 'crop' else max(w, h)
    x0, y0 = left + (w - side) // 2, top + (h - side) // 2
    return (x0, y0, x0 + side, y0 + side)


def cut(rgba, box, fill):
    """The pixels of ``box`` (may reach past the image), outside filled with RGBA ``fill``."""
    left, top, right, bottom = box
    h, w = rgba.shape[:2]
    out = numpy.empty((bottom - top, right - left, 4), numpy.uint8)
    out[...] = fill
    y0, x0, y1, x1 = max(top, 0), max(left, 0), min(bottom, h), min(right, w)
    if y1 > y0 and x1 > x0:
        out[y0 - top:y1 - top, x0 - left:x1 - left] = rgba[y0:y1, x0:x1]
    return out
