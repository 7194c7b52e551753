"""Divergence rollback: back to the last good snapshot with halved learning rates, at most 3."""
import json

import numpy
import pytest

from minigan.gan import rollback, run
from minigan.gan.updaters import GANUpdater
from tests.examples_tests.conftest import load_example

ARGS = ['--size', '16', '--batch-size', '4', '--ch', '4', '--z-dim', '8', '--n-samples', '4',
        '--log-every', '1', '--eval-every', '0']


@pytest.fixture
def trainers(monkeypatch):
    """The trainers that run.run was given, to look at after the script returns."""
    seen, original = [], run.run
    monkeypatch.setattr(run, 'run', lambda trainer, gen: (seen.append(trainer),
                                                          original(trainer, gen)))
    return seen


def glitch_once_at(monkeypatch, iteration):
    """D's loss becomes NaN at ``iteration`` the first time the run gets there."""
    original, done = GANUpdater.update_core, []

    def update_core(self):
        original(self)
        if self.iteration + 1 == iteration and not done:
            done.append(iteration)
            self.get_optimizer('dis').target.cleargrads()
            from minigan import reporter
            reporter.report({'loss/dis': float('nan')})
    monkeypatch.setattr(GANUpdater, 'update_core', update_core)


def test_a_divergence_rolls_back_halves_the_rates_and_the_run_finishes(
        tiny_folder, tmp_path, monkeypatch, trainers, capsys):
    glitch_once_at(monkeypatch, 7)
    out = tmp_path / 'run'
    load_example('train_dcgan').main(['--data', tiny_folder, '--out', str(out),
                                      '--iterations', '10', '--snapshot-every', '4'] + ARGS)
    printed = capsys.readouterr().out
    assert 'rolled back to iteration 4 (snapshot_iter_4.npz)' in printed
    assert 'rollback 1 of 3' in printed and 'done: 10 iterations' in printed
    trainer = trainers[0]
    assert trainer.updater.iteration == 10
    for name in ('gen', 'dis'):
        assert trainer.updater.get_optimizer(name).alpha == pytest.approx(1e-4)  # 2e-4 / 2
    log = json.loads((out / 'log').read_text())
    assert [e['iteration'] for e in log] == [1, 2, 3, 4, 4, 5, 6, 7, 8, 9, 10]
    assert 'loss/dis = nan' in log[4]['rollback'] or 'not finite' in log[4]['rollback']
    assert all(numpy.isfinite(e['loss/dis']) for e in log if 'loss/dis' in e)

    # a resumed run keeps the halved rates
    again = tmp_path / 'again'
    load_example('train_dcgan').main(['--data', tiny_folder, '--out', str(again),
                                      '--iterations', '12', '--snapshot-every', '4',
                                      '--resume', str(out / 'snapshot_iter_8.npz')] + ARGS)
    assert trainers[1].updater.get_optimizer('gen').alpha == pytest.approx(1e-4)


@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # NOTE: the overflow is the point
def test_an_exploding_learning_rate_stops_after_three_rollbacks(tiny_folder, tmp_path, capsys):
    out = tmp_path / 'boom'
    with pytest.raises(SystemExit) as stop:
        load_example('train_dcgan').main(['--data', tiny_folder, '--out', str(out), '--lr',
                                          '1e30', '--iterations', '20'] + ARGS)
    captured = capsys.readouterr()
    assert stop.value.code == 1
    assert captured.err.startswith('error: training diverged at iteration 1')
    printed = captured.out
    assert printed.count('rolled back to iteration 0 (the start of this run)') == 3
    assert 'Divergence number 4, after 3 rollbacks that cut the learning rates to 0.125' in printed
    assert 'Try a lower learning rate' in printed
    log = json.loads((out / 'log').read_text())
    events = [e['rollback'] for e in log if 'rollback' in e]
    assert [e.split('; rolled')[0] != '' for e in events] == [True] * 3
    assert 'gen alpha 1.25e+29' in events[-1] and 'rollback 3 of 3' in events[-1]


def test_a_second_divergence_before_a_new_snapshot_goes_further_back(tmp_path):
    for n in (2, 4):
        (tmp_path / ('snapshot_iter_%d.npz' % n)).write_bytes(b'')
    assert sorted(rollback.snapshots(str(tmp_path), before=4)) == [2]
    assert sorted(rollback.snapshots(str(tmp_path), before=5)) == [2, 4]
