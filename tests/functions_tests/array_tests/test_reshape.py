"""F.reshape: values (with one -1), derivatives, and no node for an unchanged shape."""
import numpy
import pytest

import minigan.functions as F
from minigan import Variable
from tests.functions_tests.array_tests._unary import check_gradients


@pytest.mark.parametrize('shape, new_shape', [
    ((2, 3), (6,)), ((2, 3, 4), (4, -1)), ((6,), (1, 2, 3)), ((2, 3), (3, 2))])
def test_forward_and_gradients(shape, new_shape):
    x = numpy.random.RandomState(0).randn(*shape)
    y = F.reshape(Variable(x.astype(numpy.float32)), new_shape)
    assert y.dtype == numpy.float32
    numpy.testing.assert_array_equal(y.array, x.astype(numpy.float32).reshape(new_shape))
    check_gradients(lambda x: F.reshape(x, new_shape), x)


def test_same_shape_returns_the_input_without_a_node():
    x = Variable(numpy.zeros((2, 3), numpy.float32))
    assert F.reshape(x, (2, 3)) is x
