import math

import numpy
import pytest

import minigan
from minigan import functions as F
from minigan import initializers
from minigan import links as L
from minigan.testing import check_backward, check_double_backward
from tests.links_tests.helpers import load, save, to_float64


def _x(*shape):
    return numpy.random.RandomState(1).uniform(-1, 1, shape).astype(numpy.float32)


def test_forward_and_shapes():
    link = L.Linear(3, 4)
    assert link.W.shape == (4, 3) and link.b.shape == (4,)
    link.b.array[...] = numpy.arange(4)
    x = _x(5, 3)
    y = link(x)
    assert y.shape == (5, 4) and y.dtype == numpy.float32
    numpy.testing.assert_allclose(y.array, x @ link.W.array.T + numpy.arange(4), rtol=1e-5)


def test_default_weight_is_lecun_normal_from_global_rng():
    numpy.random.seed(0)
    link = L.Linear(6, 4)
    numpy.random.seed(0)
    expected = numpy.random.normal(0, math.sqrt(1 / 6), (4, 6)).astype(numpy.float32)
    numpy.testing.assert_array_equal(link.W.array, expected)
    numpy.testing.assert_array_equal(link.b.array, numpy.zeros(4))


@pytest.mark.parametrize('args', [(4,), (None, 4)])
def test_lazy_in_size_flattens_input(args):
    link = L.Linear(*args)
    assert link.W.array is None and link.b.shape == (4,)
    x = _x(2, 3, 2, 2)
    y = link(x)
    assert link.W.shape == (4, 12) and y.shape == (2, 4)
    numpy.testing.assert_allclose(y.array, x.reshape(2, 12) @ link.W.array.T, rtol=1e-5)


def test_nobias_and_initializers():
    W = numpy.arange(6, dtype=numpy.float32).reshape(2, 3)
    link = L.Linear(3, 2, nobias=True, initialW=W)
    assert link.b is None and [n for n, _ in link.namedparams()] == ['/W']
    numpy.testing.assert_array_equal(link.W.array, W)
    link = L.Linear(3, 2, initialW=initializers.One(), initial_bias=0.5)
    numpy.testing.assert_array_equal(link(numpy.ones((1, 3), numpy.float32)).array, [[3.5, 3.5]])


def test_gradients():
    link = to_float64(L.Linear(3, 2))
    x, gy = _x(4, 3), _x(4, 2)
    check_backward(link, x, gy, params=(link.W, link.b))
    check_double_backward(link, x, gy, _x(4, 3), params=(link.W, link.b))


def test_copy_modes_and_serialize():
    link = L.Linear(3, 2)
    x = _x(2, 3)
    deep = link.copy('copy')
    deep.W.array[...] = 1.0
    assert not (link.W.array == 1.0).all()
    xv = minigan.Variable(x)
    F.sum(deep(xv)).backward()
    # NOTE: F.linear retains W; the gradient must use the copy's W, not the original's.
    numpy.testing.assert_allclose(xv.grad, numpy.full((2, 3), 2.0))
    shared = link.copy()
    assert shared.W.array is link.W.array and shared.W is not link.W
    init = link.copy('init')
    assert init.W.shape == (2, 3) and not numpy.allclose(init.W.array, link.W.array)
    saved = save(link)
    assert sorted(saved) == ['W', 'b']
    fresh = L.Linear(2)
    load(fresh, saved)
    numpy.testing.assert_array_equal(fresh(x).array, link(x).array)
    assert link.to_cpu()(x).shape == (2, 2)
