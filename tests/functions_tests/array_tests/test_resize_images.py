import contextlib
import math

import numpy
import pytest

import minigan
import minigan.functions as F
from minigan import Variable
from minigan.backend import cuda
from minigan.testing import check_backward, check_double_backward
from tests.functions_tests.cupy_helpers import DEVICES


def _source(o, in_size, out_size, mode, align_corners):
    """Chainer 7's source coordinate of output pixel o along one axis."""
    if mode == 'nearest':
        return min(math.floor(o * in_size / out_size), in_size - 1)
    if align_corners:
        return o * (in_size - 1) / (out_size - 1) if out_size > 1 else 0.0
    return max((o + 0.5) * in_size / out_size - 0.5, 0.0)


def _reference(x, out_shape, mode, align_corners):
    """Per-pixel bilinear interpolation between the four neighbours (clamped at the edge)."""
    n, c, h, w = x.shape
    y = numpy.empty((n, c) + tuple(out_shape))
    for i in range(out_shape[0]):
        for j in range(out_shape[1]):
            v = _source(i, h, out_shape[0], mode, align_corners)
            u = _source(j, w, out_shape[1], mode, align_corners)
            v0, u0 = int(math.floor(v)), int(math.floor(u))
            v1, u1 = min(v0 + 1, h - 1), min(u0 + 1, w - 1)
            a, b = v - v0, u - u0
            y[:, :, i, j] = ((1 - a) * (1 - b) * x[:, :, v0, u0] + (1 - a) * b * x[:, :, v0, u1]
                             + a * (1 - b) * x[:, :, v1, u0] + a * b * x[:, :, v1, u1])
    return y


CASES = [((3, 4), (5, 7), 'bilinear', True), ((4, 4), (2, 3), 'bilinear', True),
         ((3, 4), (5, 7), 'bilinear', False), ((4, 6), (3, 2), 'bilinear', False),
         ((3, 4), (7, 5), 'nearest', True), ((4, 4), (2, 3), 'nearest', False),
         ((3, 3), (1, 1), 'bilinear', True)]


@pytest.mark.parametrize('in_hw, out_hw, mode, align_corners', CASES)
def test_forward_matches_per_pixel_loop_and_keeps_float32(in_hw, out_hw, mode, align_corners):
    x = numpy.random.RandomState(0).randn(2, 3, *in_hw).astype(numpy.float32)
    y = F.resize_images(Variable(x), out_hw, mode=mode, align_corners=align_corners)
    assert y.shape == (2, 3) + out_hw and y.dtype == numpy.float32
    numpy.testing.assert_allclose(y.array, _reference(x, out_hw, mode, align_corners),
                                  rtol=1e-5, atol=1e-6)


def test_hand_computed_align_corners():
    x = numpy.array([[0.0, 1.0], [2.0, 3.0]]).reshape(1, 1, 2, 2)
    y = F.resize_images(x, (3, 3))
    numpy.testing.assert_allclose(y.array[0, 0], [[0, 0.5, 1], [1, 1.5, 2], [2, 2.5, 3]])


def test_half_size_without_align_corners_is_average_pooling():
    x = numpy.random.RandomState(1).randn(2, 2, 4, 6)
    y = F.resize_images(x, (2, 3), align_corners=False)
    numpy.testing.assert_allclose(y.array, F.average_pooling_2d(x, 2).array, rtol=1e-12)


def test_nearest_double_size_is_unpooling():
    x = numpy.random.RandomState(2).randn(1, 2, 3, 2)
    y = F.resize_images(x, (6, 4), mode='nearest')
    numpy.testing.assert_array_equal(y.array, F.unpooling_2d(x, 2, cover_all=False).array)


@pytest.mark.parametrize('in_hw, out_hw, mode, align_corners', CASES[:4] + CASES[5:6])
def test_backward_and_double_backward(in_hw, out_hw, mode, align_corners):
    rng = numpy.random.RandomState(3)
    x = rng.randn(2, 2, *in_hw)
    gy = rng.randn(2, 2, *out_hw)

    def func(x):
        return F.resize_images(x, out_hw, mode=mode, align_corners=align_corners)
    check_backward(func, x, gy)
    check_double_backward(func, x, gy, rng.randn(*x.shape))


@pytest.mark.parametrize('device', DEVICES)
@pytest.mark.parametrize('mode', ['bilinear', 'nearest'])
def test_cupy_matches_numpy(mode, device):
    x = numpy.random.RandomState(4).randn(2, 3, 4, 5).astype(numpy.float32)
    gy = numpy.random.RandomState(5).randn(2, 3, 7, 3).astype(numpy.float32)
    results = []
    for send, context in ((cuda.to_cpu, contextlib.nullcontext), device):
        with context():
            xv = Variable(send(x))
            y = F.resize_images(xv, (7, 3), mode=mode)
            gx, = minigan.grad([y], [xv], grad_outputs=[send(gy)])
            results.append((cuda.to_cpu(y.array), cuda.to_cpu(gx.array)))
    for a, b in zip(*results):
        numpy.testing.assert_allclose(b, a, rtol=1e-5, atol=1e-5)
