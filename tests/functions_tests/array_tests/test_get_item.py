"""F.get_item: basic and advanced indexing, derivatives, and repeated indices accumulating."""
import numpy
import pytest

import minigan.functions as F
from minigan import Variable
from tests.functions_tests.array_tests._unary import check_gradients

SLICES = [1, (slice(None), 2), (slice(0, 2), slice(None, None, -1)), (Ellipsis, 0),
          ([0, 2, 2],), (slice(None), [1, 0]), (numpy.array([True, False, True]),),
          (None, 1)]


@pytest.mark.parametrize('slices', SLICES)
def test_forward_and_gradients(slices):
    x = numpy.random.RandomState(0).randn(3, 4)
    y = F.get_item(Variable(x.astype(numpy.float32)), slices)
    assert y.dtype == numpy.float32
    numpy.testing.assert_array_equal(y.array, x.astype(numpy.float32)[slices])
    check_gradients(lambda x: F.get_item(x, slices), x)


def test_repeated_indices_accumulate_their_gradients():
    x = Variable(numpy.zeros(3, numpy.float32))
    F.sum(F.get_item(x, ([0, 2, 2, 2],))).backward()
    numpy.testing.assert_array_equal(x.grad, [1, 0, 3])
