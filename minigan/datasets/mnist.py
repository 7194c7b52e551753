"""MNIST from local files, with Chainer's ``get_mnist`` signature.

minigan never downloads: it reads ``train.npz`` and ``test.npz`` (arrays ``x`` of uint8
(N, 784) and ``y`` of labels, the layout of Chainer's dataset cache) from
``$MINIGAN_DATASET_ROOT/mnist/`` or from Chainer's cache folder
``~/.chainer/dataset/pfnet/chainer/mnist/``.
"""
import os

import numpy

from minigan.datasets.tuple_dataset import TupleDataset


def _folders():
    root = os.environ.get('MINIGAN_DATASET_ROOT')
    if root:
        yield os.path.join(root, 'mnist')
    yield os.path.join(os.path.expanduser('~'), '.chainer', 'dataset', 'pfnet', 'chainer',
                       'mnist')


def _load(name):
    tried = []
    for folder in _folders():
        path = os.path.join(folder, name)
        if os.path.exists(path):
            with numpy.load(path, allow_pickle=False) as f:
                return f['x'], f['y']
        tried.append(path)
    raise FileNotFoundError('MNIST file not found (minigan does not download); '
                            'put %s at one of: %s'
                            % (name, ', '.join(tried)))


def _prepare(x, y, withlabel, ndim, scale, dtype, label_dtype, rgb_format):
    x = x.astype(dtype or numpy.float32) * (scale / 255.0)
    if ndim == 2:
        x = x.reshape(-1, 28, 28)
    elif ndim == 3:
        x = x.reshape(-1, 1, 28, 28)
        if rgb_format:
            x = numpy.broadcast_to(x, (len(x), 3, 28, 28)).copy()
    elif ndim != 1:
        raise ValueError('ndim must be 1, 2 or 3, got %r' % ndim)
    return TupleDataset(x, y.astype(label_dtype)) if withlabel else x


def get_mnist(withlabel=True, ndim=1, scale=1.0, dtype=None, label_dtype=numpy.int32,
              rgb_format=False):
    """(train, test) MNIST datasets: images scaled to [0, scale], as Chainer's get_mnist."""
    return tuple(_prepare(*_load(name), withlabel, ndim, scale, dtype, label_dtype, rgb_format)
                 for name in ('train.npz', 'test.npz'))
