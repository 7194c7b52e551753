import numpy
import pytest

from minigan.utils import conv


@pytest.mark.parametrize('size, k, s, p, cover_all, expected', [
    (64, 4, 2, 1, False, 32),
    (4, 4, 1, 0, False, 1),
    (6, 3, 2, 0, False, 2),
    (6, 3, 2, 0, True, 3),
    (7, 3, 2, 1, True, 4),
])
def test_conv_outsize(size, k, s, p, cover_all, expected):
    assert conv.get_conv_outsize(size, k, s, p, cover_all) == expected


@pytest.mark.parametrize('size, k, s, p, cover_all, expected', [
    (32, 4, 2, 1, False, 64),
    (1, 4, 1, 0, False, 4),
    (3, 3, 2, 0, True, 6),
])
def test_deconv_outsize(size, k, s, p, cover_all, expected):
    assert conv.get_deconv_outsize(size, k, s, p, cover_all) == expected
    assert conv.get_conv_outsize(expected, k, s, p, cover_all) == size


def test_dilated_outsize():
    assert conv.get_conv_outsize(9, 3, 1, 0, d=2) == 5
    assert conv.get_deconv_outsize(5, 3, 1, 0, d=2) == 9


def test_pair():
    assert conv.pair(3) == (3, 3)
    assert conv.pair((2, 1)) == (2, 1)


def test_nhwc_matrix_round_trip_shares_memory():
    x = numpy.arange(2 * 3 * 4 * 5, dtype=numpy.float32).reshape(2, 3, 4, 5)
    m = conv.to_nhwc_matrix(x)
    numpy.testing.assert_array_equal(m, x.transpose(0, 2, 3, 1).reshape(-1, 3))
    y = conv.from_nhwc_matrix(m, 2, 4, 5)
    numpy.testing.assert_array_equal(y, x)
    assert numpy.shares_memory(conv.to_nhwc_matrix(y), m)


@pytest.mark.parametrize('x_shape, k, s, p, out', [
    ((2, 3, 5, 6), (3, 3), (2, 2), (1, 1), (3, 3)),
    ((1, 2, 4, 4), (2, 3), (1, 2), (0, 1), (3, 2)),
    ((1, 2, 5, 5), (3, 3), (2, 2), (0, 0), (3, 3)),   # cover_all: reads past the border
])
def test_im2col_matches_loop_and_col2im_is_its_adjoint(x_shape, k, s, p, out):
    rng = numpy.random.RandomState(0)
    x = rng.normal(size=x_shape)
    n, c, h, w = x_shape
    col = conv.im2col(x, k[0], k[1], s[0], s[1], p[0], p[1], out[0], out[1])
    expected = numpy.zeros((n, out[0], out[1], k[0], k[1], c))
    for i in range(out[0]):
        for j in range(out[1]):
            for a in range(k[0]):
                for b in range(k[1]):
                    r, q = i * s[0] + a - p[0], j * s[1] + b - p[1]
                    if 0 <= r < h and 0 <= q < w:
                        expected[:, i, j, a, b, :] = x[:, :, r, q]
    numpy.testing.assert_array_equal(col, expected.reshape(col.shape))
    g = rng.normal(size=expected.shape)
    img = conv.col2im(g, s[0], s[1], p[0], p[1], h, w)
    assert img.shape == x.shape
    numpy.testing.assert_allclose((col * g.reshape(col.shape)).sum(), (x * img).sum(),
                                  rtol=1e-12)
