import numpy
import pytest

import minigan
import minigan.functions as F
from minigan import Variable
from minigan.testing import check_backward, check_double_backward


def test_training_forward_zeroes_and_scales():
    x = numpy.random.RandomState(0).uniform(1, 2, (50, 40)).astype(numpy.float32)
    numpy.random.seed(0)
    y, mask = F.dropout(Variable(x), 0.25, return_mask=True)
    assert y.dtype == numpy.float32 and mask.dtype == numpy.float32
    assert set(numpy.unique(mask).tolist()) == {0.0, numpy.float32(1 / 0.75)}
    numpy.testing.assert_allclose(y.array, x * mask)
    assert abs((mask == 0).mean() - 0.25) < 0.05


def test_same_seed_gives_the_same_mask():
    x = numpy.ones((4, 5), numpy.float32)
    numpy.random.seed(3)
    a = F.dropout(x).array
    numpy.random.seed(3)
    b = F.dropout(x).array
    numpy.testing.assert_array_equal(a, b)


def test_identity_outside_training():
    x = Variable(numpy.random.RandomState(1).randn(3, 4).astype(numpy.float32))
    with minigan.using_config('train', False):
        y = F.dropout(x, 0.5)
        _, mask = F.dropout(x, return_mask=True)
    numpy.testing.assert_array_equal(y.array, x.array)
    assert mask is None


def test_backward_uses_the_forward_mask():
    x = Variable(numpy.random.RandomState(2).randn(6, 7).astype(numpy.float32))
    y, mask = F.dropout(x, 0.5, return_mask=True)
    F.sum(y).backward()
    numpy.testing.assert_array_equal(x.grad, mask)


def test_bad_ratio_raises():
    with pytest.raises(ValueError):
        F.dropout(numpy.zeros(3, numpy.float32), 1.0)


def test_backward_and_double_backward_with_a_fixed_mask():
    rng = numpy.random.RandomState(4)
    x, gy, ggx = rng.randn(3, 4), rng.randn(3, 4), rng.randn(3, 4)
    mask = (rng.rand(3, 4) >= 0.5) * 2.0

    def f(x):
        return F.dropout(x, 0.5, mask=mask)
    check_backward(f, x, gy)
    check_double_backward(f, x, gy, ggx)


def test_zero_ratio_is_the_identity_in_training():
    x = numpy.random.RandomState(5).randn(3, 4).astype(numpy.float32)
    numpy.testing.assert_array_equal(F.dropout(x, 0.0).array, x)
