"""Memory-bound NumPy passes split over the CPU cores with plain threads.

NumPy lets go of the GIL while it copies, adds or compares large arrays, so a few Python
threads, each given one slice, run such a pass on all cores at once (the matrix products are
multithreaded by BLAS already). im2col and col2im split over the batch axis; the elementwise
passes of the activations, batch normalization and Adam cut their arrays into blocks.
Below ``min_size`` elements a thread hand-off costs more than it saves, and on CuPy a pass is
one kernel anyway, so those run in the calling thread.

A fused pass here is a short Python function of a few NumPy calls with ``out=``, run block
by block: each block (``block_size`` elements) stays in the core's cache between the calls,
so three calls cost about one trip through memory, as one fused loop in C would.

    parallel.over_rows(fn, n, size, xp)        # fn(start, stop) on row slices of n rows
    parallel.elementwise(kernel, y, x)         # kernel(y_block, x_block) over every block
"""
import os
from concurrent.futures import ThreadPoolExecutor

import numpy

from minigan.backend import get_array_module

#: threads used for NumPy passes (BLAS has its own); ``set_num_threads`` changes it
num_threads = min(8, os.cpu_count() or 1)
#: elements below which a pass runs in one thread (about 1 MB of float32)
min_size = 1 << 18
#: elements per block of a fused pass (128 KB of float32: a few such blocks fit in L2)
block_size = 1 << 15
_pool = _pool_key = None


def set_num_threads(n):
    """Use ``n`` threads (at least 1) for the NumPy passes from now on."""
    global num_threads
    num_threads = max(1, int(n))


def _get_pool():
    global _pool, _pool_key
    if _pool_key != (os.getpid(), num_threads):
        # NOTE: a forked child inherits the pool object but not its threads: start its own
        _pool, _pool_key = ThreadPoolExecutor(num_threads), (os.getpid(), num_threads)
    return _pool


def chunks_for(size, n, xp):
    """How many slices a pass over ``size`` elements in ``n`` rows should be cut into."""
    if xp is not numpy or size < min_size:
        return 1
    return max(1, min(num_threads, n))


def over_rows(fn, n, size, xp):
    """Call fn(start, stop) on about equal slices of range(n), one per thread when it pays.

    ``size`` is the number of elements the whole pass touches, ``xp`` the array module.
    """
    chunks = chunks_for(size, n, xp)
    if chunks <= 1:
        fn(0, n)
        return
    bounds = [n * i // chunks for i in range(chunks + 1)]
    pool = _get_pool()
    jobs = [pool.submit(fn, a, b) for a, b in zip(bounds[1:-1], bounds[2:])]
    fn(bounds[0], bounds[1])  # NOTE: the calling thread does the first slice itself
    for job in jobs:
        job.result()


def _flat_views(arrays):
    """1-D views of same-shape dense arrays in their common memory order, or None.

    Channels-last (N, C, H, W) arrays are read in (N, H, W, C) order, plain ones in C order;
    element i of every view is then the same (n, c, h, w).
    """
    first = arrays[0]
    order = None
    if not first.flags.c_contiguous:
        order = sorted(range(first.ndim), key=lambda i: -abs(first.strides[i]))
    views = []
    for a in arrays:
        if a.shape != first.shape:
            return None
        t = a if order is None else a.transpose(order)
        if not t.flags.c_contiguous:
            return None
        views.append(t.reshape(-1))
    return views


def elementwise(kernel, *arrays):
    """Call ``kernel(*blocks)`` on matching blocks of same-shape arrays, over the threads.

    ``arrays`` are the inputs and the outputs that ``kernel`` writes with ``out=``; the kernel
    must be elementwise (any shape, scalars broadcast). Big dense NumPy arrays of one memory
    order are cut into blocks of ``block_size`` elements; otherwise (small, strided, mixed
    layouts, CuPy) the kernel runs once on the whole arrays.
    """
    size = arrays[0].size
    views = None
    if get_array_module(*arrays) is numpy and size >= min_size:
        views = _flat_views(arrays)
    if views is None:
        kernel(*arrays)
        return

    def run(a, b):
        kernel(*(v[a:b] for v in views))
    over_blocks(run, size, 1, numpy)


def over_blocks(fn, n, row_size, xp):
    """Call fn(start, stop) on slices of range(n) rows of ``row_size`` elements, each slice
    about ``block_size`` elements (at least one row), spread over the threads."""
    rows = max(1, block_size // max(1, row_size))

    def run(a, b):
        for start in range(a * rows, min(b * rows, n), rows):
            fn(start, min(start + rows, n))
    over_rows(run, -(-n // rows), n * row_size, xp)
