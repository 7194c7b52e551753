"""F.multiply: y = a * b with broadcasting, forward and first and second derivatives."""
import pytest

import minigan.functions as F
from tests.functions_tests.math_tests._binary import (
    SHAPES, check_forward, check_gradients, operands)


@pytest.mark.parametrize('a_shape, b_shape', SHAPES)
def test_forward(a_shape, b_shape):
    check_forward(F.multiply, lambda a, b: a * b, *operands(a_shape, b_shape))


@pytest.mark.parametrize('a_shape, b_shape', SHAPES)
def test_backward_and_double_backward(a_shape, b_shape):
    check_gradients(F.multiply, *operands(a_shape, b_shape))
