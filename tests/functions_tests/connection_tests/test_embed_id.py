import contextlib

import numpy
import pytest

import minigan
import minigan.functions as F
from minigan import Variable
from minigan.backend import cuda
from minigan.testing import check_backward, check_double_backward
from tests.functions_tests.cupy_helpers import DEVICES


def test_forward_is_row_lookup_and_keeps_float32():
    W = numpy.random.RandomState(0).randn(5, 3).astype(numpy.float32)
    x = numpy.array([[0, 4], [2, 2]], numpy.int32)
    y = F.embed_id(x, Variable(W))
    assert y.shape == (2, 2, 3) and y.dtype == numpy.float32
    numpy.testing.assert_array_equal(y.array, W[x])


def test_ignore_label_gives_zero_rows_and_no_gradient():
    W = Variable(numpy.arange(12, dtype=numpy.float32).reshape(4, 3))
    x = Variable(numpy.array([1, -1, 3, 1], numpy.int32))
    y = F.embed_id(x, W, ignore_label=-1)
    numpy.testing.assert_array_equal(y.array, [[3, 4, 5], [0, 0, 0], [9, 10, 11], [3, 4, 5]])
    y.grad = numpy.ones((4, 3), numpy.float32)
    y.backward()
    # row 1 is looked up twice, so its gradients add up
    numpy.testing.assert_array_equal(W.grad[:, 0], [0, 2, 0, 1])


@pytest.mark.parametrize('ignore_label', [None, 2])
def test_backward_and_double_backward(ignore_label):
    rng = numpy.random.RandomState(1)
    x = numpy.array([[0, 2, 1], [1, 1, 3]], numpy.int32)
    W = rng.randn(4, 3)
    gy = rng.randn(2, 3, 3)

    def func(x, W):
        return F.embed_id(x, W, ignore_label)
    check_backward(func, (x, W), gy)
    check_double_backward(func, (x, W), gy, rng.randn(4, 3))


@pytest.mark.parametrize('device', DEVICES)
def test_cupy_matches_numpy(device):
    x = numpy.array([[0, 2, 1], [1, 1, 3]], numpy.int32)
    W = numpy.random.RandomState(2).randn(4, 3).astype(numpy.float32)
    results = []
    for send, context in ((cuda.to_cpu, contextlib.nullcontext), device):
        with context():
            Wv = Variable(send(W))
            y = F.embed_id(send(x), Wv, ignore_label=2)
            gW, = minigan.grad([y], [Wv])
            results.append((cuda.to_cpu(y.array), cuda.to_cpu(gW.array)))
    for a, b in zip(*results):
        numpy.testing.assert_allclose(b, a, rtol=1e-6)
