import types

import pytest

from minigan import serializers
from minigan.training import triggers


class FakeUpdater:
    """Iterations of 3 examples out of a 10-example epoch."""

    def __init__(self):
        self.iteration = 0

    @property
    def epoch_detail(self):
        return self.iteration * 3 / 10

    @property
    def epoch(self):
        return self.iteration * 3 // 10


def _run(trigger, n):
    trainer = types.SimpleNamespace(updater=FakeUpdater())
    fired = []
    for _ in range(n):
        trainer.updater.iteration += 1
        if trigger(trainer):
            fired.append(trainer.updater.iteration)
    return fired


def test_iteration_interval():
    assert _run(triggers.IntervalTrigger(4, 'iteration'), 13) == [4, 8, 12]
    assert triggers.IntervalTrigger(4, 'iteration').get_training_length() == (4, 'iteration')


def test_epoch_interval_fires_on_the_iteration_crossing_the_boundary():
    # epoch_detail: 0.3 0.6 0.9 1.2 1.5 1.8 2.1 ... -> crosses 1 at it 4, 2 at it 7, 3 at it 10
    assert _run(triggers.IntervalTrigger(1, 'epoch'), 10) == [4, 7, 10]
    assert _run(triggers.IntervalTrigger(2, 'epoch'), 10) == [7]


def test_get_trigger():
    t = triggers.get_trigger((5, 'iteration'))
    assert isinstance(t, triggers.IntervalTrigger) and t.period == 5
    assert triggers.get_trigger(t) is t
    assert _run(triggers.get_trigger(None), 20) == []
    with pytest.raises(ValueError):
        triggers.IntervalTrigger(1, 'second')


def test_interval_trigger_serialize_continues(tmp_path):
    trigger = triggers.IntervalTrigger(4, 'iteration')
    trainer = types.SimpleNamespace(updater=FakeUpdater())
    for _ in range(6):
        trainer.updater.iteration += 1
        trigger(trainer)
    path = str(tmp_path / 't.npz')
    serializers.save_npz(path, trigger)
    restored = triggers.IntervalTrigger(4, 'iteration')
    serializers.load_npz(path, restored)
    trainer.updater.iteration = 8
    assert restored(trainer)
    fresh = triggers.IntervalTrigger(4, 'iteration')
    trainer.updater.iteration = 9
    assert fresh(trainer)  # NOTE: without the state, 0 -> 9 looks like two crossings
