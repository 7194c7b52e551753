"""A tiny regression problem for trainer and extension tests: 10 examples, Linear(3, 1)."""
import numpy
import pytest

import minigan
import minigan.functions as F
import minigan.links as L
from minigan import training


class Regressor(minigan.Chain):
    """loss = mean((l(x) - t - 0.1 * noise)^2), the noise drawn from numpy's global RNG."""

    def __init__(self):
        super().__init__()
        with self.init_scope():
            self.fc = L.Linear(3, 1, initialW=minigan.initializers.Constant(0.1))

    def forward(self, x, t):
        noise = numpy.random.randn(*t.shape).astype(numpy.float32)
        loss = F.mean_squared_error(self.fc(x), t + 0.1 * noise)
        minigan.report({'loss': loss}, self)
        return loss


def regression_data():
    rng = numpy.random.RandomState(0)
    x = rng.randn(10, 3).astype(numpy.float32)
    t = (x @ numpy.array([[1.0], [-2.0], [0.5]])).astype(numpy.float32)
    return minigan.datasets.TupleDataset(x, t)


@pytest.fixture
def make_trainer(tmp_path):
    """``make_trainer(stop=(N, 'iteration'), optimizer='sgd'|'adam', batch_size=4)``."""
    def make(stop=(10, 'iteration'), optimizer='sgd', batch_size=4, out=None):
        model = Regressor()
        if optimizer == 'adam':
            opt = minigan.optimizers.Adam(alpha=0.01)
        else:
            opt = minigan.optimizers.SGD(lr=0.01)
        opt.setup(model)
        it = minigan.iterators.SerialIterator(regression_data(), batch_size)
        updater = training.updaters.StandardUpdater(it, opt)
        return training.Trainer(updater, stop, out=str(out or tmp_path / 'result'))
    return make
