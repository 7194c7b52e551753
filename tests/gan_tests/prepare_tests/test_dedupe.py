import io
import os

import numpy
from PIL import Image

from minigan.gan.prepare import dedupe, images

FACES = os.path.join(os.path.dirname(__file__), '..', '..', '..', 'examples', 'data',
                     'twemoji-faces-64')
OPTIONS = images.Options(size=64, fit='auto', background=(255, 255, 255), margin=0.08,
                         trim=True, crop=True)


def _prepared(image):
    return images.prepare(numpy.asarray(image.convert('RGBA')), OPTIONS)[0]


def _face(name):
    return Image.open(os.path.join(FACES, name)).convert('RGBA')


def _jpeg_on_white(rgba, size, quality):
    white = Image.new('RGB', rgba.size, 'white')
    white.paste(rgba, mask=rgba.getchannel('A'))
    buf = io.BytesIO()
    white.resize((size, size), Image.LANCZOS).save(buf, 'JPEG', quality=quality)
    return Image.open(io.BytesIO(buf.getvalue()))


def test_hash_shape_and_hamming_counts_differing_bits():
    h = numpy.stack([dedupe.perceptual_hash(_prepared(_face(n)))
                     for n in ('1f600_grinning.png', '1f480_skull.png')])
    assert h.shape == (2, dedupe.BITS) and h.dtype == bool
    d = dedupe.hamming(h)
    assert d[0, 0] == 0 and d[0, 1] == d[1, 0] == (h[0] != h[1]).sum()


def test_a_smaller_jpeg_copy_is_near_and_a_different_face_is_not():
    face = _face('1f60d_heart_eyes.png')
    original = dedupe.perceptual_hash(_prepared(face))
    copy = dedupe.perceptual_hash(_prepared(_jpeg_on_white(face, 56, 90)))
    other = dedupe.perceptual_hash(_prepared(_face('1f621_rage.png')))
    assert (original != copy).sum() <= dedupe.THRESHOLD
    assert (original != other).sum() > 3 * dedupe.THRESHOLD


def test_flat_shapes_of_different_colours_are_not_duplicates():
    red, blue = (numpy.zeros((32, 32, 3), numpy.uint8) for _ in range(2))
    red[...], blue[...] = (255, 255, 255), (255, 255, 255)
    red[8:24, 8:24], blue[8:24, 8:24] = (220, 30, 30), (30, 30, 220)
    d = (dedupe.perceptual_hash(red) != dedupe.perceptual_hash(blue)).sum()
    assert d > dedupe.THRESHOLD


def test_groups_are_stars_not_chains_and_exact_is_labelled():
    hashes = numpy.zeros((4, dedupe.BITS), bool)
    hashes[1, :20] = True                # 20 bits from 0
    hashes[2, :40] = True                # 20 from 1, 40 from 0: joins no chain
    hashes[3] = hashes[0]
    groups = dedupe.group_duplicates(hashes, ['a', 'b', 'c', 'a'], threshold=24)
    assert groups == [([0, 1, 3], 'near')]
    assert dedupe.group_duplicates(hashes[[0, 3]], ['a', 'a'], 24) == [([0, 1], 'exact')]
    assert dedupe.group_duplicates(hashes[:0], [], 24) == []


def test_the_best_copy_is_kept():
    assert dedupe.choose_kept([0, 1, 2], [64 * 64, 256 * 256, 256 * 256], ['c', 'b', 'a']) == 2
