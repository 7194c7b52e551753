import os

import numpy
import pytest

from minigan.training import extensions
from minigan.training.extensions.fail_on_nonnumber import DivergenceError


def test_stops_on_nan_loss_without_saving_garbage(make_trainer, capsys):
    trainer = make_trainer(stop=(10, 'iteration'))
    trainer.extend(lambda t: t.observation.update(
        {'loss/dis': numpy.float32('nan') if t.updater.iteration == 3 else 1.0}),
        name='fake', priority=1000)
    trainer.extend(extensions.FailOnNonNumber())
    trainer.extend(extensions.snapshot(snapshot_on_error=True), trigger=(100, 'iteration'))
    with pytest.raises(RuntimeError, match='iteration 3: loss/dis = nan'):
        trainer.run()
    assert trainer.updater.iteration == 3
    assert os.listdir(trainer.out) == []
    assert 'Not saving a snapshot of diverged parameters' in capsys.readouterr().err


def test_stops_on_infinite_parameter(make_trainer):
    trainer = make_trainer(stop=(10, 'iteration'))
    model = trainer.updater.get_optimizer('main').target

    def poison(t):
        if t.updater.iteration == 2:
            model.fc.b.array[...] = numpy.inf

    trainer.extend(poison, name='poison', priority=1000)
    trainer.extend(extensions.FailOnNonNumber())
    with pytest.raises(DivergenceError, match="parameter /fc/b of optimizer 'main'"):
        trainer.run()
