"""scatter_dataset: each process gets its own part of the training set.

The parts are contiguous ranges of one permutation (process 0's, from ``seed``), so
together they cover the whole set. When every process already holds the dataset (each read
the same folder) only the indices travel; a process that passes None receives its examples
from ``root`` (arrays, or tuples of arrays), as when the pictures sit on one machine only.
"""
import numpy

from minigan.datasets import SubDataset


class DataSizeError(RuntimeError):
    """The processes were given datasets of different lengths."""


def scatter_index(n_total_samples, comm, root=0, *, force_equal_length=True):
    """This process's range ``(begin, end)`` of ``n_total_samples`` indices.

    force_equal_length=True (ChainerMN's default, needed by updaters that step together):
    every range has ceil(n / size) indices, so a few examples appear in two ranges.
    False: the ranges partition the indices exactly; sizes differ by at most one.
    """
    ranges = _ranges(n_total_samples, comm.size, force_equal_length)
    return ranges[comm.rank]


def _ranges(n, size, force_equal_length):
    if force_equal_length:
        m = -(-n // size)
        return [(n * i // size, n * i // size + m) for i in range(size)]
    bounds = [n * i // size for i in range(size + 1)]
    return list(zip(bounds[:-1], bounds[1:]))


def scatter_dataset(dataset, comm, root=0, shuffle=False, seed=None,
                    max_buf_len=256 * 1024 * 1024, *, force_equal_length=True):
    """This process's part of ``dataset`` (a SubDataset, or a list of received examples).

    shuffle: split a permutation drawn with ``numpy.random.RandomState(seed)`` on ``root``
    rather than the dataset order. ``dataset`` may be None on processes other than ``root``.
    """
    lengths = comm.allgather_obj(None if dataset is None else len(dataset))
    n = lengths[root]
    if n is None:
        raise ValueError('scatter_dataset needs the dataset on process %d' % root)
    wrong = [r for r, m in enumerate(lengths) if m is not None and m != n]
    if wrong:
        raise DataSizeError('processes %s hold %s examples but process %d holds %d'
                            % (wrong, [lengths[r] for r in wrong], root, n))
    order = None
    if shuffle:
        order = numpy.random.RandomState(seed).permutation(n) if comm.rank == root else None
        order = comm.bcast_obj(order, max_buf_len=max_buf_len, root=root)
    ranges = _ranges(n, comm.size, force_equal_length)
    if comm.rank == root:
        for r, m in enumerate(lengths):
            if m is None:
                part = SubDataset(dataset, ranges[r][0], ranges[r][1], order)
                comm.send_obj([part[i] for i in range(len(part))], dest=r)
    if dataset is None:
        return comm.recv_obj(source=root)
    return SubDataset(dataset, ranges[comm.rank][0], ranges[comm.rank][1], order)
