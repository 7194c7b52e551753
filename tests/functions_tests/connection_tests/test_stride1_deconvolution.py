"""A stride-1 deconvolution computed as a convolution with the flipped kernel (im2col of x)
and as the column product plus col2im: both must equal the loops, to second order."""
import numpy
import pytest

import minigan.functions as F
from minigan.functions.connection.deconvolution_2d import Deconvolution2DFunction
from minigan.testing import check_backward, check_double_backward
from tests.functions_tests.connection_tests import slow_conv
from tests.functions_tests.cupy_helpers import DEVICES, assert_cupy_matches_numpy

# (x shape, W shape (in, out, kh, kw), pad)
CASES = [
    ((2, 3, 5, 4), (3, 4, 3, 3), 1),
    ((1, 2, 3, 6), (2, 2, 3, 3), 0),
    ((2, 2, 4, 3), (2, 3, 2, 3), (1, 2)),
    ((1, 3, 4, 4), (3, 3, 1, 1), 0),
    ((2, 4, 3, 5), (4, 2, 3, 3), 2),    # more input than output channels: col2im is used
]


@pytest.fixture(params=['as_convolution', 'col2im'])
def path(request, monkeypatch):
    calls = []

    def forced(self, c, out_c, kh, kw):
        calls.append(request.param)
        return (request.param == 'as_convolution' and self.sy == self.sx == 1
                and self.ph < kh and self.pw < kw)
    monkeypatch.setattr(Deconvolution2DFunction, '_as_convolution', forced)
    return calls


@pytest.mark.parametrize('x_shape, w_shape, pad', CASES)
def test_both_paths_match_the_loops(path, x_shape, w_shape, pad):
    rng = numpy.random.RandomState(0)
    x, W, b = (rng.uniform(-1, 1, s) for s in (x_shape, w_shape, w_shape[1]))

    def f(x, W, b):
        return F.deconvolution_2d(x, W, b, stride=1, pad=pad)
    y = f(x, W, b)
    numpy.testing.assert_allclose(y.array, slow_conv.deconv2d(x, W, b, 1, pad, None),
                                  rtol=1e-12, atol=1e-12)
    assert path
    gy = rng.normal(size=y.shape)
    check_backward(f, (x, W, b), gy)
    check_double_backward(lambda x, W, b: f(x, W, b) ** 2, (x, W, b), gy,
                          tuple(rng.normal(size=a.shape) for a in (x, W, b)))


def test_the_narrower_matrix_is_chosen():
    choose = Deconvolution2DFunction(1, 1)._as_convolution
    assert choose(64, 64, 3, 3) and choose(3, 64, 3, 3) and not choose(64, 3, 3, 3)
    assert not Deconvolution2DFunction(2, 1)._as_convolution(3, 64, 3, 3)
    assert not Deconvolution2DFunction(1, 3)._as_convolution(3, 64, 3, 3)


@pytest.mark.parametrize('device', DEVICES)
def test_cupy_matches_numpy(path, device):
    rng = numpy.random.RandomState(1)
    x, W, b = (rng.normal(size=s).astype(numpy.float32)
               for s in ((2, 3, 5, 4), (3, 4, 3, 3), (4,)))
    gy = rng.normal(size=(2, 4, 5, 4)).astype(numpy.float32)
    assert_cupy_matches_numpy(
        lambda x, W, b, gy: F.deconvolution_2d(x, W, b, stride=1, pad=1) * gy,
        [x, W, b, gy], device, rtol=1e-4, atol=1e-4)
