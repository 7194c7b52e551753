"""TupleDataset: zip equal-length datasets so that ``dataset[i] == (x[i], t[i])``."""
import numpy


class TupleDataset:
    """Several datasets of the same length, indexed together.

    ``TupleDataset(x, t)[i]`` is ``(x[i], t[i])``; a slice or an index list gives a list of
    such tuples. Typical use: images (N, C, H, W) with labels (N,).
    """

    def __init__(self, *datasets):
        if not datasets:
            raise ValueError('TupleDataset needs at least one dataset')
        length = len(datasets[0])
        for i, dataset in enumerate(datasets):
            if len(dataset) != length:
                raise ValueError('dataset %d has length %d, but dataset 0 has length %d'
                                 % (i, len(dataset), length))
        self._datasets = datasets
        self._length = length

    def __getitem__(self, index):
        columns = [dataset[index] for dataset in self._datasets]
        if isinstance(index, (slice, list, numpy.ndarray)):
            return [tuple(column[i] for column in columns) for i in range(len(columns[0]))]
        return tuple(columns)

    def __len__(self):
        return self._length
