import numpy
import pytest

import minigan.functions as F
from minigan import Variable
from minigan.testing import check_backward, check_double_backward


def _reference(x, W, b):
    return F.convolution_2d(F.unpooling_2d(x, 2, cover_all=False), W, b, pad=1).array


@pytest.mark.parametrize('size', [(1, 1), (3, 5), (12, 10)])  # NOTE: 12 takes the phase path
@pytest.mark.parametrize('layout', ['c_order', 'channels_last', 'strided'])
def test_forward_matches_upsampling_then_convolution(size, layout):
    rng = numpy.random.RandomState(0)
    h, w = size
    x = rng.randn(2, 3, h, w).astype(numpy.float32)
    if layout == 'channels_last':
        x = numpy.ascontiguousarray(x.transpose(0, 2, 3, 1)).transpose(0, 3, 1, 2)
    elif layout == 'strided':
        x = numpy.concatenate([x, x], axis=1)[:, ::2]
    W = rng.randn(4, 3, 3, 3).astype(numpy.float32)
    b = rng.randn(4).astype(numpy.float32)
    y = F.upsampling_convolution_2d(Variable(x), Variable(W), Variable(b))
    assert y.shape == (2, 4, 2 * h, 2 * w) and y.dtype == numpy.float32
    numpy.testing.assert_allclose(y.array, _reference(x, W, b), rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize('size', [(2, 3), (10, 9)])
def test_backward_and_double_backward(size):
    rng = numpy.random.RandomState(1)
    x = rng.randn(2, 3, *size)
    W, b = rng.randn(2, 3, 3, 3), rng.randn(2)
    gy = rng.randn(2, 2, 2 * size[0], 2 * size[1])
    ggs = [rng.randn(*x.shape), rng.randn(*W.shape), rng.randn(*b.shape)]
    check_backward(F.upsampling_convolution_2d, (x, W, b), gy)
    check_double_backward(F.upsampling_convolution_2d, (x, W, b), gy, ggs)


def test_only_3x3_kernels():
    with pytest.raises(ValueError, match='3x3'):
        F.upsampling_convolution_2d(numpy.zeros((1, 1, 2, 2)), numpy.zeros((1, 1, 5, 5)))
