import math

import numpy
import pytest

from minigan import functions as F
from minigan import links as L
from minigan.testing import check_backward, check_double_backward
from tests.links_tests.helpers import load, save, to_float64


def _x(shape, seed=10):
    return numpy.random.RandomState(seed).uniform(-1, 1, shape).astype(numpy.float32)


# (make the link, input shape, fan_in, reference call with an explicit weight)
CASES = {
    'linear': (lambda: L.EqualizedLinear(6, 4), (2, 6), 6,
               lambda link, x, W: F.linear(x, W, link.b)),
    'conv': (lambda: L.EqualizedConvolution2D(3, 4, 3, 1, 1), (2, 3, 4, 4), 27,
             lambda link, x, W: F.convolution_2d(x, W, link.b, 1, 1)),
    'deconv': (lambda: L.EqualizedDeconvolution2D(3, 2, 4, 2, 1), (2, 3, 2, 2), 48,
               lambda link, x, W: F.deconvolution_2d(x, W, link.b, 2, 1)),
}


@pytest.mark.parametrize('case', sorted(CASES))
def test_scale_is_he_constant_and_weights_standard_normal(case):
    make, _, fan_in, _ = CASES[case]
    numpy.random.seed(11)
    link = make()
    assert link.scale == pytest.approx(math.sqrt(2 / fan_in))
    numpy.random.seed(11)
    expected = numpy.random.normal(0, 1.0, link.W.shape).astype(numpy.float32)
    numpy.testing.assert_array_equal(link.W.array, expected)
    numpy.testing.assert_array_equal(link.b.array, numpy.zeros(link.b.shape))


@pytest.mark.parametrize('case', sorted(CASES))
def test_forward_scales_weight_at_run_time(case):
    make, shape, _, reference = CASES[case]
    link = make()
    link.b.array[...] = 0.25
    x = _x(shape)
    expected = reference(link, x, link.W.array * link.scale)
    numpy.testing.assert_allclose(link(x).array, expected.array, rtol=1e-5, atol=1e-6)


def test_gain_and_lazy_sizes():
    link = L.EqualizedLinear(3, gain=1.0)
    assert link.scale is None
    link(_x((2, 2, 4)))
    assert link.scale == pytest.approx(1 / math.sqrt(8))
    conv = L.EqualizedConvolution2D(4, 3, pad=1)
    conv(_x((1, 2, 3, 3)))
    assert conv.scale == pytest.approx(math.sqrt(2 / 18))
    deconv = L.EqualizedDeconvolution2D(None, 4, 2, 2)
    deconv(_x((1, 5, 2, 2)))
    assert deconv.W.shape == (5, 4, 2, 2) and deconv.scale == pytest.approx(math.sqrt(2 / 20))


@pytest.mark.parametrize('case', sorted(CASES))
def test_gradients(case):
    make, shape, _, _ = CASES[case]
    link = to_float64(make())
    x = _x(shape)
    gy = numpy.random.RandomState(1).normal(size=link(x).shape)
    check_backward(link, x, gy, params=(link.W, link.b))
    check_double_backward(link, x, gy, _x(shape, seed=2), params=(link.W, link.b))


def test_serialize_and_nobias():
    link = L.EqualizedConvolution2D(2, 3, 1, nobias=True)
    assert sorted(save(link)) == ['W'] and link.b is None
    fresh = L.EqualizedConvolution2D(2, 3, 1, nobias=True)
    load(fresh, save(link))
    x = _x((1, 2, 2, 2))
    numpy.testing.assert_array_equal(fresh(x).array, link(x).array)
