"""Python operators on Variables: values, dtypes kept, and comparisons as plain arrays."""
import numpy
import pytest

import minigan.functions as F
from minigan import Variable


def _var(values):
    return Variable(numpy.asarray(values, numpy.float32))


@pytest.mark.parametrize('op', [
    lambda x: x + 1, lambda x: 1 + x, lambda x: x - 0.5, lambda x: 2 - x, lambda x: x * 3.0,
    lambda x: 2.5 * x, lambda x: x / 2, lambda x: 1 / x, lambda x: x ** 2, lambda x: -x,
    lambda x: abs(x), lambda x: x * numpy.float64(2.0), lambda x: x + numpy.ones(2),
    lambda x: numpy.float64(2.0) * x, lambda x: numpy.ones(2) - x, lambda x: 2 ** x])
def test_operators_keep_float32(op):
    x = _var([1.0, 2.0])
    y = op(x)
    assert y.dtype == numpy.float32
    F.sum(y).backward()
    assert x.grad.dtype == numpy.float32


def test_operator_values():
    x = _var([1.0, 4.0])
    numpy.testing.assert_allclose((2 - x).array, [1.0, -2.0])
    numpy.testing.assert_allclose((1 / x).array, [1.0, 0.25])
    numpy.testing.assert_allclose((x ** 0.5).array, [1.0, 2.0])
    numpy.testing.assert_allclose((x.reshape(1, 2) @ x.reshape(2, 1)).array, [[17.0]])


def test_comparisons_return_bool_arrays():
    x, y = _var([1.0, 2.0, 3.0]), _var([2.0, 2.0, 2.0])
    for result, expected in [(x < y, [True, False, False]), (x <= y, [True, True, False]),
                             (x > 2.0, [False, False, True]), (x >= y, [False, True, True]),
                             (x == y, [False, True, False]), (x != 2.0, [True, False, True])]:
        assert isinstance(result, numpy.ndarray) and result.dtype == bool
        numpy.testing.assert_array_equal(result, expected)
