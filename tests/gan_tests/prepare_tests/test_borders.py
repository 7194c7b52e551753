import numpy

from minigan.gan.prepare import borders


def _picture(h, w, seed=0):
    """An opaque RGBA picture of noise: content reaching every border."""
    rgba = numpy.full((h, w, 4), 255, numpy.uint8)
    rgba[..., :3] = numpy.random.RandomState(seed).randint(60, 200, (h, w, 3))
    return rgba


def _letterbox(picture, top, bottom, left=0, right=0, colour=(0, 0, 0)):
    h, w = picture.shape[:2]
    out = numpy.zeros((h + top + bottom, w + left + right, 4), numpy.uint8)
    out[...] = tuple(colour) + (255,)
    out[top:top + h, left:left + w] = picture
    return out


def test_letterbox_bars_are_found_and_trimmed_exactly():
    boxed = _letterbox(_picture(40, 60), 10, 10)
    bars = borders.find_bars(boxed)
    assert bars == {'top': 10, 'bottom': 10}
    left, top, right, bottom = borders.trim_box(boxed.shape, bars)
    numpy.testing.assert_array_equal(boxed[top:bottom, left:right], _picture(40, 60))


def test_white_pillarbox_bars_with_a_blurred_edge():
    boxed = _letterbox(_picture(50, 50), 0, 0, 8, 8, colour=(255, 255, 255))
    boxed[::2, 8, :3] = 250  # NOTE: one line of ringing between bar and picture, half of it
    boxed[::3, -9, :3] = 252  # still near the bar's colour
    assert borders.find_bars(boxed) == {'left': 9, 'right': 9}


def test_a_strip_on_one_side_only_is_part_of_the_picture():
    sea = _letterbox(_picture(40, 40), 0, 10, colour=(30, 90, 200))  # a boat's flat sea
    assert borders.bar_width(sea, 'bottom') == 10
    assert borders.find_bars(sea) == {}


def test_a_plain_background_around_an_object_is_not_a_bar():
    rgba = numpy.full((64, 64, 4), 255, numpy.uint8)
    yy, xx = numpy.mgrid[:64, :64]
    disc = (yy - 32) ** 2 + (xx - 32) ** 2 < 20 ** 2
    rgba[disc, :3] = (200, 30, 30)
    assert borders.find_bars(rgba) == {}
    assert borders.background_of(rgba) == ('plain', (255, 255, 255))
    # the disc covers rows and columns 13 to 51: 39 pixels, a margin of round(3.9) = 4
    assert borders.object_box(rgba, margin=0.1) == (9, 9, 56, 56)


def test_transparent_margins_make_an_alpha_background_and_no_bars():
    rgba = numpy.zeros((30, 50, 4), numpy.uint8)
    rgba[5:25, 20:30] = (10, 200, 10, 255)
    assert borders.find_bars(rgba) == {}
    assert borders.background_of(rgba) == ('alpha', None)
    assert borders.object_box(rgba, margin=0.0) == (20, 5, 30, 25)


def test_a_photo_has_no_background_and_is_not_cropped():
    assert borders.background_of(_picture(30, 40)) == (None, None)
    assert borders.object_box(_picture(30, 40)) is None


def test_square_box_and_cut_pad_with_the_fill_colour():
    assert borders.square_box((0, 0, 10, 4), 'pad') == (0, -3, 10, 7)
    assert borders.square_box((0, 0, 10, 4), 'crop') == (3, 0, 7, 4)
    rgba = _picture(4, 10)
    out = borders.cut(rgba, (0, -3, 10, 7), (1, 2, 3, 4))
    assert out.shape == (10, 10, 4)
    numpy.testing.assert_array_equal(out[3:7], rgba)
    assert (out[:3] == (1, 2, 3, 4)).all() and (out[7:] == (1, 2, 3, 4)).all()
