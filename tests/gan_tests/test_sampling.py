import importlib.util
import os

import numpy
import pytest
from PIL import Image

import minigan

from minigan.gan.sampling import (
    latent_walk, lerp, make_grid, save_animation, save_grid, slerp, to_uint8, upscale)


def _cells(n, h=3, w=4):
    """n uint8 (h, w, 3) images, image i filled with the value 10 * (i + 1)."""
    return numpy.stack([numpy.full((h, w, 3), 10 * (i + 1), numpy.uint8) for i in range(n)])


def test_to_uint8_mapping():
    x = numpy.array([-1.5, -1, -0.5, 0, 0.5, 1, 2], numpy.float32).reshape(1, 1, 1, 7)
    u = to_uint8(x)
    assert u.dtype == numpy.uint8 and u.shape == (1, 1, 7, 3)
    expected = numpy.clip(numpy.rint((x.ravel().astype(numpy.float64) + 1) * 127.5), 0, 255)
    assert (u[0, 0, :, 0] == expected).all() and (u[..., 0] == u[..., 2]).all()
    rgb = numpy.random.RandomState(0).uniform(-1, 1, (2, 3, 4, 5))
    assert (to_uint8(rgb) == numpy.rint((rgb + 1) * 127.5).transpose(0, 2, 3, 1)).all()
    with pytest.raises(ValueError, match='expected'):
        to_uint8(numpy.zeros((2, 2, 4, 4)))


def test_to_uint8_takes_a_variable():
    x = minigan.Variable(numpy.zeros((1, 3, 2, 2), numpy.float32))
    assert (to_uint8(x) == numpy.rint(127.5)).all()


@pytest.mark.parametrize('n, rows, cols, shape', [
    (5, None, None, (2, 3)), (4, None, None, (2, 2)), (5, 1, None, (1, 5)), (5, None, 2, (3, 2))])
def test_grid_layout(n, rows, cols, shape):
    grid = make_grid(_cells(n), rows=rows, cols=cols, padding=2, pad_value=255)
    r, c = shape
    assert grid.shape == (r * 5 + 2, c * 6 + 2, 3) and grid.dtype == numpy.uint8
    expected = numpy.full(grid.shape, 255, numpy.uint8)
    for i in range(n):
        top, left = 2 + (i // c) * 5, 2 + (i % c) * 6
        expected[top:top + 3, left:left + 4] = 10 * (i + 1)
    assert (grid == expected).all()


def test_grid_without_padding_and_too_small():
    images = numpy.random.RandomState(0).randint(0, 256, (4, 2, 2, 3)).astype(numpy.uint8)
    grid = make_grid(images, padding=0)
    assert (grid[:2, 2:] == images[1]).all() and (grid[2:, :2] == images[2]).all()
    with pytest.raises(ValueError, match='cannot hold'):
        make_grid(images, rows=1, cols=3)


def test_save_grid_writes_png(tmp_path):
    x = numpy.random.RandomState(0).uniform(-1, 1, (3, 3, 4, 4)).astype(numpy.float32)
    path = save_grid(str(tmp_path / 'sub' / 'grid.png'), x, cols=3, padding=1, scale=2)
    with Image.open(path) as image:
        assert image.format == 'PNG' and image.mode == 'RGB'
        read = numpy.asarray(image)
    grid = make_grid(to_uint8(x), cols=3, padding=1)
    assert (read == grid.repeat(2, axis=0).repeat(2, axis=1)).all()
    assert os.listdir(tmp_path / 'sub') == ['grid.png']  # no temporary file left behind


def test_lerp_and_slerp_endpoints():
    rs = numpy.random.RandomState(0)
    a, b = rs.randn(2, 16).astype(numpy.float32)
    for f in (lerp, slerp):
        assert (f(a, b, 0) == a).all() and (f(a, b, 1) == b).all()
        assert f(a, b, 0.3).dtype == numpy.float32
    numpy.testing.assert_allclose(lerp(a, b, 0.25), 0.75 * a + 0.25 * b, rtol=1e-6)


def test_slerp_follows_the_great_circle():
    a = numpy.array([1.0, 0.0, 0.0])
    b = numpy.array([0.0, 2.0, 0.0])
    angle = numpy.pi / 2 * 0.3
    numpy.testing.assert_allclose(
        slerp(a / 1, b / 2, 0.3), [numpy.cos(angle), numpy.sin(angle), 0], atol=1e-12)
    rs = numpy.random.RandomState(1)
    p, q = rs.randn(2, 5, 32)
    q *= (numpy.linalg.norm(p, axis=1) / numpy.linalg.norm(q, axis=1))[:, None]
    t = numpy.linspace(0, 1, 5)
    y = slerp(p, q, t)
    numpy.testing.assert_allclose(numpy.linalg.norm(y, axis=1), numpy.linalg.norm(p, axis=1))
    for i in range(5):
        numpy.testing.assert_allclose(y[i], slerp(p[i], q[i], t[i]))
    cos = numpy.sum(p * y, axis=1) / numpy.linalg.norm(p, axis=1) ** 2
    omega = numpy.arccos(numpy.sum(p * q, axis=1) / numpy.linalg.norm(p, axis=1) ** 2)
    numpy.testing.assert_allclose(numpy.arccos(numpy.clip(cos, -1, 1)), t * omega, atol=1e-6)


def test_slerp_falls_back_to_lerp_when_parallel():
    a = numpy.array([1.0, 2.0, 3.0])
    numpy.testing.assert_allclose(slerp(a, 3 * a, 0.5), 2 * a)
    assert numpy.isfinite(slerp(a, a, 0.5)).all()


@pytest.mark.parametrize('loop', [True, False])
@pytest.mark.parametrize('mode', ['slerp', 'lerp'])
def test_latent_walk(mode, loop):
    points = numpy.random.RandomState(0).randn(3, 8).astype(numpy.float32)
    walk = latent_walk(points, 4, mode=mode, loop=loop)
    assert walk.shape == (12, 8) and walk.dtype == numpy.float32
    assert (walk[0] == points[0]).all()
    assert (walk[-1] == (points[0] if loop else points[2])).all()
    segments = 3 if loop else 2
    s = numpy.linspace(0, segments, 12)
    f = slerp if mode == 'slerp' else lerp
    for j in (1, 5, 10):
        k = min(int(s[j]), segments - 1)
        numpy.testing.assert_allclose(walk[j], f(points[k], points[(k + 1) % 3], s[j] - k),
                                      rtol=1e-6)


def test_latent_walk_single_point():
    points = numpy.ones((1, 4))
    assert (latent_walk(points, 5) == 1).all() and latent_walk(points, 5).shape == (5, 4)


def test_upscale():
    frames = numpy.random.RandomState(0).randint(0, 256, (2, 3, 4, 3)).astype(numpy.uint8)
    big = upscale(frames, 3)
    assert big.shape == (2, 9, 12, 3)
    assert (big[:, 4, 7] == frames[:, 1, 2]).all()
    assert (big[:, 3:6, 6:9] == frames[:, 1:2, 2:3]).all()
    flat = numpy.full((1, 2, 2, 3), 90, numpy.uint8)
    assert (upscale(flat, 4, filter='lanczos') == 90).all()
    with pytest.raises(ValueError, match='filter'):
        upscale(frames, 2, filter='cubic')


def _frames(seed=0, n=5):
    """Distinct frames from a seeded latent walk, drawn as colours."""
    points = numpy.random.RandomState(seed).randn(n, 3)
    walk = latent_walk(points, 2)
    images = numpy.tanh(walk)[:, :, None, None] * numpy.ones((1, 3, 6, 8))
    return list(to_uint8(images))


def _read_gif(path):
    with Image.open(path) as image:
        frames = []
        for i in range(image.n_frames):
            image.seek(i)
            frames.append(numpy.asarray(image.convert('RGB')))
        return frames, image.info.get('loop'), image.info.get('duration'), image.format


def test_save_animation_gif(tmp_path):
    frames = _frames()
    path = save_animation(str(tmp_path / 'walk.gif'), frames, fps=20, loop=0)
    read, loop, duration, fmt = _read_gif(path)
    assert fmt == 'GIF' and len(read) == len(frames) == 10 and loop == 0 and duration == 50
    assert all(r.shape == (6, 8, 3) for r in read)
    for r, f in zip(read, frames):
        numpy.testing.assert_allclose(r, f, atol=8)  # GIF palettes may round colours a little
    assert (read[0] == read[-1]).all()
    assert os.listdir(tmp_path) == ['walk.gif']
    _, once, _, _ = _read_gif(save_animation(str(tmp_path / 'once.gif'), frames, loop=None))
    assert once is None


def test_same_seed_same_file(tmp_path):
    a = save_animation(str(tmp_path / 'a.gif'), _frames(seed=7))
    b = save_animation(str(tmp_path / 'b.gif'), _frames(seed=7))
    c = save_animation(str(tmp_path / 'c.gif'), _frames(seed=8))
    data = [open(p, 'rb').read() for p in (a, b, c)]
    assert data[0] == data[1] and data[0] != data[2]


def test_save_animation_webp_and_errors(tmp_path):
    frames = _frames()
    path = save_animation(str(tmp_path / 'walk.webp'), frames, fps=10)
    read, loop, _, fmt = _read_gif(path)
    assert fmt == 'WEBP' and len(read) == len(frames) and loop == 0
    assert (read[3] == frames[3]).all()  # lossless
    with pytest.raises(ValueError, match='use .gif'):
        save_animation(str(tmp_path / 'walk.avi'), frames)
    with pytest.raises(ValueError, match='at least one frame'):
        save_animation(str(tmp_path / 'empty.gif'), [])
    assert sorted(os.listdir(tmp_path)) == ['walk.webp']


def test_save_animation_mp4_needs_the_ffmpeg_plugin(tmp_path, monkeypatch):
    monkeypatch.setattr(importlib.util, 'find_spec', lambda name: None)
    with pytest.raises(RuntimeError, match=r'pip install imageio\[ffmpeg\]'):
        save_animation(str(tmp_path / 'walk.mp4'), _frames())
    assert os.listdir(tmp_path) == []


@pytest.mark.skipif(importlib.util.find_spec('imageio_ffmpeg') is None,
                    reason='imageio-ffmpeg is not installed')
def test_save_animation_mp4(tmp_path):
    import imageio.v3 as iio
    frames = [numpy.full((16, 16, 3), 40 * i, numpy.uint8) for i in range(4)]
    path = save_animation(str(tmp_path / 'walk.mp4'), frames, fps=8)
    read = iio.imread(path, plugin='FFMPEG')
    assert read.shape == (4, 16, 16, 3)
    numpy.testing.assert_allclose(read[:, 8, 8].mean(axis=1), [0, 40, 80, 120], atol=6)
