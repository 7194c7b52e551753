"""F.broadcast_to, F.sum_to (its adjoint) and F.broadcast: values and derivatives."""
import numpy
import pytest

import minigan.functions as F
from minigan import Variable
from tests.functions_tests.array_tests._unary import check_gradients

# (input shape, target shape)
CASES = [((3,), (2, 3)), ((2, 1), (2, 4)), ((1, 3, 1), (2, 3, 4)), ((), (2, 2)),
         ((2, 3), (2, 3))]


@pytest.mark.parametrize('in_shape, shape', CASES)
def test_broadcast_to_forward_and_gradients(in_shape, shape):
    x = numpy.asarray(numpy.random.RandomState(0).randn(*in_shape))
    y = F.broadcast_to(Variable(x.astype(numpy.float32)), shape)
    assert y.dtype == numpy.float32
    numpy.testing.assert_array_equal(y.array, numpy.broadcast_to(x.astype(numpy.float32), shape))
    check_gradients(lambda x: F.broadcast_to(x, shape), x)


@pytest.mark.parametrize('in_shape, shape', CASES)
def test_sum_to_is_the_adjoint_and_differentiable(in_shape, shape):
    # NOTE: <broadcast_to(x), g> == <x, sum_to(g)>
    rng = numpy.random.RandomState(2)
    x, g = numpy.asarray(rng.randn(*in_shape)), rng.randn(*shape)
    lhs = (F.broadcast_to(x, shape).array * g).sum()
    rhs = (x * F.sum_to(g, in_shape).array).sum()
    numpy.testing.assert_allclose(lhs, rhs, rtol=1e-12)
    check_gradients(lambda g: F.sum_to(g, in_shape), g)


def test_broadcast_several():
    a, b = numpy.ones((2, 1)), numpy.ones((3,))
    ya, yb = F.broadcast(a, b)
    assert ya.shape == yb.shape == (2, 3)
    assert F.broadcast(a).shape == (2, 1)
