import types

from minigan import serializers
from minigan.training import triggers


class FakeUpdater:
    def __init__(self):
        self.iteration = 0

    @property
    def epoch_detail(self):
        return self.iteration / 4


def test_manual_schedule_iterations_and_finished():
    trigger = triggers.ManualScheduleTrigger([2, 5], 'iteration')
    trainer = types.SimpleNamespace(updater=FakeUpdater())
    fired = []
    for _ in range(8):
        trainer.updater.iteration += 1
        if trigger(trainer):
            fired.append(trainer.updater.iteration)
        if trainer.updater.iteration == 4:
            assert not trigger.finished
    assert fired == [2, 5]
    assert trigger.finished


def test_manual_schedule_epochs_and_serialize(tmp_path):
    trigger = triggers.ManualScheduleTrigger(1.5, 'epoch')
    trainer = types.SimpleNamespace(updater=FakeUpdater())
    fired = []
    for _ in range(10):
        trainer.updater.iteration += 1
        if trigger(trainer):
            fired.append(trainer.updater.iteration)
    assert fired == [6]
    path = str(tmp_path / 'm.npz')
    serializers.save_npz(path, trigger)
    restored = triggers.ManualScheduleTrigger(1.5, 'epoch')
    serializers.load_npz(path, restored)
    assert restored.finished and restored._previous_iteration == 10
