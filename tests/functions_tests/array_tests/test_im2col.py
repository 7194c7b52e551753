"""im2col against its definition, col2im as its adjoint, and both differentiated twice."""
import numpy
import pytest

import minigan.functions as F
from minigan.functions.array.im2col import col2im, im2col
from minigan.testing import check_backward, check_double_backward

# (x shape, ksize, stride, pad, cover_all, dilate)
CASES = [
    ((2, 3, 5, 5), 3, 1, 0, False, 1),
    ((2, 2, 7, 6), 3, 2, 1, False, 1),          # strided, padded, non-square
    ((1, 2, 6, 7), (2, 3), (2, 1), (1, 0), False, 1),  # rectangular everything
    ((1, 2, 6, 5), 3, 2, 0, True, 1),           # cover_all keeps the partial window
    ((1, 2, 7, 7), 3, 1, 2, False, 2),          # dilated taps
]


def loops(x, ksize, stride, pad, cover_all, dilate):
    """col[n, (c, p, q), i, j] = x[n, c, i*sy + p*dy - ph, j*sx + q*dx - pw], pixel by pixel."""
    (kh, kw), (sy, sx), (ph, pw), (dy, dx) = (
        v if isinstance(v, tuple) else (v, v) for v in (ksize, stride, pad, dilate))
    n, c, h, w = x.shape
    extra = (sy - 1, sx - 1) if cover_all else (0, 0)
    out_h = (h + 2 * ph - (kh - 1) * dy - 1 + extra[0]) // sy + 1
    out_w = (w + 2 * pw - (kw - 1) * dx - 1 + extra[1]) // sx + 1
    col = numpy.zeros((n, c, kh, kw, out_h, out_w))
    for p in range(kh):
        for q in range(kw):
            for i in range(out_h):
                for j in range(out_w):
                    r, s = i * sy + p * dy - ph, j * sx + q * dx - pw
                    if 0 <= r < h and 0 <= s < w:
                        col[:, :, p, q, i, j] = x[:, :, r, s]
    return col.reshape(n, c * kh * kw, out_h, out_w)


@pytest.mark.parametrize('x_shape, ksize, stride, pad, cover_all, dilate', CASES)
def test_forward_matches_its_definition(x_shape, ksize, stride, pad, cover_all, dilate):
    x = numpy.random.RandomState(0).normal(size=x_shape)
    col = F.im2col(x, ksize, stride, pad, cover_all, dilate)
    numpy.testing.assert_array_equal(col.array, loops(x, ksize, stride, pad, cover_all, dilate))


@pytest.mark.parametrize('x_shape, ksize, stride, pad, cover_all, dilate', CASES)
def test_col2im_is_the_adjoint(x_shape, ksize, stride, pad, cover_all, dilate):
    # NOTE: <im2col(x), g> == <x, col2im(g)> for every x and g
    rng = numpy.random.RandomState(1)
    x = rng.normal(size=x_shape)
    col = im2col(x, ksize, stride, pad, cover_all, dilate).array
    g = rng.normal(size=col.shape)
    back = col2im(g, x_shape, ksize, stride, pad, cover_all, dilate).array
    numpy.testing.assert_allclose((col * g).sum(), (x * back).sum(), rtol=1e-12)


@pytest.mark.parametrize('x_shape, ksize, stride, pad, cover_all, dilate', CASES)
def test_backward_and_double_backward(x_shape, ksize, stride, pad, cover_all, dilate):
    rng = numpy.random.RandomState(2)
    x = rng.normal(size=x_shape)
    y_shape = loops(x, ksize, stride, pad, cover_all, dilate).shape

    def f(x):
        y = im2col(x, ksize, stride, pad, cover_all, dilate)
        return y * y
    check_backward(f, (x,), rng.normal(size=y_shape))
    check_double_backward(f, (x,), rng.normal(size=y_shape), (rng.normal(size=x_shape),))

    def g(col):
        y = col2im(col, x_shape, ksize, stride, pad, cover_all, dilate)
        return y * y
    col = rng.normal(size=y_shape)
    check_backward(g, (col,), rng.normal(size=x_shape))
    check_double_backward(g, (col,), rng.normal(size=x_shape), (rng.normal(size=y_shape),))


def test_no_window_fits():
    with pytest.raises(ValueError, match='no window'):
        im2col(numpy.zeros((1, 1, 2, 2)), 3)
