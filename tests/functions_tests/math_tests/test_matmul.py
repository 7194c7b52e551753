import numpy
import pytest

import minigan.functions as F
from minigan import Variable
from minigan.testing import check_backward, check_double_backward

# (shape of a, shape of b, transa, transb): matrices, broadcast stacks and 1-D vectors
CASES = [((2, 3), (3, 4), False, False), ((3, 2), (3, 4), True, False),
         ((2, 3), (4, 3), False, True), ((2, 1, 3, 2), (4, 2, 3), True, True),
         ((3,), (3,), False, False), ((3,), (3, 2), True, False), ((2, 3), (3,), False, True),
         ((2, 2, 3), (3,), False, False), ((3,), (2, 4, 3), False, True)]


def _reference(a, b, transa, transb):
    if transa and a.ndim > 1:
        a = a.swapaxes(-1, -2)
    if transb and b.ndim > 1:
        b = b.swapaxes(-1, -2)
    return numpy.einsum('...ij,...jk->...ik', a[None] if a.ndim == 1 else a,
                        b[:, None] if b.ndim == 1 else b).reshape(numpy.matmul(a, b).shape)


@pytest.mark.parametrize('a_shape, b_shape, transa, transb', CASES)
def test_forward_matches_numpy_and_keeps_float32(a_shape, b_shape, transa, transb):
    rng = numpy.random.RandomState(0)
    a = rng.randn(*a_shape).astype(numpy.float32)
    b = rng.randn(*b_shape).astype(numpy.float32)
    y = F.matmul(Variable(a), b, transa, transb)
    expected = _reference(a, b, transa, transb)
    assert y.dtype == numpy.float32 and y.shape == expected.shape
    numpy.testing.assert_allclose(y.array, expected, rtol=1e-5, atol=1e-6)


def test_two_vectors_give_their_dot_product():
    y = F.matmul(numpy.array([1.0, 2.0, 3.0]), numpy.array([4.0, 5.0, 6.0]))
    assert y.shape == ()
    numpy.testing.assert_allclose(y.array, 32.0)
    with pytest.raises(ValueError):
        F.matmul(numpy.array(1.0), numpy.ones(2))


def test_batch_matmul_is_matmul_over_the_leading_axis():
    rng = numpy.random.RandomState(1)
    a, b = rng.randn(3, 2, 4), rng.randn(3, 2, 5)
    numpy.testing.assert_allclose(F.batch_matmul(a, b, transa=True).array,
                                  numpy.einsum('bji,bjk->bik', a, b))


@pytest.mark.parametrize('a_shape, b_shape, transa, transb', CASES)
def test_backward_and_double_backward(a_shape, b_shape, transa, transb):
    rng = numpy.random.RandomState(2)
    a, b = rng.randn(*a_shape), rng.randn(*b_shape)

    def func(a, b):
        return F.matmul(a, b, transa, transb)
    gy = numpy.asarray(rng.randn(*func(a, b).shape))
    check_backward(func, (a, b), gy)
    check_double_backward(func, (a, b), gy, (rng.randn(*a_shape), rng.randn(*b_shape)))
