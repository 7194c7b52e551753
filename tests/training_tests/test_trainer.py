import os
import signal

import numpy
import pytest

from minigan import serializers, training
from minigan.training import extensions


class Recorder(training.Extension):
    def __init__(self, calls, label):
        self.calls, self.label = calls, label

    def __call__(self, trainer):
        self.calls.append((self.label, trainer.updater.iteration))


def test_extend_names_triggers_and_priorities(make_trainer):
    trainer = make_trainer(stop=(6, 'iteration'))
    calls = []
    trainer.extend(Recorder(calls, 'reader'), trigger=(2, 'iteration'))
    trainer.extend(Recorder(calls, 'writer'), trigger=(3, 'iteration'),
                   priority=training.PRIORITY_WRITER)
    trainer.extend(Recorder(calls, 'before'), name='early', trigger=(100, 'iteration'),
                   call_before_training=True)

    @training.make_extension(trigger=(6, 'iteration'))
    def last(trainer):
        calls.append(('last', trainer.updater.iteration))

    trainer.extend(last)
    trainer.run()
    assert calls == [('before', 0), ('reader', 2), ('writer', 3), ('reader', 4),
                     ('writer', 6), ('reader', 6), ('last', 6)]
    assert trainer.updater.iteration == 6
    assert trainer.get_extension('Recorder_1').label == 'writer'
    assert trainer.get_extension('early').label == 'before'
    assert trainer.get_extension('last') is last
    with pytest.raises(ValueError, match='not found'):
        trainer.get_extension('nope')
    with pytest.raises(RuntimeError):
        trainer.run()


def test_extend_rejects_trigger_in_the_name_slot(make_trainer):
    trainer = make_trainer()
    with pytest.raises(TypeError, match='trigger='):
        trainer.extend(extensions.LogReport(), (1, 'epoch'))
    with pytest.raises(ValueError):
        trainer.extend(extensions.LogReport(), name='training')


def test_observation_and_elapsed_time(make_trainer):
    trainer = make_trainer(stop=(1, 'epoch'))
    seen = []
    trainer.extend(lambda t: seen.append(dict(t.observation)), name='spy')
    trainer.run()
    assert trainer.updater.iteration == 3  # 10 examples, batches of 4
    assert all(set(o) == {'main/loss'} for o in seen)
    assert trainer.elapsed_time > 0
    model = trainer.updater.get_optimizer('main').target
    assert trainer.reporter._observer_names[id(model.fc)] == 'main/fc'


class Boom(training.Extension):
    def __init__(self, exc, events):
        self.exc, self.events = exc, events

    def __call__(self, trainer):
        if trainer.updater.iteration == 3:
            raise self.exc

    def on_error(self, trainer, exc, tb):
        self.events.append(('on_error', type(exc).__name__, trainer.updater.iteration))

    def finalize(self):
        self.events.append(('finalize',))


@pytest.mark.parametrize('exc', [ValueError('bad'), KeyboardInterrupt()])
def test_errors_call_on_error_then_finalize_then_reraise(make_trainer, exc, capsys):
    trainer = make_trainer()
    events = []
    trainer.extend(Boom(exc, events))
    with pytest.raises(type(exc)):
        trainer.run()
    assert events == [('on_error', type(exc).__name__, 3), ('finalize',)]
    err = capsys.readouterr().err
    if isinstance(exc, KeyboardInterrupt):
        assert 'interrupted at iteration 3' in err and 'Traceback' not in err
    else:
        assert 'Exception in the training loop at iteration 3' in err


def test_first_ctrl_c_stops_cleanly_after_the_iteration(make_trainer, capsys):
    trainer = make_trainer(stop=(10, 'iteration'))
    calls = []
    updater = trainer.updater
    update_core = updater.update_core

    def update_core_with_sigint():
        update_core()
        if updater.iteration == 3:  # NOTE: still counting iteration 4 inside update()
            os.kill(os.getpid(), signal.SIGINT)

    updater.update_core = update_core_with_sigint
    trainer.extend(Recorder(calls, 'r'))
    trainer.extend(extensions.snapshot(snapshot_on_error=True), trigger=(100, 'iteration'))
    with pytest.raises(KeyboardInterrupt):
        trainer.run()
    assert updater.iteration == 4 and calls[-1] == ('r', 4)
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    path = os.path.join(trainer.out, 'snapshot_iter_4')
    assert os.path.exists(path)
    err = capsys.readouterr().err
    assert 'stopping after this iteration' in err and 'load_npz' in err
    with numpy.load(path) as f:
        assert int(f['updater/iteration']) == 4
        assert f['random_state/keys'].dtype == numpy.uint32
        assert f['random_state/keys'].shape == (624,)


def test_serialize_keys_and_elapsed_time(make_trainer, tmp_path):
    trainer = make_trainer(stop=(4, 'iteration'))
    trainer.extend(extensions.LogReport(trigger=(2, 'iteration')))
    trainer.run()
    path = str(tmp_path / 'snap.npz')
    serializers.save_npz(path, trainer)
    with numpy.load(path) as f:
        keys = set(f.keys())
        elapsed = float(f['_snapshot_elapsed_time'])
    expected = {'updater/iteration', 'updater/iterator:main/order', 'updater/model:main/fc/W',
                'updater/model:main/fc/b', 'updater/optimizer:main/t',
                'stop_trigger/previous_iteration', 'extensions/LogReport/_log',
                'random_state/keys', 'random_state/pos', 'random_state/has_gauss',
                'random_state/cached_gaussian'}
    assert expected <= keys
    assert elapsed == trainer.elapsed_time
    fresh = make_trainer(stop=(4, 'iteration'), out=tmp_path / 'other')
    fresh.extend(extensions.LogReport(trigger=(2, 'iteration')))
    numpy.random.seed(99)
    serializers.load_npz(path, fresh)
    assert fresh.elapsed_time == elapsed
    assert fresh.updater.iteration == 4
    assert fresh.get_extension('LogReport').log == trainer.get_extension('LogReport').log
