import numpy

from minigan import links as L
from minigan.testing import check_backward, check_double_backward
from tests.links_tests.helpers import load, save, to_float64


def test_lookup_and_default_normal():
    numpy.random.seed(6)
    link = L.EmbedID(5, 3)
    numpy.random.seed(6)
    expected = numpy.random.normal(0, 1.0, (5, 3)).astype(numpy.float32)
    numpy.testing.assert_array_equal(link.W.array, expected)
    ids = numpy.array([[0, 4], [2, 2]], dtype=numpy.int32)
    y = link(ids)
    assert y.shape == (2, 2, 3)
    numpy.testing.assert_array_equal(y.array, expected[ids])


def test_ignore_label_and_initialW():
    W = numpy.arange(6, dtype=numpy.float32).reshape(3, 2)
    link = L.EmbedID(3, 2, initialW=W, ignore_label=-1)
    y = link(numpy.array([1, -1, 2], dtype=numpy.int32))
    numpy.testing.assert_array_equal(y.array, [[2, 3], [0, 0], [4, 5]])


def test_gradient_and_serialize():
    link = to_float64(L.EmbedID(4, 2))
    ids = numpy.array([0, 3, 3], dtype=numpy.int32)
    gy = numpy.random.RandomState(0).normal(size=(3, 2))
    check_backward(lambda: link(ids), (), gy, params=(link.W,))
    check_double_backward(lambda: link(ids), (), gy, (numpy.ones((4, 2)),), params=(link.W,))
    fresh = L.EmbedID(4, 2)
    load(fresh, save(link))
    numpy.testing.assert_array_equal(fresh(ids).array, link(ids).array)
    assert [n for n, _ in link.namedparams()] == ['/W']
