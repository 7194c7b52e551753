"""F.power: y = a ** b with broadcasting; a > 0 so that dy/db = y log(a) exists."""
import pytest

import minigan.functions as F
from tests.functions_tests.math_tests._binary import (
    SHAPES, check_forward, check_gradients, operands)


@pytest.mark.parametrize('a_shape, b_shape', SHAPES)
def test_forward(a_shape, b_shape):
    check_forward(F.power, lambda a, b: a ** b, *operands(a_shape, b_shape, low=0.5, high=2.0))


@pytest.mark.parametrize('a_shape, b_shape', SHAPES)
def test_backward_and_double_backward(a_shape, b_shape):
    check_gradients(F.power, *operands(a_shape, b_shape, low=0.5, high=2.0))
