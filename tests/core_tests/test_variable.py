"""Variable: its array-like surface, cutting the graph behind it."""
import numpy
import pytest

import minigan.functions as F
from minigan import Variable


def _var(values):
    return Variable(numpy.asarray(values, numpy.float32))


def test_unchain_backward_cuts_the_graph():
    x = _var([1.0, 2.0])
    h = x * 2.0
    y = F.sum(h * h)
    h.unchain_backward()
    assert h.creator is None
    y.backward()
    assert x.grad is None


def test_variable_surface():
    a = numpy.arange(6, dtype=numpy.float32).reshape(2, 3)
    x = Variable(a, name='x')
    assert len(x) == 2 and x.shape == (2, 3) and x.ndim == 2 and x.size == 6
    assert x.data is x.array and x.xp is numpy
    assert 'x' in repr(x) and repr(x).startswith('variable')
    numpy.testing.assert_array_equal(x.T.array, a.T)
    numpy.testing.assert_array_equal(x.reshape(3, 2).array, a.reshape(3, 2))
    numpy.testing.assert_array_equal(x.reshape((6,)).array, a.ravel())
    numpy.testing.assert_array_equal(x.transpose(1, 0).array, a.T)
    numpy.testing.assert_array_equal(x.transpose().array, a.T)
    numpy.testing.assert_array_equal(x[1].array, a[1])
    numpy.testing.assert_array_equal(x[:, [0, 2]].array, a[:, [0, 2]])
    F.sum(x[:, 1:] * 2.0).backward()
    numpy.testing.assert_array_equal(x.grad, [[0, 2, 2], [0, 2, 2]])
    with pytest.raises(TypeError):
        bool(x)
