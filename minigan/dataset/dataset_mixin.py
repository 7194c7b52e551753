"""DatasetMixin: write ``get_example(i)`` and ``__len__``, get indexing by slices and lists."""
import numpy


class DatasetMixin:
    """Base class of datasets that build one example at a time.

    A subclass implements ``__len__`` and ``get_example(i)``; ``dataset[i]`` then returns one
    example, and ``dataset[2:5]`` or ``dataset[[0, 3]]`` return a list of examples.
    """

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self.get_example(i) for i in range(*index.indices(len(self)))]
        if isinstance(index, (list, numpy.ndarray)):
            return [self.get_example(int(i)) for i in index]
        return self.get_example(index)

    def __len__(self):
        raise NotImplementedError

    def get_example(self, i):
        """Return the ``i``-th example."""
        raise NotImplementedError
