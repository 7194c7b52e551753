"""F.transpose: values and derivatives (the gradient is the inverse permutation)."""
import numpy
import pytest

import minigan.functions as F
from minigan import Variable
from tests.functions_tests.array_tests._unary import check_gradients


@pytest.mark.parametrize('shape, axes', [
    ((2, 3), None), ((2, 3, 4), None), ((2, 3, 4), (1, 2, 0)), ((2, 3, 4, 5), (0, 2, 3, 1))])
def test_forward_and_gradients(shape, axes):
    x = numpy.random.RandomState(0).randn(*shape)
    y = F.transpose(Variable(x.astype(numpy.float32)), axes)
    assert y.dtype == numpy.float32
    numpy.testing.assert_array_equal(y.array, x.astype(numpy.float32).transpose(axes))
    check_gradients(lambda x: F.transpose(x, axes), x)
