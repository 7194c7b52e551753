import numpy
import pytest

import minigan.functions as F
from minigan import Variable
from minigan.testing import check_backward, check_double_backward


def _reference(x, group_size, eps=1e-8):
    n = x.shape[0]
    g = n if group_size is None else min(group_size, n)
    groups = n // g
    y = numpy.empty((n, 1) + x.shape[2:], x.dtype)
    for k in range(groups):
        members = x[k::groups]  # sample i belongs to group i % groups
        s = numpy.sqrt(members.var(axis=0) + eps).mean()
        y[k::groups] = s
    return numpy.concatenate([x, y], axis=1)


def test_hand_computed_value():
    # two samples, one channel, pixels (1, 2) and (3, 6): stds 1 and 2 average to 1.5
    x = numpy.array([[[[1.0, 2.0]]], [[[3.0, 6.0]]]], numpy.float32)
    y = F.minibatch_stddev(Variable(x))
    assert y.shape == (2, 2, 1, 2) and y.dtype == numpy.float32
    numpy.testing.assert_allclose(y.array[:, 0], x[:, 0])
    numpy.testing.assert_allclose(y.array[:, 1], numpy.full((2, 1, 2), 1.5), rtol=1e-6)


@pytest.mark.parametrize('shape, group_size', [((4, 3, 2, 2), None), ((4, 3, 2, 2), 2),
                                               ((6, 2, 3, 1), 3), ((2, 2, 2, 2), 4),
                                               ((4, 5), 2)])
def test_forward_matches_loop(shape, group_size):
    x = numpy.random.RandomState(0).randn(*shape)
    y = F.minibatch_stddev(x, group_size)
    numpy.testing.assert_allclose(y.array, _reference(x, group_size), rtol=1e-12)


def test_indivisible_batch_raises():
    with pytest.raises(ValueError):
        F.minibatch_stddev(numpy.zeros((6, 1, 2, 2)), group_size=4)


@pytest.mark.parametrize('group_size', [None, 2])
def test_backward_and_double_backward(group_size):
    rng = numpy.random.RandomState(1)
    x = rng.randn(4, 2, 2, 3)
    gy = rng.randn(4, 3, 2, 3)

    def func(x):
        return F.minibatch_stddev(x, group_size)
    check_backward(func, x, gy)
    check_double_backward(func, x, gy, rng.randn(*x.shape))
