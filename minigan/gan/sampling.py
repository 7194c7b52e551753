"""Looking at a generator: image grids, PNG and GIF files, and walks through latent space.

Generators end in ``tanh``, so their samples are float (N, C, H, W) arrays in [-1, 1];
:func:`to_uint8` maps them to the (N, H, W, 3) uint8 pictures every other helper here takes.
Files are written atomically (a temporary file in the same folder, then ``os.replace``), so a
training run interrupted mid-write never leaves a half-written preview behind.
"""
import importlib.util
import math
import os

import numpy
from PIL import Image

from minigan import backend
from minigan.utils.atomic_file import atomic_path

_FAST_OCTREE = getattr(Image, 'Quantize', Image).FASTOCTREE  # NOTE: Pillow < 9.1 has no enum


def to_uint8(images):
    """Map float (N, 3, H, W) or (N, 1, H, W) images in [-1, 1] to uint8 (N, H, W, 3).

    ``u = clip(round((x + 1) * 127.5), 0, 255)``; grey images are repeated over 3 channels.
    Accepts NumPy or CuPy arrays and Variables.
    """
    x = numpy.asarray(backend.to_cpu(getattr(images, 'array', images)), dtype=numpy.float64)
    if x.ndim != 4 or x.shape[1] not in (1, 3):
        raise ValueError('expected (N, 3, H, W) or (N, 1, H, W) images, got shape %s'
                         % (x.shape,))
    u = numpy.clip(numpy.rint((x + 1) * 127.5), 0, 255).astype(numpy.uint8)
    if u.shape[1] == 1:
        u = numpy.repeat(u, 3, axis=1)
    return u.transpose(0, 2, 3, 1)


def make_grid(images, rows=None, cols=None, padding=2, pad_value=0):
    """Tile uint8 (N, H, W, C) images row by row into one (rows*(H+p)+p, cols*(W+p)+p, C) image.

    Image i sits at row ``i // cols``, column ``i % cols``, its top-left corner at
    ``(p + r * (H + p), p + c * (W + p))``. With neither ``rows`` nor ``cols`` given the grid
    is as square as possible (``cols = ceil(sqrt(N))``). Empty cells and the ``padding``-pixel
    gaps take ``pad_value`` (an int or one value per channel).
    """
    images = numpy.asarray(images)
    if images.ndim != 4:
        raise ValueError('expected (N, H, W, C) images, got shape %s' % (images.shape,))
    n, h, w, c = images.shape
    if cols is None:
        cols = math.ceil(n / rows) if rows else max(1, math.ceil(math.sqrt(n)))
    if rows is None:
        rows = max(1, math.ceil(n / cols))
    if rows * cols < n:
        raise ValueError('a %d x %d grid cannot hold %d images' % (rows, cols, n))
    p = padding
    grid = numpy.empty((rows * (h + p) + p, cols * (w + p) + p, c), images.dtype)
    grid[...] = pad_value
    for i in range(n):
        top, left = p + (i // cols) * (h + p), p + (i % cols) * (w + p)
        grid[top:top + h, left:left + w] = images[i]
    return grid


def save_grid(path, images, rows=None, cols=None, padding=2, pad_value=0, scale=1):
    """Write ``images`` as one PNG grid; uint8 input is (N, H, W, 3), float is (N, C, H, W).

    Float images are taken to be in [-1, 1] and go through :func:`to_uint8` first; ``scale``
    enlarges the grid by pixel repetition. Returns ``path``.
    """
    if getattr(images, 'dtype', None) != numpy.uint8:
        images = to_uint8(images)
    grid = make_grid(images, rows, cols, padding, pad_value)
    if scale != 1:
        grid = upscale(grid[None], scale)[0]
    _atomic_write(path, lambda tmp: Image.fromarray(grid).save(tmp, format='PNG'))
    return path


def lerp(a, b, t):
    """Linear interpolation ``(1 - t) * a + t * b``; exact at both ends.

    ``a``, ``b``: (..., d) vectors; ``t``: a scalar or one value per vector, shape (...).
    """
    a, b = numpy.asarray(a), numpy.asarray(b)
    t = numpy.asarray(t, dtype=numpy.float64)[..., None]
    return ((1 - t) * a + t * b).astype(numpy.result_type(a, b))


def slerp(a, b, t, eps=1e-6):
    """Spherical interpolation: ``sin((1-t)w) / sin(w) * a + sin(t w) / sin(w) * b``.

    ``w`` is the angle between ``a`` and ``b``. Gaussian latents live near a sphere of radius
    sqrt(d), and slerp keeps the path there (the norm is preserved when ``|a| = |b|``), where a
    straight line would cut through the low-density middle (White, "Sampling Generative
    Networks", 2016). Where ``sin(w) < eps`` (nearly parallel or opposite vectors) it falls back
    to :func:`lerp`. ``a``, ``b``: (..., d); ``t``: a scalar or shape (...).
    """
    a, b = numpy.asarray(a), numpy.asarray(b)
    a64, b64 = a.astype(numpy.float64), b.astype(numpy.float64)
    t = numpy.asarray(t, dtype=numpy.float64)[..., None]
    norms = numpy.linalg.norm(a64, axis=-1) * numpy.linalg.norm(b64, axis=-1)
    cos = numpy.sum(a64 * b64, axis=-1) / numpy.maximum(norms, 1e-300)
    omega = numpy.arccos(numpy.clip(cos, -1, 1))[..., None]
    sin = numpy.sin(omega)
    parallel = sin < eps
    safe = numpy.where(parallel, 1, sin)
    y = numpy.sin((1 - t) * omega) / safe * a64 + numpy.sin(t * omega) / safe * b64
    y = numpy.where(parallel, (1 - t) * a64 + t * b64, y)
    return y.astype(numpy.result_type(a, b))


def latent_walk(points, frames_per_segment, mode='slerp', loop=True):
    """Interpolate through K latent ``points`` (K, d), returning (K * frames_per_segment, d).

    The frames are evenly spaced along the path p0 -> p1 -> ... -> p(K-1), and with
    ``loop=True`` on back to p0. The first frame is p0 and the last is the path's end: with
    ``loop=True`` that is p0 again (bit for bit), so an animation of the walk closes on the
    picture it opened with. ``mode`` is ``'slerp'`` or ``'lerp'``.
    """
    if mode not in ('slerp', 'lerp'):
        raise ValueError("mode must be 'slerp' or 'lerp', got %r" % (mode,))
    points = numpy.asarray(points)
    k = len(points)
    n = k * frames_per_segment
    segments = k if loop else k - 1
    if segments == 0 or k == 1:
        return numpy.repeat(points[:1], n, axis=0)
    s = numpy.linspace(0, segments, n)
    index = numpy.minimum(numpy.floor(s).astype(int), segments - 1)
    t = s - index
    interpolate = slerp if mode == 'slerp' else lerp
    return interpolate(points[index], points[(index + 1) % k], t)


def upscale(frames, scale, filter='nearest'):
    """Enlarge uint8 (N, H, W, C) frames to (N, H*scale, W*scale, C).

    ``'nearest'`` repeats each pixel into a scale x scale block (crisp pixels, exact);
    ``'lanczos'`` resamples smoothly with Pillow.
    """
    frames = numpy.asarray(frames)
    if filter == 'nearest':
        return frames.repeat(scale, axis=1).repeat(scale, axis=2)
    if filter != 'lanczos':
        raise ValueError("filter must be 'nearest' or 'lanczos', got %r" % (filter,))
    n, h, w, c = frames.shape
    out = numpy.empty((n, h * scale, w * scale, c), numpy.uint8)
    for i in range(n):
        image = Image.fromarray(frames[i, :, :, 0] if c == 1 else frames[i])
        out[i] = numpy.asarray(image.resize((w * scale, h * scale), Image.LANCZOS)).reshape(
            out.shape[1:])
    return out


def save_animation(path, frames, fps=10, loop=0):
    """Write uint8 (H, W, 3) ``frames`` as an animation chosen by the extension of ``path``.

    ``.gif`` and ``.webp`` are written by Pillow (``loop=0`` repeats forever, ``loop=None``
    plays once; GIF stores delays in 1/100 s and merges identical consecutive frames);
    ``.mp4`` by imageio with a video plugin (``pip install imageio[ffmpeg]``). Returns ``path``.
    """
    frames = [numpy.asarray(f, dtype=numpy.uint8) for f in frames]
    if not frames:
        raise ValueError('save_animation needs at least one frame')
    ext = check_animation_path(path)
    if ext in ('.gif', '.webp'):
        _atomic_write(path, lambda tmp: _write_pillow(tmp, frames, ext[1:].upper(), fps, loop))
    else:
        _atomic_write(path, lambda tmp: _write_video(tmp, frames, fps))
    return path


def check_animation_path(path):
    """Return the extension of ``path`` if :func:`save_animation` can write it; raise
    ValueError for other extensions and RuntimeError for MP4 without imageio's ffmpeg."""
    ext = os.path.splitext(path)[1].lower()
    if ext not in ('.gif', '.webp', '.mp4'):
        raise ValueError("cannot write an animation as '%s': use .gif, .webp or .mp4" % path)
    if ext == '.mp4' and importlib.util.find_spec('imageio_ffmpeg') is None:
        raise RuntimeError("writing MP4 needs imageio's ffmpeg plugin: "
                           "'pip install imageio[ffmpeg]', or save a .gif instead")
    return ext


def _write_pillow(path, frames, format, fps, loop):
    images = [Image.fromarray(f) for f in frames]
    if format == 'GIF':
        # NOTE: Pillow would reduce each frame to 256 colours by median cut (23 ms a 256x256
        # frame); the octree is 15 times faster, at a mean error of 2.1 grey levels instead
        # of 1.0 (measured on crossfades of the bundled faces)
        images = [im.quantize(256, method=_FAST_OCTREE) for im in images]
    options = {'save_all': True, 'append_images': images[1:], 'duration': round(1000 / fps)}
    if loop is not None:
        options['loop'] = loop
    if format == 'WEBP':
        options['lossless'] = True
    images[0].save(path, format=format, **options)


def _write_video(path, frames, fps):
    import imageio.v3 as iio
    iio.imwrite(path, numpy.stack(frames), plugin='FFMPEG', fps=fps)


def _atomic_write(path, write):
    """Call ``write(tmp)`` on a temporary file beside ``path``, then rename it onto ``path``."""
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with atomic_path(path) as tmp:
        write(tmp)
