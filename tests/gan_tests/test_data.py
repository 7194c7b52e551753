import os

import numpy
import pytest
from PIL import Image

from minigan.gan.data import (
    ArrayImageDataset, DatasetError, ImageFolder, check_enough, parse_color, resized)

BUNDLED = os.path.join(os.path.dirname(__file__), '..', '..', 'examples', 'data',
                       'twemoji-faces-64')
HALF_BLUE = (0, 0, 255, 128)  # the RGBA pixel at (0, 0) of rgba.png, half transparent


def _halves(left, right, mode, size=8):
    """An image whose left half is ``left`` and right half ``right``."""
    image = Image.new(mode, (size, size), left)
    image.paste(right, (size // 2, 0, size, size))
    return image


@pytest.fixture(scope='module')
def zoo(tmp_path_factory):
    """A folder with one 8x8 image per mode and format, plus a corrupt PNG and a text file."""
    root = tmp_path_factory.mktemp('zoo')
    rgba = _halves((255, 0, 0, 255), (0, 255, 0, 0), 'RGBA')
    rgba.putpixel((0, 0), HALF_BLUE)
    rgba.save(root / 'rgba.png')
    Image.merge('LA', (Image.new('L', (8, 8), 50), _halves(255, 0, 'L'))).save(root / 'la.png')
    palette = _halves(1, 0, 'P')
    palette.putpalette([0, 0, 0, 10, 20, 30] + [0] * 762)
    palette.save(root / 'p_trans.png', transparency=0)
    Image.new('L', (8, 8), 77).save(root / 'gray.png')
    gray16 = numpy.full((8, 8), 65535, numpy.uint16)
    gray16[:, 4:] = 100 * 257
    Image.fromarray(gray16).save(root / 'gray16.png')
    Image.new('CMYK', (8, 8), (0, 255, 255, 0)).save(root / 'cmyk.jpg', quality=95)
    Image.new('RGB', (8, 8), (200, 100, 50)).save(root / 'rgb.jpg', quality=95)
    frames = [Image.new('RGB', (8, 8), c) for c in ((0, 0, 255), (255, 0, 0))]
    frames[0].save(root / 'anim.gif', save_all=True, append_images=frames[1:], duration=100)
    Image.new('RGB', (8, 8), (30, 60, 90)).save(root / 'img.webp', lossless=True)
    Image.new('RGB', (8, 8), (1, 2, 3)).save(root / 'img.bmp')
    (root / 'sub').mkdir()
    Image.new('RGB', (8, 8), (9, 8, 7)).save(root / 'sub' / 'nested.png')
    Image.new('RGB', (8, 8), (5, 5, 5)).save(root / '.hidden.png')
    (root / 'corrupt.png').write_bytes((root / 'rgba.png').read_bytes()[:60])
    (root / 'notes.txt').write_text('not an image\n')
    return root


def _load(root, **kwargs):
    messages = []
    ds = ImageFolder(str(root), 8, log=messages.append, **kwargs)
    by_name = {os.path.relpath(p, str(root)): ds.images[i] for i, p in enumerate(ds.paths)}
    return ds, by_name, messages


def test_reads_every_mode_and_skips_the_rest(zoo):
    ds, by_name, messages = _load(zoo)
    assert sorted(by_name) == sorted([
        'anim.gif', 'cmyk.jpg', 'gray.png', 'gray16.png', 'img.bmp', 'img.webp', 'la.png',
        'p_trans.png', 'rgb.jpg', 'rgba.png', os.path.join('sub', 'nested.png')])
    assert [os.path.basename(p) for p in ds.skipped] == ['corrupt.png', 'notes.txt']
    assert messages == ['skipped 2 files that are not readable images: corrupt.png, notes.txt']
    assert ds.images.dtype == numpy.uint8 and ds.images.shape == (11, 8, 8, 3)
    assert len(ds) == 11
    for i in range(len(ds)):
        x = ds[i]
        assert x.dtype == numpy.float32 and x.shape == (3, 8, 8)
        assert -1 <= x.min() and x.max() <= 1
        expected = ds.images[i].transpose(2, 0, 1).astype(numpy.float64) / 127.5 - 1
        numpy.testing.assert_allclose(x, expected, atol=1e-6)


def test_skip_message_goes_to_stderr_by_default(zoo, capsys):
    ImageFolder(str(zoo), 8)
    assert 'skipped 2 files that are not readable images: corrupt.png, notes.txt' in \
        capsys.readouterr().err


def test_plain_modes_decode_to_their_colours(zoo):
    _, by_name, _ = _load(zoo)
    exact = {'gray.png': (77, 77, 77), 'img.bmp': (1, 2, 3), 'img.webp': (30, 60, 90),
             'anim.gif': (0, 0, 255), os.path.join('sub', 'nested.png'): (9, 8, 7)}
    for name, colour in exact.items():
        assert (by_name[name] == colour).all(), name
    numpy.testing.assert_allclose(by_name['rgb.jpg'], numpy.full((8, 8, 3), (200, 100, 50)),
                                  atol=3)
    numpy.testing.assert_allclose(by_name['cmyk.jpg'], numpy.full((8, 8, 3), (255, 0, 0)),
                                  atol=6)


def test_16_bit_is_scaled_not_clipped(zoo):
    _, by_name, _ = _load(zoo)
    assert (by_name['gray16.png'][:, :4] == 255).all()
    assert (by_name['gray16.png'][:, 4:] == 100).all()


@pytest.mark.parametrize('background, rgb', [
    ('white', (255, 255, 255)), ('black', (0, 0, 0)), ('#102030', (16, 32, 48))])
def test_transparency_becomes_background(zoo, background, rgb):
    _, by_name, _ = _load(zoo, background=background)
    for name in ('rgba.png', 'la.png', 'p_trans.png'):
        assert (by_name[name][:, 4:] == rgb).all(), name
    assert (by_name['rgba.png'][1:, :4] == (255, 0, 0)).all()
    assert (by_name['la.png'][:, :4] == 50).all()
    assert (by_name['p_trans.png'][:, :4] == (10, 20, 30)).all()
    alpha = HALF_BLUE[3] / 255
    expected = numpy.rint(alpha * numpy.array(HALF_BLUE[:3]) + (1 - alpha) * numpy.array(rgb))
    assert (by_name['rgba.png'][0, 0] == expected).all()


def test_parse_color():
    assert parse_color('White') == (255, 255, 255)
    assert parse_color('#ff8000') == (255, 128, 0)
    assert parse_color((1, 2, 3)) == (1, 2, 3)
    for bad in ('red', '#12345', '#gggggg'):
        with pytest.raises(ValueError, match='background colour'):
            parse_color(bad)


@pytest.fixture
def wide(tmp_path):
    """A 20x10 picture: left half red, right half blue."""
    _halves((255, 0, 0), (0, 0, 255), 'RGB', 20).crop((0, 0, 20, 10)).save(tmp_path / 'w.png')
    return tmp_path


def _geometry(root, fit, size=10):
    return ImageFolder(str(root), size, fit=fit, background='#00ff00', log=print).images[0]


def test_crop_keeps_the_centred_square(wide, tmp_path_factory):
    image = _geometry(wide, 'crop')
    assert (image[:, :5] == (255, 0, 0)).all() and (image[:, 5:] == (0, 0, 255)).all()
    tall = tmp_path_factory.mktemp('tall')
    _halves((255, 0, 0), (0, 0, 255), 'RGB', 20).transpose(Image.Transpose.TRANSPOSE).crop(
        (0, 0, 10, 20)).save(tall / 't.png')
    image = _geometry(tall, 'crop')
    assert (image[:5] == (255, 0, 0)).all() and (image[5:] == (0, 0, 255)).all()
    small = _geometry(tall, 'crop', size=4)
    numpy.testing.assert_allclose(small[0], numpy.full((4, 3), (255, 0, 0)), atol=1)
    numpy.testing.assert_allclose(small[3], numpy.full((4, 3), (0, 0, 255)), atol=1)


def test_exif_orientation_is_applied(tmp_path):
    exif = Image.Exif()
    exif[0x0112] = 3  # orientation: rotate 180 degrees
    _halves((255, 0, 0), (0, 0, 255), 'RGB').save(tmp_path / 'r.jpg', exif=exif, quality=95)
    image = ImageFolder(str(tmp_path), 8).images[0]
    numpy.testing.assert_allclose(image[:, 0], numpy.full((8, 3), (0, 0, 255)), atol=8)
    numpy.testing.assert_allclose(image[:, 7], numpy.full((8, 3), (255, 0, 0)), atol=8)


def test_pad_letterboxes_with_background_and_warns(wide):
    with pytest.warns(UserWarning, match='block noise'):
        image = _geometry(wide, 'pad')
    assert (image[:2] == (0, 255, 0)).all() and (image[7:] == (0, 255, 0)).all()
    numpy.testing.assert_allclose(image[2:7, 0], numpy.full((5, 3), (255, 0, 0)), atol=2)
    numpy.testing.assert_allclose(image[2:7, 9], numpy.full((5, 3), (0, 0, 255)), atol=2)


def test_stretch_fills_the_square(wide):
    image = _geometry(wide, 'stretch')
    numpy.testing.assert_allclose(image[:, :2], numpy.full((10, 2, 3), (255, 0, 0)), atol=1)
    numpy.testing.assert_allclose(image[:, 8:], numpy.full((10, 2, 3), (0, 0, 255)), atol=1)


def test_missing_empty_and_unreadable_folders(tmp_path):
    with pytest.raises(DatasetError, match=r"'.*nope' does not exist: .*--data DIR"):
        ImageFolder(str(tmp_path / 'nope'), 8)
    (tmp_path / 'empty').mkdir()
    with pytest.raises(DatasetError, match=r'empty folder'):
        ImageFolder(str(tmp_path / 'empty'), 8)
    junk = tmp_path / 'junk'
    junk.mkdir()
    for name in ('a.txt', 'b.png', 'c.csv'):
        (junk / name).write_text('text')
    with pytest.raises(DatasetError) as info:
        ImageFolder(str(junk), 8, log=lambda message: None)
    assert str(info.value) == (
        "no readable images under '%s' (3 files, none readable): put PNG/JPEG/GIF/WebP/BMP "
        "files there or pass --data DIR" % junk)


def test_check_enough(wide):
    ds = ImageFolder(str(wide), 4)
    check_enough(ds, 1)
    with pytest.raises(DatasetError) as info:
        check_enough(ds, 64)
    assert str(info.value) == ("found 1 images in '%s' but --batch-size is 64: add images or "
                               "lower --batch-size" % wide)


def test_cache_is_reused_and_invalidated(wide, tmp_path):
    cache = str(tmp_path / 'cache.npz')  # NOTE: inside the dataset folder on purpose
    first = ImageFolder(str(wide), 6, cache=cache)
    assert not first.from_cache and os.path.exists(cache)
    with numpy.load(cache, allow_pickle=False) as npz:
        assert (npz['images'] == first.images).all()
    again = ImageFolder(str(wide), 6, cache=cache)
    assert again.from_cache and again.paths == first.paths and again.skipped == []
    assert (again.images == first.images).all()
    assert not ImageFolder(str(wide), 5, cache=cache).from_cache
    Image.new('RGB', (20, 10), (7, 7, 7)).save(wide / 'w.png')
    os.utime(wide / 'w.png', ns=(1, 1))
    changed = ImageFolder(str(wide), 5, cache=cache)
    assert not changed.from_cache and (changed.images == 7).all()
    Image.new('RGB', (5, 5), (1, 1, 1)).save(wide / 'x.png')
    assert len(ImageFolder(str(wide), 5, cache=cache)) == 2
    with open(cache, 'wb') as f:
        f.write(b'garbage')
    assert not ImageFolder(str(wide), 5, cache=cache).from_cache


def test_flip_is_random_per_item_and_seeded():
    images = numpy.random.RandomState(0).randint(0, 256, (2, 4, 4, 3)).astype(numpy.uint8)
    ds = ArrayImageDataset(images, flip=True)
    plain = ArrayImageDataset(images)[0]
    numpy.random.seed(3)
    draws = [ds[0] for _ in range(32)]
    flipped = [(x == plain[..., ::-1]).all() for x in draws]
    assert all(f or (x == plain).all() for f, x in zip(flipped, draws))
    assert 0 < sum(flipped) < 32
    numpy.random.seed(3)
    assert all((ds[0] == x).all() for x in draws)


def test_array_dataset_indexing():
    images = numpy.arange(2 * 2 * 2 * 3, dtype=numpy.uint8).reshape(2, 2, 2, 3)
    ds = ArrayImageDataset(images)
    assert len(ds[0:2]) == 2 and len(ds[[1, 0, 1]]) == 3
    assert (ds[[1]][0] == ds.get_example(1)).all()
    expected = images.transpose(0, 3, 1, 2) / 127.5 - 1
    numpy.testing.assert_allclose(ds.get_batch([0, 1]), expected, atol=1e-6)
    with pytest.raises(ValueError, match='uint8'):
        ArrayImageDataset(images.astype(numpy.float32))


def test_resized_box_average():
    images = numpy.random.RandomState(1).randint(0, 256, (2, 8, 8, 3)).astype(numpy.uint8)
    expected = numpy.zeros((2, 2, 2, 3))
    for i in range(2):
        for j in range(2):
            expected[:, i, j] = images[:, 4 * i:4 * i + 4, 4 * j:4 * j + 4].mean(axis=(1, 2))
    numpy.testing.assert_allclose(resized(images, 2, dtype=numpy.float64), expected)
    small = resized(images, 2)
    assert small.dtype == numpy.uint8 and (small == numpy.rint(expected)).all()
    assert (resized(images, 8) == images).all()
    odd = resized(images, 3)
    assert odd.shape == (2, 3, 3, 3) and odd.dtype == numpy.uint8


def test_bundled_dataset_loads_without_skips():
    messages = []
    ds = ImageFolder(BUNDLED, 64, log=messages.append)
    assert len(ds) == 118 and ds.skipped == [] and messages == []
    assert ds.images.shape == (118, 64, 64, 3)
    assert (ds.images[:, 0, 0] == 255).mean() > 0.9  # transparent corners turned white
