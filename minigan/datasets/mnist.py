"""MNIST from Chainer's dataset cache, with Chainer's ``get_mnist`` signature.

minigan never downloads: it reads ``train.npz`` and ``test.npz`` (``x``: uint8 (N, 784),
``y``: labels) from ``<root>/pfnet/chainer/mnist/``, where ``<root>`` is
``$CHAINER_DATASET_ROOT`` or ``~/.chainer/dataset`` (``minigan.dataset.download``), the
files real Chainer writes there.
"""
import numpy

from minigan.configuration import get_dtype
from minigan.dataset import download
from minigan.datasets.tuple_dataset import TupleDataset


def _prepare(x, y, withlabel, ndim, scale, dtype, label_dtype, rgb_format):
    if ndim == 2:
        x = x.reshape(-1, 28, 28)
    elif ndim == 3:
        x = x.reshape(-1, 1, 28, 28)
        if rgb_format:
            x = numpy.broadcast_to(x, (len(x), 3, 28, 28))
    elif ndim != 1:
        raise ValueError('invalid ndim for MNIST dataset: %r (1, 2 or 3)' % (ndim,))
    x = x.astype(dtype)
    x *= scale / 255.
    return TupleDataset(x, y.astype(label_dtype)) if withlabel else x


def get_mnist(withlabel=True, ndim=1, scale=1.0, dtype=None, label_dtype=numpy.int32,
              rgb_format=False):
    """(train, test) MNIST: images in [0, scale] of ``dtype`` (default ``config.dtype``).

    ndim: 1 gives (784,) images, 2 (28, 28), 3 (1, 28, 28) or (3, 28, 28) with rgb_format.
    """
    dtype = get_dtype(dtype)
    return tuple(
        _prepare(raw['x'], raw['y'], withlabel, ndim, scale, dtype, label_dtype, rgb_format)
        for raw in (download.load_cached_npz('pfnet/chainer/mnist', name, ('x', 'y'))
                    for name in ('train.npz', 'test.npz')))
