"""Divergence detection: NaN, exploding losses and weights; no snapshot holding inf."""
import json
import types

import numpy
import pytest

import minigan.links as L
from minigan import optimizers
from minigan.gan.divergence import (DivergenceDetector, non_finite_keys, save_npz_if_finite,
                                    weight_norm)
from minigan.training.extensions.fail_on_nonnumber import DivergenceError


class FakeTrainer:
    """What the detector reads: the iteration, the observation and the optimizers."""

    def __init__(self):
        self.model = L.Linear(4, 3)
        self.optimizer = optimizers.Adam()
        self.optimizer.setup(self.model)
        optimizers_ = {'gen': self.optimizer}
        self.updater = types.SimpleNamespace(
            iteration=0, get_all_optimizers=lambda: optimizers_,
            get_optimizer=lambda name: optimizers_[name])
        self.observation = {}

    def step(self, detector, **observation):
        self.updater.iteration += 1
        self.observation = observation
        return detector.check(self)


def started(window=100):
    trainer, detector = FakeTrainer(), DivergenceDetector(window=window)
    detector.initialize(trainer)
    return trainer, detector


def test_weight_norm_is_the_norm_of_all_parameters():
    link = L.Linear(4, 3)
    expected = numpy.sqrt((link.W.array ** 2).sum() + (link.b.array ** 2).sum())
    assert weight_norm(link) == pytest.approx(expected, rel=1e-6)


def test_wandering_losses_and_slowly_growing_weights_pass():
    trainer, detector = started()
    rng = numpy.random.RandomState(0)
    for i in range(300):
        trainer.model.W.array *= 1.01  # 20x over the run, 2.7x per window of 100
        loss = float(rng.lognormal(0, 1.5))  # spikes 50x the median now and then
        assert trainer.step(detector, **{'loss/gen': loss, 'loss/dis': -loss}) is None


@pytest.mark.parametrize('value', [float('nan'), float('inf'), numpy.float32('-inf')])
def test_a_non_finite_report_stops_at_once(value):
    trainer, detector = started()
    reason = trainer.step(detector, **{'loss/dis': value})
    assert reason.startswith('training diverged at iteration 1: loss/dis = ')
    with pytest.raises(DivergenceError, match='lower the learning rate'):
        detector(trainer)


def test_an_exploding_loss_is_caught_before_it_is_nan():
    trainer, detector = started()
    for value in [0.7, 1.3, 0.4, 2.0]:
        assert trainer.step(detector, **{'loss/gen': value}) is None
    assert trainer.step(detector, **{'loss/gen': 900.0}) is None  # 900x a median near 1: ok
    reason = trainer.step(detector, **{'loss/gen': 6.7e13})
    assert 'loss/gen = 6.7e+13, over 1000 times its recent size' in reason


def test_values_that_are_not_losses_may_grow():
    trainer, detector = started()
    for images in [1, 10, 1e5, 1e9]:
        assert trainer.step(detector, images=images, alpha=0.5) is None


def test_an_exploding_weight_norm_is_caught():
    trainer, detector = started(window=3)
    before = weight_norm(trainer.model)
    trainer.model.W.array *= 1000
    reason = trainer.step(detector)
    assert "the weight norm of 'gen' grew from %.3g" % before in reason


def test_a_non_finite_weight_is_named():
    trainer, detector = started()
    trainer.model.b.array[1] = numpy.nan
    assert "parameter /b of 'gen' is not finite" in trainer.step(detector)


def test_the_detector_runs_after_the_processes_mean_and_before_the_log_and_snapshots():
    from minigan.gan.parallel import MeanObservation
    from minigan.training import extension
    assert MeanObservation.priority > DivergenceDetector.priority > extension.PRIORITY_READER


def test_a_snapshot_holding_inf_in_adams_state_is_never_written(tmp_path):
    trainer = FakeTrainer()
    model = trainer.model
    model.cleargrads()
    model.W.grad = numpy.ones_like(model.W.array)
    model.b.grad = numpy.ones_like(model.b.array)
    trainer.optimizer.update()
    save_npz_if_finite(str(tmp_path / 'good.npz'), trainer.optimizer)
    model.W.update_rule.state['v'][0, 0] = numpy.inf  # a squared gradient of 1e20
    assert non_finite_keys(trainer.optimizer) == ['W/v']
    with pytest.raises(DivergenceError, match='W/v'):
        save_npz_if_finite(str(tmp_path / 'bad.npz'), trainer.optimizer)
    assert sorted(p.name for p in tmp_path.iterdir()) == ['good.npz']


def test_the_log_stays_valid_json(tmp_path):
    from minigan.training.extensions.log_report import _json_number, write_json_atomic
    path = tmp_path / 'log'
    write_json_atomic(str(path), [{'loss': _json_number(v)} for v in
                                  (1.5, numpy.float32('nan'), float('inf'))])
    text = path.read_text()
    assert 'NaN' not in text and 'Infinity' not in text
    assert json.loads(text) == [{'loss': 1.5}, {'loss': None}, {'loss': None}]
