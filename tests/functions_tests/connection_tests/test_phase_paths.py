"""Convolution and deconvolution when the deconvolution runs by phases (minigan.utils.subpixel).

The phase path takes over only where it pays (big DCGAN layers), so these tests force it on
small shapes and count its calls: deconvolution's forward, convolution's input gradient
(a deconvolution) and every derivative built from them must agree with the plain
(im2col + matmul) versions.
"""
import numpy
import pytest

import minigan
import minigan.functions as F
from minigan.testing import check_backward, check_double_backward
from minigan.functions.connection.plain_convolution import (
    convolution_2d_plain, deconvolution_2d_plain)
from minigan.utils import subpixel
from tests.functions_tests.cupy_helpers import DEVICES, assert_cupy_matches_numpy

# (x shape, W shape (in, out, kh, kw), stride, pad, outsize)
DECONV_CASES = [
    ((2, 3, 3, 5), (3, 2, 4, 4), 2, 1, None),
    ((1, 2, 2, 3), (2, 3, 6, 6), 3, 2, None),
    ((3, 1, 3, 2), (1, 2, 4, 6), (2, 3), (1, 0), None),
    ((1, 2, 3, 3), (2, 2, 4, 4), 2, 1, (5, 5)),      # outsize that needs cover_all (crops)
]
# (x shape, W shape (out, in, kh, kw), stride, pad, cover_all)
CONV_CASES = [
    ((2, 3, 7, 6), (2, 3, 4, 4), 2, 1, False),
    ((1, 2, 8, 7), (3, 2, 6, 6), 3, 2, False),
    ((1, 2, 7, 7), (2, 2, 4, 4), 2, 0, True),
]


@pytest.fixture
def phases(monkeypatch):
    """Route every deconvolution whose kernel splits through the phase path; count the calls."""
    calls = []
    run = subpixel.deconv_by_phases

    def counted(*args):
        calls.append(args[0].shape)
        return run(*args)
    monkeypatch.setattr(subpixel, 'deconv_by_phases', counted)
    monkeypatch.setattr(subpixel, 'applies', lambda x_shape, w_shape, stride, pad, outsize:
                        subpixel.can_split(w_shape[2], w_shape[3], *stride))
    return calls


def _data(x_shape, w_shape, b_size, seed=0):
    rng = numpy.random.RandomState(seed)
    return (rng.uniform(-1, 1, x_shape), rng.uniform(-1, 1, w_shape),
            rng.uniform(-1, 1, b_size))


@pytest.mark.parametrize('x_shape, w_shape, stride, pad, outsize', DECONV_CASES)
def test_deconvolution(phases, x_shape, w_shape, stride, pad, outsize):
    x, W, b = _data(x_shape, w_shape, w_shape[1])

    def f(x, W, b):
        return F.deconvolution_2d(x, W, b, stride=stride, pad=pad, outsize=outsize)
    y = f(x, W, b)
    expected = deconvolution_2d_plain(x, W, b, stride, pad, outsize).array
    numpy.testing.assert_allclose(y.array, expected, rtol=1e-12, atol=1e-12)
    assert phases
    rng = numpy.random.RandomState(1)
    gy = rng.normal(size=y.shape)
    check_backward(f, (x, W, b), gy)
    check_double_backward(lambda x, W, b: f(x, W, b) ** 2, (x, W, b), gy,
                          tuple(rng.normal(size=a.shape) for a in (x, W, b)))


@pytest.mark.parametrize('x_shape, w_shape, stride, pad, cover_all', CONV_CASES)
def test_convolution(phases, x_shape, w_shape, stride, pad, cover_all):
    x, W, b = _data(x_shape, w_shape, w_shape[0])

    def f(x, W, b):
        return F.convolution_2d(x, W, b, stride=stride, pad=pad, cover_all=cover_all)
    y = f(x, W, b)
    expected = convolution_2d_plain(x, W, b, stride, pad, cover_all).array
    numpy.testing.assert_allclose(y.array, expected, rtol=1e-12, atol=1e-12)
    rng = numpy.random.RandomState(1)
    gy = rng.normal(size=y.shape)
    xv = minigan.Variable(x)
    gx, = minigan.grad([f(xv, W, b)], [xv], [minigan.Variable(gy)])
    assert phases    # the input gradient is a deconvolution
    # NOTE: <conv(x), gy> = <x, gx>: the phase path computes the adjoint
    numpy.testing.assert_allclose((y.array - b.reshape(1, -1, 1, 1)).ravel() @ gy.ravel(),
                                  x.ravel() @ gx.array.ravel(), rtol=1e-12)
    check_backward(f, (x, W, b), gy)
    check_double_backward(lambda x, W, b: f(x, W, b) ** 2, (x, W, b), gy,
                          tuple(rng.normal(size=a.shape) for a in (x, W, b)))


@pytest.mark.parametrize('device', DEVICES)
def test_cupy_matches_numpy(phases, device):
    rng = numpy.random.RandomState(0)
    x, W, b = (rng.normal(size=s).astype(numpy.float32)
               for s in ((2, 3, 3, 5), (3, 2, 4, 4), (2,)))
    gy = rng.normal(size=(2, 2, 6, 10)).astype(numpy.float32)
    assert_cupy_matches_numpy(
        lambda x, W, b, gy: F.deconvolution_2d(x, W, b, stride=2, pad=1) * gy,
        [x, W, b, gy], device, rtol=1e-4, atol=1e-4)
    assert len(phases) == 2
