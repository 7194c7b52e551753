"""Shared cases for the broadcasting binary ops' tests: operand shapes and a checker."""
import numpy

from minigan import Variable
from minigan.testing import check_backward, check_double_backward

# (a's shape, b's shape): equal, trailing-axis, both-sided and scalar broadcasting
SHAPES = [((3, 4), (3, 4)), ((3, 4), (4,)), ((2, 1, 4), (3, 1)), ((3, 4), ())]


def operands(a_shape, b_shape, seed=0, low=-1.0, high=1.0):
    """float64 a and b, with |values| in [0.5, 1) when ``low`` >= 0.5 is asked for."""
    rng = numpy.random.RandomState(seed)
    return rng.uniform(low, high, a_shape), rng.uniform(low, high, b_shape)


def check_forward(op, reference, a, b):
    """op on float32 Variables keeps float32 and matches NumPy's expression."""
    a32, b32 = a.astype(numpy.float32), b.astype(numpy.float32)
    y = op(Variable(a32), Variable(b32))
    assert y.dtype == numpy.float32 and y.shape == numpy.broadcast(a, b).shape
    numpy.testing.assert_allclose(y.array, reference(a32, b32), rtol=1e-6)


def check_gradients(op, a, b, seed=1):
    """First and second derivatives of op (squared, so that linear ops have one too)."""
    rng = numpy.random.RandomState(seed)
    y_shape = numpy.broadcast(a, b).shape
    gy = rng.normal(size=y_shape)
    check_backward(op, (a, b), gy)

    def squared(a, b):
        y = op(a, b)
        return y * y
    ggs = (numpy.asarray(rng.normal(size=a.shape)), numpy.asarray(rng.normal(size=b.shape)))
    check_double_backward(squared, (a, b), gy, ggs)
