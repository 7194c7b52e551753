import numpy
import pytest

import minigan.functions as F
from minigan import Variable
from minigan.testing import check_backward, check_double_backward


@pytest.mark.parametrize('axis', [1, (1, 2)])
def test_forward_matches_numpy_and_keeps_float32(axis):
    x = numpy.random.RandomState(0).randn(3, 4, 2).astype(numpy.float32)
    y = F.normalize(Variable(x), axis=axis)
    norm = numpy.sqrt((x * x).sum(axis=axis, keepdims=True))
    assert y.dtype == numpy.float32
    numpy.testing.assert_allclose(y.array, x / (norm + 1e-5), rtol=1e-5)


def test_eps_is_added_to_the_norm():
    y = F.normalize(numpy.array([[3.0, 4.0]]), eps=1.0)
    numpy.testing.assert_allclose(y.array, [[0.5, 2.0 / 3.0]])


@pytest.mark.parametrize('axis', [1, (1, 2)])
def test_backward_and_double_backward(axis):
    rng = numpy.random.RandomState(1)
    x = rng.randn(3, 4, 2)
    check_backward(lambda x: F.normalize(x, axis=axis), x, rng.randn(3, 4, 2))
    check_double_backward(lambda x: F.normalize(x, axis=axis), x, rng.randn(3, 4, 2),
                          rng.randn(3, 4, 2))
