"""SubDataset and the train/validation splits built on it."""
import numbers

import numpy

from minigan.dataset.dataset_mixin import DatasetMixin


class SubDataset(DatasetMixin):
    """A view of ``dataset[start:finish]``, optionally through a permutation ``order``.

    Example ``i`` is ``dataset[order[start + i]]`` (or ``dataset[start + i]`` without
    ``order``); nothing is copied.
    """

    def __init__(self, dataset, start, finish, order=None):
        if start < 0 or finish > len(dataset) or start > finish:
            raise ValueError('subset [%d, %d) does not fit in a dataset of length %d'
                             % (start, finish, len(dataset)))
        if order is not None and len(order) != len(dataset):
            raise ValueError('order has length %d but the dataset has length %d'
                             % (len(order), len(dataset)))
        self._dataset = dataset
        self._start = start
        self._finish = finish
        self._order = order

    def __len__(self):
        return self._finish - self._start

    def get_example(self, i):
        n = len(self)
        if not -n <= i < n:
            raise IndexError('index %d is out of range for a SubDataset of length %d' % (i, n))
        index = self._start + i if i >= 0 else self._finish + i
        if self._order is not None:
            index = self._order[index]
        return self._dataset[index]


def split_dataset(dataset, split_at, order=None):
    """Split into ``dataset[:split_at]`` and ``dataset[split_at:]`` (through ``order``)."""
    if not isinstance(split_at, numbers.Integral):
        raise TypeError('split_at must be an int, got %s' % type(split_at).__name__)
    if not 0 <= split_at <= len(dataset):
        raise ValueError('split_at=%d is outside [0, %d]' % (split_at, len(dataset)))
    return (SubDataset(dataset, 0, split_at, order),
            SubDataset(dataset, split_at, len(dataset), order))


def split_dataset_random(dataset, first_size, seed=None):
    """Split at ``first_size`` after a random permutation drawn from ``RandomState(seed)``."""
    order = numpy.random.RandomState(seed).permutation(len(dataset))
    return split_dataset(dataset, first_size, order)
