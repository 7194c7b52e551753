"""F.divide: y = a / b with broadcasting, forward and first and second derivatives."""
import numpy
import pytest

import minigan.functions as F
from tests.functions_tests.math_tests._binary import (
    SHAPES, check_forward, check_gradients, operands)


def _away_from_zero(a_shape, b_shape):
    a, b = operands(a_shape, b_shape)
    return a, (0.5 + numpy.abs(b)) * numpy.sign(b)


@pytest.mark.parametrize('a_shape, b_shape', SHAPES)
def test_forward(a_shape, b_shape):
    check_forward(F.divide, lambda a, b: a / b, *_away_from_zero(a_shape, b_shape))


@pytest.mark.parametrize('a_shape, b_shape', SHAPES)
def test_backward_and_double_backward(a_shape, b_shape):
    check_gradients(F.divide, *_away_from_zero(a_shape, b_shape))
