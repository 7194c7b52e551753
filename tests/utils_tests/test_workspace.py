import numpy
import pytest

from minigan.utils import workspace

BIG = (1 << 22) + 5  # float32 elements: over workspace's 16 MB threshold


@pytest.fixture(autouse=True)
def fresh(monkeypatch):
    monkeypatch.setattr(workspace, 'capacity', 2)
    workspace.clear()
    yield
    workspace.clear()


def test_memory_is_reused_only_once_nothing_refers_to_it():
    a = workspace.empty(numpy, (BIG,), numpy.float32)
    view = a.reshape(-1, 1)[::2]
    del a
    b = workspace.empty(numpy, (BIG,), numpy.float32)
    assert not numpy.shares_memory(view, b)    # a view keeps the first array busy
    del view
    c = workspace.empty(numpy, (1, BIG), numpy.float32)
    assert c.shape == (1, BIG) and c.dtype == numpy.float32 and c.flags.c_contiguous
    assert not numpy.shares_memory(b, c)
    ptr = c.ctypes.data
    del c
    assert workspace.empty(numpy, (BIG,), numpy.float32).ctypes.data == ptr


def test_same_bytes_any_dtype():
    a = workspace.empty(numpy, (BIG,), numpy.float32)
    ptr = a.ctypes.data
    del a
    b = workspace.empty(numpy, (BIG - 1,), numpy.float32)    # other byte count: fresh
    assert b.ctypes.data != ptr
    c = workspace.empty(numpy, (BIG,), numpy.int32)          # same bytes: reused
    assert c.ctypes.data == ptr and c.dtype == numpy.int32


def test_small_arrays_capacity_zero_and_capacity_bound(monkeypatch):
    small = workspace.empty(numpy, (10,), numpy.float32)
    del small
    assert not workspace._kept
    arrays = [workspace.empty(numpy, (BIG + i,), numpy.float32) for i in range(3)]
    assert len(workspace._kept) == 2 and arrays
    monkeypatch.setattr(workspace, 'capacity', 0)
    workspace.clear()
    del arrays
    assert workspace.empty(numpy, (BIG,), numpy.float32).shape == (BIG,)
    assert not workspace._kept


def test_kept_bytes_are_bounded(monkeypatch):
    monkeypatch.setattr(workspace, 'max_bytes', 3 * BIG * 4)
    huge = workspace.empty(numpy, (4 * BIG,), numpy.float32)    # over max_bytes: not kept
    assert not workspace._kept and huge.size == 4 * BIG
    arrays = [workspace.empty(numpy, (BIG + i,), numpy.float32) for i in range(2)]
    arrays.append(workspace.empty(numpy, (2 * BIG,), numpy.float32))
    assert sum(a.nbytes for a in workspace._kept) <= workspace.max_bytes
    assert [a.nbytes for a in workspace._kept] == [arrays[2].nbytes]
