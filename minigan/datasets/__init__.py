"""Datasets: containers of examples that an iterator indexes."""
from minigan.datasets.cifar import get_cifar10, get_cifar100  # NOQA
from minigan.datasets.image_dataset import ImageDataset  # NOQA
from minigan.datasets.mnist import get_mnist  # NOQA
from minigan.datasets.sub_dataset import SubDataset, split_dataset, split_dataset_random  # NOQA
from minigan.datasets.transform_dataset import TransformDataset  # NOQA
from minigan.datasets.tuple_dataset import TupleDataset  # NOQA
