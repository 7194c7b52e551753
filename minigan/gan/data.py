"""Image datasets for GAN training: a folder of pictures decoded once into one uint8 array.

A GAN sees every training image hundreds of times, so :class:`ImageFolder` decodes each file
once, composites transparency onto a background colour, fits it to ``size x size`` and keeps the
result as a ``(N, size, size, 3)`` uint8 array (64x64x3 bytes = 12 KiB an image). Each example
is converted on demand to the float32 ``(3, size, size)`` array in ``[-1, 1]`` that a generator
with a ``tanh`` output produces: ``x = u / 127.5 - 1``.
"""
import json
import os
import sys
import warnings

import numpy
from PIL import Image, ImageOps

from minigan.utils.atomic_file import atomic_path

_NAMED_COLORS = {'white': (255, 255, 255), 'black': (0, 0, 0)}
_FITS = ('crop', 'pad', 'stretch')
_HINT = 'put PNG/JPEG/GIF/WebP/BMP files there or pass --data DIR'
_CACHE_VERSION = 1


class DatasetError(ValueError):
    """The dataset cannot be used as asked; the message says what was found and what to do."""


def parse_color(spec):
    """Turn ``'white'``, ``'black'``, ``'#rrggbb'`` or an (r, g, b) triple into a tuple of ints."""
    if isinstance(spec, (tuple, list)) and len(spec) == 3:
        return tuple(int(c) for c in spec)
    text = str(spec).strip().lower()
    if text in _NAMED_COLORS:
        return _NAMED_COLORS[text]
    if len(text) == 7 and text[0] == '#':
        try:
            return tuple(int(text[i:i + 2], 16) for i in (1, 3, 5))
        except ValueError:
            pass
    raise ValueError("background colour %r is not 'white', 'black' or '#rrggbb'" % (spec,))


def to_float(images, flip=None):
    """Map uint8 ``(N, H, W, 3)`` images to float32 ``(N, 3, H, W)`` in [-1, 1]: u / 127.5 - 1.

    ``flip`` is an optional boolean mask of shape (N,); flagged images are mirrored left-right.
    """
    x = images.transpose(0, 3, 1, 2).astype(numpy.float32) / numpy.float32(127.5) - 1
    if flip is not None and flip.any():
        x[flip] = x[flip][..., ::-1]
    return x


def resized(images, size, dtype=numpy.uint8):
    """Box-filter ``(N, H, W, C)`` images down to ``(N, size, size, C)`` of ``dtype``.

    When ``H / size`` is an integer f (PGGAN's halvings are powers of 2) each output pixel is the
    exact mean of an f x f block: ``y[i, j] = mean(x[f*i:f*i+f, f*j:f*j+f])``. Any other ratio
    goes through Pillow's BOX filter, one uint8 image at a time.
    """
    n, h, w, c = images.shape
    if h % size == 0 and w % size == 0:
        y = images.reshape(n, size, h // size, size, w // size, c).mean(axis=(2, 4))
    elif images.dtype == numpy.uint8:
        y = numpy.zeros((n, size, size, c), numpy.uint8)
        for i in range(n):
            image = Image.fromarray(images[i, :, :, 0] if c == 1 else images[i])
            y[i] = numpy.asarray(image.resize((size, size), Image.BOX)).reshape(size, size, c)
    else:
        raise ValueError('resizing by a non-integer factor needs uint8 images')
    if numpy.dtype(dtype) == numpy.uint8:
        return numpy.clip(numpy.rint(y), 0, 255).astype(numpy.uint8)
    return y.astype(dtype)


class ArrayImageDataset:
    """A dataset over uint8 ``(N, H, W, 3)`` images yielding float32 ``(3, H, W)`` in [-1, 1].

    ``flip=True`` mirrors each example left-right with probability 1/2 (``numpy.random``), the
    one augmentation that never changes what a face or an object looks like. PGGAN swaps in a
    new ``ArrayImageDataset(resized(folder.images, 8))`` each time its resolution grows.
    """

    def __init__(self, images, flip=False):
        images = numpy.asarray(images)
        if images.dtype != numpy.uint8 or images.ndim != 4 or images.shape[-1] != 3:
            raise ValueError('images must be uint8 (N, H, W, 3), got %s %s'
                             % (images.dtype, images.shape))
        self.images = images
        self.flip = flip

    def __len__(self):
        return len(self.images)

    def __getitem__(self, index):
        """One example for an int; a list of examples for a slice or a list, as Chainer does."""
        if isinstance(index, slice):
            return list(self.get_batch(range(*index.indices(len(self)))))
        if isinstance(index, (list, tuple, numpy.ndarray)):
            return list(self.get_batch(index))
        return self.get_example(index)

    def get_example(self, i):
        """Return image ``i`` as float32 (3, H, W) in [-1, 1], maybe flipped."""
        return self.get_batch([i])[0]

    def get_batch(self, indices):
        """Return the images at ``indices`` as one float32 (B, 3, H, W) array in [-1, 1]."""
        indices = numpy.asarray(indices, dtype=numpy.intp)
        flip = numpy.random.random(len(indices)) < 0.5 if self.flip else None
        return to_float(self.images[indices], flip)


def check_enough(dataset, batch_size):
    """Raise :class:`DatasetError` when ``dataset`` holds fewer images than one batch."""
    if len(dataset) < batch_size:
        where = "in '%s'" % dataset.root if hasattr(dataset, 'root') else 'in the dataset'
        raise DatasetError('found %d images %s but --batch-size is %d: add images or lower '
                           '--batch-size' % (len(dataset), where, batch_size))


class ImageFolder(ArrayImageDataset):
    """Every readable image under ``root`` (recursively), as float32 (3, size, size) in [-1, 1].

    Files are recognised by opening them with Pillow, not by extension: PNG, JPEG, GIF (first
    frame), WebP, BMP in any mode (RGBA, LA, P with transparency, L, 16-bit, CMYK, RGB).
    Transparent pixels become ``background`` (``'white'``, ``'black'`` or ``'#rrggbb'``):
    ``rgb = a * rgb + (1 - a) * background``. ``fit`` makes the picture square:

    * ``'crop'``: cut the centred square, then resize (LANCZOS, antialiased when shrinking);
    * ``'pad'``: resize the long side to ``size`` and letterbox with the background colour;
    * ``'stretch'``: resize to ``size x size`` ignoring the aspect ratio.

    Unreadable files and folders are skipped and listed in ``self.skipped`` (folders end in
    ``/``); symlinked folders are followed, each real folder once. Pillow's warnings (a huge
    image, corrupt EXIF data) are passed on with the file's name. ``self.paths`` lists the
    images in order. ``cache='x.npz'`` stores the decoded array and reuses it while the files
    (names, sizes, mtimes) and the settings are unchanged. ``log`` receives one-line notices
    (default: print to stderr).
    """

    def __init__(self, root, size, background='white', fit='crop', flip=False, cache=None,
                 log=None):
        if fit not in _FITS:
            raise ValueError('fit must be one of %s, got %r' % (', '.join(_FITS), fit))
        if int(size) != size or size < 1:
            raise ValueError('size must be a positive integer, got %r' % (size,))
        if fit == 'pad':
            warnings.warn("fit='pad' letterboxes non-square images; the bars tend to leak into "
                          "samples as block noise, prefer fit='crop'", stacklevel=2)
        self.root = root
        self.size = int(size)
        self.background = parse_color(background)
        self.fit = fit
        self.log = log = log or (lambda message: print(message, file=sys.stderr))
        files, unreadable = _list_files(root, exclude=cache)
        for name, reason in unreadable:
            log('skipped %s: %s' % (os.path.join(root, name), reason))
        settings = {'version': _CACHE_VERSION, 'root': os.path.abspath(root),
                    'size': self.size, 'fit': fit,
                    'background': list(self.background), 'files': files}
        loaded = _read_cache(cache, settings) if cache else None
        self.from_cache = loaded is not None
        if loaded is None:
            loaded = self._decode_all(files)
        images, names, skipped = loaded
        self.paths = [os.path.join(root, name) for name in names]
        self.skipped = [os.path.join(root, name) for name in skipped + [
            name for name, _ in unreadable]]
        if skipped:
            shown = ', '.join(skipped[:5]) + (', ...' if len(skipped) > 5 else '')
            log('skipped %d files that are not readable images: %s' % (len(skipped), shown))
        if not names:
            raise DatasetError("no readable images under '%s' (%d files, none readable): %s"
                               % (root, len(files), _HINT))
        if cache and not self.from_cache:
            _write_cache(cache, settings, images, names, skipped)
        super().__init__(images, flip)

    def _decode_all(self, files):
        images, names, skipped = [], [], []
        for name, _, _ in files:
            image = self.load(os.path.join(self.root, name))
            if image is None:
                skipped.append(name)
            else:
                images.append(image)
                names.append(name)
        shape = (len(images), self.size, self.size, 3)
        return numpy.stack(images) if images else numpy.zeros(shape, numpy.uint8), names, skipped

    def load(self, path):
        """Decode one file to a uint8 (size, size, 3) array, or return None if it is no image."""
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter('always')
            try:
                with Image.open(path) as image:
                    image.seek(0)
                    image.load()
                    # NOTE: phone photos store "rotate me" in EXIF rather than in the pixels.
                    rgb = _composite(ImageOps.exif_transpose(image), self.background)
            except (OSError, SyntaxError, ValueError, EOFError, Image.DecompressionBombError):
                return None
        for message in dict.fromkeys(str(w.message).strip() for w in caught):
            self.log('%s: %s' % (path, message))
        return numpy.asarray(_fit(rgb, self.size, self.fit, self.background))


def _list_files(root, exclude=None):
    """Return sorted ``[relative path, bytes, mtime_ns]`` of the non-hidden files under root,
    and ``(relative path, reason)`` of the folders and links that cannot be read.

    Symlinked folders are followed, each real folder once (a link back up is no loop).
    ``exclude`` (the cache file, which may live inside root) is left out of the listing.
    """
    exclude = os.path.abspath(exclude) if exclude else None
    if not os.path.isdir(root):
        what = 'is not a folder' if os.path.exists(root) else 'does not exist'
        raise DatasetError("dataset folder '%s' %s: %s" % (root, what, _HINT))
    report_files = _report_files(root)
    files, unreadable, seen = [], [], {os.path.realpath(root)}

    def cannot_list(error):
        unreadable.append((os.path.relpath(error.filename, root) + '/', error.strerror))
    for folder, dirs, names in os.walk(root, onerror=cannot_list, followlinks=True):
        kept = []
        for d in sorted(dirs, key=lambda d: (os.path.islink(os.path.join(folder, d)), d)):
            real = os.path.realpath(os.path.join(folder, d))
            if not d.startswith('.') and real not in seen:
                seen.add(real)
                kept.append(d)
        dirs[:] = sorted(kept)
        for name in sorted(names):
            path = os.path.join(folder, name)
            if name.startswith('.') or os.path.abspath(path) == exclude or \
                    (folder == root and name in report_files):
                continue
            if os.path.isfile(path):
                stat = os.stat(path)
                files.append([os.path.relpath(path, root), stat.st_size, stat.st_mtime_ns])
            elif not os.path.exists(path):
                unreadable.append((os.path.relpath(path, root), 'a link to nothing'))
    if not files:
        detail = '; '.join('%s: %s' % item for item in unreadable) or 'empty folder'
        raise DatasetError("no files under '%s' (%s): %s" % (root, detail, _HINT))
    return files, unreadable


def _report_files(root):
    """Names of the report files examples/prepare_data.py wrote beside the images in ``root``
    (listed in its ``prepared.json``), which are not training images."""
    try:
        with open(os.path.join(root, 'prepared.json')) as f:
            names = json.load(f).get('report_files', [])
    except (OSError, ValueError, AttributeError):
        return set()
    return {n for n in names if isinstance(n, str)}


def _composite(image, background):
    """Return an RGB Pillow image: 16-bit scaled to 8-bit, transparency over ``background``."""
    if image.mode in ('I', 'I;16', 'I;16L', 'I;16B', 'I;16N', 'F'):
        # NOTE: Pillow's convert('L') clips 16-bit values at 255 in some versions; scale instead.
        # A float image (mode F) holds 0..1 (scientific TIFFs) or, if any value exceeds 1, 0..255
        x = numpy.nan_to_num(numpy.asarray(image).astype(numpy.float64))
        if image.mode == 'F':
            x = x * (255 if x.max(initial=0) <= 1 else 1)
        else:
            x = x * (255 / 65535)
        x = numpy.clip(numpy.rint(x), 0, 255).astype(numpy.uint8)
        return Image.fromarray(x).convert('RGB')
    if 'A' not in image.getbands() and 'transparency' not in image.info:
        return image.convert('RGB')
    x = numpy.asarray(image.convert('RGBA')).astype(numpy.float32)
    alpha = x[..., 3:] / 255
    rgb = alpha * x[..., :3] + (1 - alpha) * numpy.asarray(background, numpy.float32)
    return Image.fromarray(numpy.rint(rgb).astype(numpy.uint8))


def _fit(image, size, fit, background):
    """Make an RGB image ``size x size`` by cropping, letterboxing or stretching."""
    w, h = image.size
    if fit == 'crop':
        side = min(w, h)
        left, top = (w - side) // 2, (h - side) // 2
        image = image.crop((left, top, left + side, top + side))
    elif fit == 'pad':
        scale = size / max(w, h)
        inner = (max(1, round(w * scale)), max(1, round(h * scale)))
        canvas = Image.new('RGB', (size, size), background)
        canvas.paste(_resize(image, inner), ((size - inner[0]) // 2, (size - inner[1]) // 2))
        return canvas
    return _resize(image, (size, size))


def _resize(image, wh):
    return image if image.size == wh else image.resize(wh, Image.LANCZOS)


def _read_cache(path, settings):
    """Return (images, names, skipped) from the npz cache if it matches ``settings``, else None."""
    try:
        with numpy.load(path, allow_pickle=False) as npz:
            meta = json.loads(str(npz['meta']))
            if meta['settings'] != settings:
                return None
            images = npz['images']
    except (OSError, ValueError, KeyError, EOFError):
        return None
    return images, meta['names'], meta['skipped']


def _write_cache(path, settings, images, names, skipped):
    """Write the npz cache atomically: a temporary file in the same folder, then os.replace."""
    meta = json.dumps({'settings': settings, 'names': names, 'skipped': skipped})
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with atomic_path(path) as tmp:
        with open(tmp, 'wb') as f:
            numpy.savez(f, images=images, meta=numpy.array(meta))
