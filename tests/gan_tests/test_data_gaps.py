"""The loader's quieter gaps: unreadable and symlinked folders, dangling links, Pillow's
warnings without a file name, float TIFFs (issue 11, item 11)."""
import errno
import os

import numpy
import pytest
from PIL import Image

from minigan.gan.data import DatasetError, ImageFolder


def picture(path, value):
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new('RGB', (8, 8), (value,) * 3).save(path)


def load(root, **kwargs):
    messages = []
    return ImageFolder(str(root), 8, log=messages.append, **kwargs), messages


def test_a_symlinked_folder_is_followed(tmp_path):
    for i in range(3):
        picture(tmp_path / 'real' / ('%d.png' % i), 40 * i)
    (tmp_path / 'data').mkdir()
    os.symlink(tmp_path / 'real', tmp_path / 'data' / 'faces')
    ds, messages = load(tmp_path / 'data')
    assert len(ds) == 3 and messages == []
    assert sorted(ds.images[:, 0, 0, 0]) == [0, 40, 80]


def test_a_link_back_up_is_followed_once(tmp_path):
    picture(tmp_path / 'data' / 'sub' / 'a.png', 10)
    os.symlink(tmp_path / 'data', tmp_path / 'data' / 'sub' / 'up')
    os.symlink(tmp_path / 'data' / 'sub', tmp_path / 'data' / 'again')
    ds, messages = load(tmp_path / 'data')
    assert len(ds) == 1 and messages == []


def test_an_unreadable_folder_is_named_and_counted(tmp_path, monkeypatch):
    picture(tmp_path / 'data' / 'ok.png', 10)
    picture(tmp_path / 'data' / 'locked' / 'a.png', 20)
    real_scandir = os.scandir

    def scandir(path):
        if os.path.basename(path) == 'locked':
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), path)
        return real_scandir(path)
    # NOTE: as root a chmod 000 folder stays readable, so the refusal of the system is simulated
    monkeypatch.setattr(os, 'scandir', scandir)
    ds, messages = load(tmp_path / 'data')
    assert len(ds) == 1
    assert messages == ['skipped %s: Permission denied' % os.path.join(str(tmp_path / 'data'),
                                                                       'locked/')]
    assert ds.skipped == [os.path.join(str(tmp_path / 'data'), 'locked/')]
    (tmp_path / 'data' / 'ok.png').unlink()
    with pytest.raises(DatasetError, match=r"locked/: Permission denied"):
        load(tmp_path / 'data')


def test_a_dangling_link_is_named(tmp_path):
    picture(tmp_path / 'data' / 'ok.png', 10)
    os.symlink(tmp_path / 'gone.png', tmp_path / 'data' / 'link.png')
    ds, messages = load(tmp_path / 'data')
    assert len(ds) == 1 and ds.skipped == [str(tmp_path / 'data' / 'link.png')]
    assert messages == ['skipped %s: a link to nothing' % (tmp_path / 'data' / 'link.png')]


def test_pillows_warnings_name_the_file(tmp_path, monkeypatch):
    picture(tmp_path / 'data' / 'big.png', 10)
    monkeypatch.setattr(Image, 'MAX_IMAGE_PIXELS', 40)  # 8x8 = 64 pixels: a "bomb"
    ds, messages = load(tmp_path / 'data')
    path = str(tmp_path / 'data' / 'big.png')
    assert len(ds) == 1 and len(messages) == 1
    assert messages[0].startswith(path + ': Image size (64 pixels) exceeds limit of 40 pixels')


def test_a_corrupt_exif_warning_names_the_file(tmp_path):
    path = tmp_path / 'data' / 'bad.jpg'
    path.parent.mkdir()
    exif = Image.Exif()
    exif[0x0112] = 3
    Image.new('RGB', (8, 8), (128,) * 3).save(path, exif=exif.tobytes())
    data = bytearray(path.read_bytes())
    tiff = data.index(b'MM\x00*') if b'MM\x00*' in data else data.index(b'II*\x00')
    data[tiff + 8:tiff + 10] = b'\x40\x00' if data[tiff] == ord('I') else b'\x00\x40'
    path.write_bytes(bytes(data))  # the IFD claims 64 entries; the block holds one
    ds, messages = load(tmp_path / 'data')
    assert len(ds) == 1 and messages == ['%s: Corrupt EXIF data.  Expecting to read 12 bytes '
                                         'but only got 4.' % path]


@pytest.mark.parametrize('scale', [1.0, 255.0])
def test_a_float_tiff_is_scaled_not_black(tmp_path, scale):
    path = tmp_path / 'data' / 'f.tif'
    path.parent.mkdir()
    x = numpy.zeros((8, 8), numpy.float32)
    x[:, 4:] = 0.5 * scale
    x[0, 0] = numpy.nan
    Image.fromarray(x, mode='F').save(path)
    ds, _ = load(tmp_path / 'data', fit='stretch')
    assert ds.images[0, 4, 1, 0] == 0 and ds.images[0, 4, 6, 0] in (127, 128)
