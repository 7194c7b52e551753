import numpy
import pytest

import minigan
import minigan.functions as F
import minigan.links as L
from minigan import iterators, serializers
from minigan.training import updaters


def _setup(loss_func=None, batch_size=3):
    model = L.Linear(2, 1, initialW=minigan.initializers.Constant(0.5))
    optimizer = minigan.optimizers.SGD(lr=0.1).setup(model)
    x = numpy.arange(8, dtype=numpy.float32).reshape(4, 2) / 8
    t = numpy.ones((4, 1), numpy.float32)
    it = iterators.SerialIterator(minigan.datasets.TupleDataset(x, t), batch_size,
                                  shuffle=False)
    return model, optimizer, it, x, t


def test_update_matches_a_hand_written_sgd_step():
    model, optimizer, it, x, t = _setup()

    def loss_func(xb, tb):
        return F.mean_squared_error(model(xb), tb)

    updater = updaters.StandardUpdater(it, optimizer, loss_func=loss_func)
    W0, b0 = model.W.array.copy(), model.b.array.copy()
    updater.update()
    xb, tb = x[:3], t[:3]
    r = xb @ W0.T + b0 - tb
    gW = 2 * (r * xb).sum(0, keepdims=True) / 3
    gb = 2 * r.sum(0) / 3
    numpy.testing.assert_allclose(model.W.array, W0 - 0.1 * gW, rtol=1e-6)
    numpy.testing.assert_allclose(model.b.array, b0 - 0.1 * gb, rtol=1e-6)
    assert updater.iteration == 1 and updater.epoch == 0
    assert updater.epoch_detail == pytest.approx(0.75)
    assert updater.previous_epoch_detail == 0 and not updater.is_new_epoch


def test_single_objects_are_registered_as_main_and_epochs_counted():
    model, optimizer, it, _, _ = _setup()
    updater = updaters.StandardUpdater(
        it, optimizer, loss_func=lambda xb, tb: F.sum(model(xb) - tb))
    assert updater.get_iterator('main') is it
    assert updater.get_optimizer('main') is optimizer
    assert updater.get_all_optimizers() == {'main': optimizer}
    updater.update()
    updater.update()
    assert updater.is_new_epoch and updater.epoch == 1 and optimizer.epoch == 1


def test_dict_batches_are_passed_as_keywords():
    got = []

    class Model(minigan.Chain):
        def __init__(self):
            super().__init__()
            with self.init_scope():
                self.fc = L.Linear(1, 1)

        def forward(self, a, b):
            got.append((a.tolist(), b.tolist()))
            return F.sum(self.fc(a[:, None].astype(numpy.float32)))

    model = Model()
    dataset = [{'b': i * 10, 'a': i} for i in range(4)]
    it = iterators.SerialIterator(dataset, 2, shuffle=False)
    updater = updaters.StandardUpdater(it, minigan.optimizers.SGD().setup(model))
    updater.update()
    assert got == [([0, 1], [0, 10])]


def test_serialize_uses_chainer_key_names(tmp_path):
    gen = L.Linear(2, 2)
    dis = L.Linear(2, 1)
    opts = {'gen': minigan.optimizers.Adam().setup(gen),
            'dis': minigan.optimizers.Adam().setup(dis)}
    it = iterators.SerialIterator(numpy.zeros((4, 2), numpy.float32), 2)
    updater = updaters.StandardUpdater(it, opts)
    for opt in opts.values():
        opt.update()  # NOTE: creates Adam's m and v, which a strict load then expects
    updater.iteration = 7
    path = str(tmp_path / 'u.npz')
    serializers.save_npz(path, updater)
    with numpy.load(path) as f:
        keys = set(f.keys())
    assert {'iteration', 'iterator:main/epoch', 'iterator:main/order', 'optimizer:gen/t',
            'optimizer:dis/epoch', 'optimizer:gen/W/m', 'model:gen/W', 'model:gen/b',
            'model:dis/W'} <= keys
    restored = updaters.StandardUpdater(
        iterators.SerialIterator(numpy.zeros((4, 2), numpy.float32), 2),
        {'gen': minigan.optimizers.Adam().setup(L.Linear(2, 2)),
         'dis': minigan.optimizers.Adam().setup(L.Linear(2, 1))})
    serializers.load_npz(path, restored)
    assert restored.iteration == 7
    numpy.testing.assert_array_equal(restored.get_optimizer('gen').target.W.array, gen.W.array)
