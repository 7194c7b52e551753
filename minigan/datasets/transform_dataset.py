"""TransformDataset: apply a function to each example when it is read."""
from minigan.dataset.dataset_mixin import DatasetMixin


class TransformDataset(DatasetMixin):
    """``TransformDataset(dataset, transform)[i] == transform(dataset[i])``, computed lazily.

    Use it for per-example augmentation (random crops, flips): the transform runs every time an
    example is read, so each epoch sees a fresh draw.
    """

    def __init__(self, dataset, transform):
        self._dataset = dataset
        self._transform = transform

    def __len__(self):
        return len(self._dataset)

    def get_example(self, i):
        return self._transform(self._dataset[i])
