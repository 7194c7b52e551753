"""CIFAR-10 and CIFAR-100 from Chainer's dataset cache, with Chainer's signatures.

minigan never downloads: it reads ``<root>/pfnet/chainer/cifar/cifar-10.npz`` (or
``cifar-100.npz``) with the arrays ``train_x`` (uint8, (50000, 3072)), ``train_y``,
``test_x`` and ``test_y``, the file real Chainer writes there; ``<root>`` is
``$CHAINER_DATASET_ROOT`` or ``~/.chainer/dataset``.
"""
import numpy

from minigan.configuration import get_dtype
from minigan.dataset import download
from minigan.datasets.tuple_dataset import TupleDataset


def _prepare(images, labels, withlabel, ndim, scale, dtype):
    if ndim == 1:
        images = images.reshape(-1, 3072)
    elif ndim == 3:
        images = images.reshape(-1, 3, 32, 32)
    else:
        raise ValueError('invalid ndim for CIFAR dataset: %r (1 or 3)' % (ndim,))
    images = images.astype(get_dtype(dtype))
    images *= scale / 255.
    return TupleDataset(images, labels.astype(numpy.int32)) if withlabel else images


def _get_cifar(name, withlabel, ndim, scale, dtype):
    raw = download.load_cached_npz('pfnet/chainer/cifar', name + '.npz',
                                   ('train_x', 'train_y', 'test_x', 'test_y'))
    return (_prepare(raw['train_x'], raw['train_y'], withlabel, ndim, scale, dtype),
            _prepare(raw['test_x'], raw['test_y'], withlabel, ndim, scale, dtype))


def get_cifar10(withlabel=True, ndim=3, scale=1., dtype=None):
    """(train, test) CIFAR-10: 32x32 RGB images in [0, scale], labels 0..9 (int32).

    ndim: 3 gives (3, 32, 32) images, 1 gives (3072,). dtype: default ``config.dtype``.
    """
    return _get_cifar('cifar-10', withlabel, ndim, scale, dtype)


def get_cifar100(withlabel=True, ndim=3, scale=1., dtype=None):
    """(train, test) CIFAR-100: as ``get_cifar10`` with the 100 fine labels."""
    return _get_cifar('cifar-100', withlabel, ndim, scale, dtype)
