"""Big NumPy scratch arrays whose memory is handed out again instead of given back.

glibc's malloc maps every array over 32 MB fresh from the kernel and unmaps it when it is
freed, and the kernel zeroes each page again on first touch: for an im2col matrix that costs
about as much as writing it (67 MB on the 2-core test machine: 4 ms of 8). ``empty`` keeps
the last few big arrays it made (at most ``capacity`` of them, ``max_bytes`` in all) and gives
one out again once nothing else refers to it.
Measured (benchmarks/ops.py, batch 64, 2 threads, medians of 5 runs): the 64 -> 128,
32 -> 16 convolution's forward + backward 96 -> 70 ms, with much less spread, when torch runs
between minigan's repetitions (as in that benchmark); timed alone, minigan gains 2-4 ms.

    col = workspace.empty(xp, (n, rows, cols), x.dtype)   # like xp.empty, maybe reused

An array counts as free when its only reference is this module's list (CPython's reference
count says so; ``_FREE_REFS`` is measured, not assumed). CuPy has a memory pool of its own,
so CuPy arrays come straight from ``xp.empty``.
"""
import sys
import threading

import numpy

#: big arrays kept for reuse (their memory stays with the process); 0 turns reuse off
capacity = 8
#: the most bytes kept in all; a bigger array is never kept
max_bytes = 1 << 29
_MIN_BYTES = 1 << 24  # NOTE: malloc already reuses its heap for arrays this small
_kept = []
_lock = threading.Lock()


def _refs(arrays, i):
    return sys.getrefcount(arrays[i])


_FREE_REFS = _refs([numpy.empty(0)], 0)  # an array that nothing but its list holds


def empty(xp, shape, dtype):
    """``xp.empty(shape, dtype)``, in the memory of an earlier array when one is free."""
    dtype = numpy.dtype(dtype)
    nbytes = int(numpy.prod(shape)) * dtype.itemsize
    if xp is not numpy or not _MIN_BYTES <= nbytes <= max_bytes or capacity <= 0:
        return xp.empty(shape, dtype)
    with _lock:
        for i in range(len(_kept)):
            if _kept[i].nbytes == nbytes and _refs(_kept, i) == _FREE_REFS:
                base = _kept.pop(i)
                break
        else:
            base = numpy.empty(nbytes, numpy.uint8)
        # NOTE: most recently used last; dropping one in use only stops its reuse
        _kept.append(base)
        del _kept[:-capacity]
        while sum(a.nbytes for a in _kept) > max_bytes:
            del _kept[0]
        return base.view(dtype).reshape(shape)


def clear():
    """Forget every kept array (memory in use elsewhere is freed when its user lets go)."""
    with _lock:
        del _kept[:]
