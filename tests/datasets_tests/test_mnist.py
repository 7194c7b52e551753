import numpy
import pytest

from minigan import datasets


def write_fake_mnist(folder):
    rng = numpy.random.RandomState(0)
    for name, n in (('train.npz', 5), ('test.npz', 3)):
        numpy.savez(folder / name, x=rng.randint(0, 256, (n, 784)).astype(numpy.uint8),
                    y=rng.randint(0, 10, n).astype(numpy.uint8))


def test_get_mnist_reads_local_files(tmp_path, monkeypatch):
    folder = tmp_path / 'pfnet' / 'chainer' / 'mnist'
    folder.mkdir(parents=True)
    write_fake_mnist(folder)
    monkeypatch.setenv('CHAINER_DATASET_ROOT', str(tmp_path))
    train, test = datasets.get_mnist(ndim=3)
    assert len(train) == 5 and len(test) == 3
    x, y = train[0]
    raw = numpy.load(folder / 'train.npz')
    numpy.testing.assert_allclose(x.reshape(-1), raw['x'][0] / 255.0, rtol=1e-6)
    assert x.shape == (1, 28, 28) and x.dtype == numpy.float32 and y == raw['y'][0]
    images, _ = datasets.get_mnist(withlabel=False, ndim=2, scale=2.0)
    assert images.shape == (5, 28, 28) and images.max() <= 2.0


def test_get_mnist_without_files_names_the_paths(tmp_path, monkeypatch):
    monkeypatch.setenv('CHAINER_DATASET_ROOT', str(tmp_path))
    monkeypatch.setenv('HOME', str(tmp_path))
    with pytest.raises(FileNotFoundError, match='does not download'):
        datasets.get_mnist()
