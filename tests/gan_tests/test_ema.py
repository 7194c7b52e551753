"""ExponentialMovingAverage: parameters and float persistents averaged, the rest copied,
and the average saved and loaded."""
import numpy

import minigan
from minigan import links as L
from minigan import serializers
from minigan.gan.ema import ExponentialMovingAverage


def test_ema_averages_params_and_float_persistents_copies_scalars(tmp_path):
    target = minigan.Chain()
    with target.init_scope():
        target.fc = L.Linear(3, 2)
        target.bn = L.BatchNormalization(2)
    target.add_persistent('stage', 1)
    ema = ExponentialMovingAverage(target, decay=0.9)
    w0, m0 = target.fc.W.array.copy(), target.bn.avg_mean.copy()
    target.fc.W.array += 1
    target.bn.avg_mean += 2
    target.stage = 3
    ema.update()
    numpy.testing.assert_allclose(ema.model.fc.W.array, 0.9 * w0 + 0.1 * (w0 + 1), rtol=1e-6)
    numpy.testing.assert_allclose(ema.model.bn.avg_mean, m0 + 0.2, rtol=1e-6)
    assert ema.model.stage == 3 and ema.model.fc.W is not target.fc.W
    serializers.save_npz(str(tmp_path / 'e.npz'), ema)
    other = ExponentialMovingAverage(target, decay=0.9)
    serializers.load_npz(str(tmp_path / 'e.npz'), other)
    numpy.testing.assert_array_equal(other.model.fc.W.array, ema.model.fc.W.array)
