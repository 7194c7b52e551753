"""minigan.utils.parallel: every element is visited exactly once, in any layout and block size."""
import threading

import numpy
import pytest

from minigan.utils import parallel


@pytest.fixture
def tiny_blocks(monkeypatch):
    """Thread and cut even tiny arrays, in odd-sized blocks, over three threads."""
    monkeypatch.setattr(parallel, 'min_size', 1)
    monkeypatch.setattr(parallel, 'block_size', 7)
    monkeypatch.setattr(parallel, 'num_threads', 3)


@pytest.mark.parametrize('n', [1, 2, 5, 64])
def test_over_rows_covers_every_row_once(tiny_blocks, n):
    slices = []
    parallel.over_rows(lambda a, b: slices.append((a, b)), n, 10 ** 6, numpy)
    assert sorted(i for a, b in slices for i in range(a, b)) == list(range(n))
    assert len(slices) == min(3, n)


def test_over_rows_stays_in_the_caller_below_the_threshold():
    threads = set()
    parallel.over_rows(lambda a, b: threads.add(threading.get_ident()), 8, 10, numpy)
    assert threads == {threading.get_ident()}


@pytest.mark.parametrize('n,row_size', [(1, 100), (10, 3), (33, 1), (5, 7)])
def test_over_blocks_covers_every_row_once(tiny_blocks, n, row_size):
    slices = []
    parallel.over_blocks(lambda a, b: slices.append((a, b)), n, row_size, numpy)
    assert sorted(i for a, b in slices for i in range(a, b)) == list(range(n))
    assert all(b - a == max(1, 7 // row_size) or b == n for a, b in slices)


def _layouts(shape, rng):
    """The same values C-contiguous, channels-last, and as a strided slice."""
    n, c, h, w = shape
    base = rng.randn(n, h, w, c)
    strided = rng.randn(n, 2 * c, h, w)[:, ::2]
    return {'c': numpy.ascontiguousarray(base.transpose(0, 3, 1, 2)),
            'channels_last': base.transpose(0, 3, 1, 2), 'strided': strided}


def _kernel(y, a, b):
    numpy.multiply(a, b, out=y)
    y += 1


@pytest.mark.parametrize('layout', ['c', 'channels_last', 'strided'])
@pytest.mark.parametrize('shape', [(3, 5, 7, 2), (1, 1, 1, 1), (2, 3, 4, 5)])
def test_elementwise_matches_one_call(tiny_blocks, layout, shape):
    rng = numpy.random.RandomState(0)
    a = _layouts(shape, rng)[layout]
    b = _layouts(shape, rng)[layout]
    y = numpy.empty_like(a)
    parallel.elementwise(_kernel, y, a, b)
    numpy.testing.assert_array_equal(y, a * b + 1)


def test_elementwise_with_mixed_layouts_falls_back_to_one_call(tiny_blocks):
    rng = numpy.random.RandomState(1)
    layouts = _layouts((3, 5, 7, 2), rng)
    a, b = layouts['c'], layouts['channels_last']
    calls = []

    def kernel(y, a, b):
        calls.append(y.shape)
        _kernel(y, a, b)
    y = numpy.empty_like(a)
    parallel.elementwise(kernel, y, a, b)
    numpy.testing.assert_array_equal(y, a * b + 1)
    assert calls == [a.shape]


def test_elementwise_errors_reach_the_caller(tiny_blocks):
    def kernel(y, x):
        raise RuntimeError('boom')
    with pytest.raises(RuntimeError, match='boom'):
        parallel.elementwise(kernel, numpy.empty(50), numpy.ones(50))
