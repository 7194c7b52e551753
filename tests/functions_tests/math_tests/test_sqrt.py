import numpy
import pytest

import minigan.functions as F
from minigan import Variable
from minigan.testing import check_backward, check_double_backward


def _positive(shape, rng):
    return rng.uniform(0.5, 2.0, shape).astype(numpy.float32)


@pytest.mark.parametrize('func, ref', [(F.sqrt, numpy.sqrt),
                                       (F.rsqrt, lambda x: 1 / numpy.sqrt(x))])
def test_forward_matches_numpy_and_keeps_float32(func, ref):
    x = _positive((3, 4), numpy.random.RandomState(0))
    y = func(Variable(x))
    assert y.dtype == numpy.float32
    numpy.testing.assert_allclose(y.array, ref(x), rtol=1e-6)


@pytest.mark.parametrize('func', [F.sqrt, F.rsqrt])
def test_backward(func):
    rng = numpy.random.RandomState(1)
    check_backward(func, _positive((3, 4), rng), rng.randn(3, 4))


@pytest.mark.parametrize('func', [F.sqrt, F.rsqrt])
def test_double_backward(func):
    rng = numpy.random.RandomState(2)
    check_double_backward(func, _positive((3, 4), rng), rng.randn(3, 4), rng.randn(3, 4))


def test_rsqrt_gradient_value():
    x = Variable(numpy.array([4.0], numpy.float32))
    F.rsqrt(x).backward()
    numpy.testing.assert_allclose(x.grad, [-0.5 * 4.0 ** -1.5])
