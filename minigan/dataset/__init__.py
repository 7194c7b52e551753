"""The dataset protocol: random-access examples, iterators over them, and batch converters."""
from minigan.dataset import download  # NOQA
from minigan.dataset.convert import concat_examples, to_device  # NOQA
from minigan.dataset.dataset_mixin import DatasetMixin  # NOQA
from minigan.dataset.iterator import Iterator  # NOQA
