import json
import os

import numpy
import pytest

from minigan.training import extensions


def _losses(trainer):
    losses = []
    trainer.extend(lambda t: losses.append(float(t.observation['main/loss'].array)),
                   name='spy', priority=1000)
    return losses


def test_log_file_holds_interval_means(make_trainer):
    trainer = make_trainer(stop=(7, 'iteration'))
    losses = _losses(trainer)
    trainer.extend(extensions.LogReport(trigger=(3, 'iteration')))
    trainer.run()
    with open(os.path.join(trainer.out, 'log')) as f:
        log = json.load(f)
    assert [e['iteration'] for e in log] == [3, 6]
    assert [e['epoch'] for e in log] == [1, 2]  # 10 examples, batches of 4
    assert log[0]['main/loss'] == pytest.approx(numpy.mean(losses[0:3]), rel=1e-12)
    assert log[1]['main/loss'] == pytest.approx(numpy.mean(losses[3:6]), rel=1e-12)
    assert 0 < log[0]['elapsed_time'] <= log[1]['elapsed_time']
    assert set(log[0]) == {'main/loss', 'epoch', 'iteration', 'elapsed_time'}
    assert log == trainer.get_extension('LogReport').log
    assert [n for n in os.listdir(trainer.out) if n.startswith('.tmp')] == []


def test_log_keys_postprocess_and_filename(make_trainer):
    trainer = make_trainer(stop=(4, 'iteration'))
    trainer.extend(lambda t: t.observation.update(extra=2.0), name='extra', priority=1000)

    def postprocess(entry):
        entry['double'] = 2 * entry['extra']

    trainer.extend(extensions.LogReport(keys=['extra'], trigger=(2, 'iteration'),
                                        postprocess=postprocess, filename='log_{iteration}'))
    trainer.run()
    assert sorted(n for n in os.listdir(trainer.out)) == ['log_2', 'log_4']
    with open(os.path.join(trainer.out, 'log_4')) as f:
        log = json.load(f)
    assert len(log) == 2 and 'main/loss' not in log[0]
    assert log[1]['extra'] == 2.0 and log[1]['double'] == 4.0


def test_log_name_alias_and_memory_only(make_trainer):
    trainer = make_trainer(stop=(2, 'iteration'))
    trainer.extend(extensions.LogReport(trigger=(1, 'iteration'), log_name='mylog'))
    trainer.extend(extensions.LogReport(trigger=(1, 'iteration'), log_name=None))
    trainer.run()
    assert os.listdir(trainer.out) == ['mylog']
    assert len(trainer.get_extension('LogReport_1').log) == 2
