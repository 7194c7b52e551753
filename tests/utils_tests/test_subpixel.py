import itertools

import numpy
import pytest

import minigan.functions as F
from minigan.functions.connection.plain_convolution import deconvolution_2d_plain
from minigan.utils import subpixel

# (stride, ksize): every kernel axis a multiple of its stride
KERNELS = [((2, 2), (4, 4)), ((2, 2), (6, 6)), ((3, 3), (6, 6)), ((2, 3), (4, 6)),
           ((3, 2), (3, 4))]
SIZES = [(1, 1), (1, 4), (2, 3), (5, 4), (9, 7), (3, 9)]
PADS = [(0, 0), (1, 1), (2, 2), (1, 2)]


def _cases():
    """(n, c, out, (h, w), stride, ksize, pad, outsize): batch, channels, shapes, outsizes."""
    channels = itertools.cycle([(1, 2), (3, 5), (5, 1)])
    batches = itertools.cycle([1, 3])
    for (s, k), size, p in itertools.product(KERNELS, SIZES, PADS):
        default = tuple(si * (n - 1) + ki - 2 * pi for si, n, ki, pi in zip(s, size, k, p))
        c, out = next(channels)
        # NOTE: default - (s - 1) needs cover_all to map back; default + s - 1 does not
        for extra in (0, 1, -1):
            outsize = tuple(d + extra * (si - 1) for d, si in zip(default, s))
            if min(outsize) > 0:
                yield next(batches), c, out, size, s, k, p, outsize


@pytest.mark.parametrize('n, c, out, size, stride, ksize, pad, outsize', list(_cases()))
def test_phases_match_generic_path_and_plain_deconvolution(monkeypatch, n, c, out, size,
                                                           stride, ksize, pad, outsize):
    rng = numpy.random.RandomState(0)
    x = rng.normal(size=(n, c) + size)
    W = rng.normal(size=(c, out) + ksize)
    y = subpixel.deconv_by_phases(x, W, *stride, *pad, *outsize)
    expected = deconvolution_2d_plain(x, W, None, stride, pad, outsize).array
    assert y.shape == expected.shape
    numpy.testing.assert_allclose(y, expected, rtol=1e-12, atol=1e-12)
    monkeypatch.setattr(subpixel, 'applies', lambda *args: False)
    generic = F.deconvolution_2d(x, W, stride=stride, pad=pad, outsize=outsize).array
    numpy.testing.assert_allclose(y, generic, rtol=1e-12, atol=1e-12)


def test_float32_stays_float32_and_channels_last():
    rng = numpy.random.RandomState(0)
    x = rng.normal(size=(2, 3, 5, 4)).astype(numpy.float32)
    W = rng.normal(size=(3, 4, 4, 4)).astype(numpy.float32)
    y = subpixel.deconv_by_phases(x, W, 2, 2, 1, 1, 10, 8)
    assert y.dtype == numpy.float32
    assert y.transpose(0, 2, 3, 1).flags.c_contiguous
    expected = deconvolution_2d_plain(x.astype(numpy.float64), W.astype(numpy.float64), None, 2,
                                      1).array
    numpy.testing.assert_allclose(y, expected, rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize('x_shape, w_shape, stride, pad, expected', [
    ((64, 128, 16, 16), (128, 64, 4, 4), (2, 2), (1, 1), True),    # DCGAN G4: 16 -> 32
    ((64, 512, 4, 4), (512, 256, 4, 4), (2, 2), (1, 1), False),    # 4 -> 8: 56% wasted
    ((64, 64, 32, 32), (64, 3, 4, 4), (2, 2), (1, 1), False),      # 3 outputs: col is smaller
    ((64, 100, 1, 1), (100, 512, 4, 4), (1, 1), (0, 0), False),    # stride 1: no phases
    ((8, 16, 16, 16), (16, 16, 3, 3), (2, 2), (1, 1), False),      # 2 does not divide 3
])
def test_applies(x_shape, w_shape, stride, pad, expected):
    outsize = tuple(s * (n - 1) + k - 2 * p
                    for s, n, k, p in zip(stride, x_shape[2:], w_shape[2:], pad))
    assert subpixel.applies(x_shape, w_shape, stride, pad, outsize) == expected
