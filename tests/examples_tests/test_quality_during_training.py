"""--eval-every in the training scripts: log keys, quality.png, gen_best.npz, the alarm."""
import json
import os

import numpy
import pytest
from PIL import Image

from minigan.gan import quality
from minigan.gan.models import dcgan
from tests.examples_tests.conftest import load_example

ARGS = ['--size', '16', '--batch-size', '4', '--ch', '4', '--z-dim', '8', '--n-samples', '4',
        '--log-every', '2', '--eval-samples', '12']
KEYS = ['quality/' + k for k in quality.LOGGED]


def run_dcgan(folder, out, *extra):
    load_example('train_dcgan').main(['--data', folder, '--out', str(out)] + ARGS + list(extra))


def test_eval_every_logs_plots_and_keeps_the_best(tiny_folder, tmp_path, capsys):
    out = tmp_path / 'run'
    run_dcgan(tiny_folder, out, '--iterations', '6', '--eval-every', '2')
    log = json.loads((out / 'log').read_text())
    scored = [entry for entry in log if 'quality/fd' in entry]
    assert [entry['iteration'] for entry in scored] == [2, 4, 6]
    for entry in scored:
        assert set(KEYS) <= set(entry) and entry['quality/seconds'] > 0
        assert 0 <= entry['quality/coverage'] <= 1 and entry['quality/fd'] > 0
    best = min(scored, key=lambda entry: entry['quality/fd'])
    assert Image.open(out / 'quality.png').size[0] > 600
    assert Image.open(out / 'nearest.png').mode == 'RGB'
    printed = capsys.readouterr().out
    assert 'quality: 3 scorings took' in printed
    assert 'best fd %.4g at iteration %d' % (best['quality/fd'], best['iteration']) in printed
    load_example('generate').main(['--model', str(out), '--best', '--n', '2',
                                   '--grid', str(tmp_path / 'best.png')])
    assert (out / 'gen_best.npz').exists() and (tmp_path / 'best.png').exists()


def test_scores_say_which_iteration_they_are_of(tiny_folder, tmp_path):
    out = tmp_path / 'run'
    run_dcgan(tiny_folder, out, '--iterations', '6', '--eval-every', '3',
              '--sample-every', '3')  # log lines at 2, 4 and 6 (ARGS)
    log = json.loads((out / 'log').read_text())
    scored = [(e['iteration'], e['quality/iteration']) for e in log if 'quality/fd' in e]
    assert scored == [(4, 3), (6, 6)]
    best = min((e for e in log if 'quality/fd' in e), key=lambda e: e['quality/fd'])
    page = (out / 'report.html').read_text()
    assert 'at iteration %d (gen_best.npz' % best['quality/iteration'] in page
    assert 'Scores at iteration 6 ' in page


def test_scoring_does_not_change_the_training(tiny_folder, tmp_path):
    run_dcgan(tiny_folder, tmp_path / 'a', '--iterations', '4', '--eval-every', '1', '--flip')
    run_dcgan(tiny_folder, tmp_path / 'b', '--iterations', '4', '--eval-every', '0', '--flip')
    a, b = numpy.load(tmp_path / 'a' / 'gen.npz'), numpy.load(tmp_path / 'b' / 'gen.npz')
    for key in a.files:
        numpy.testing.assert_array_equal(a[key], b[key], err_msg=key)
    assert not (tmp_path / 'b' / 'quality.png').exists()
    log = json.loads((tmp_path / 'b' / 'log').read_text())
    assert not any('quality/fd' in entry for entry in log)


def one_latent(self, n, rng=numpy.random):
    """Every sample from the same z: a generator that makes one image."""
    z = rng.normal(size=(1, self.z_dim)).astype(numpy.float32)
    return numpy.repeat(z, n, axis=0)


def test_collapse_raises_the_alarm_in_words(tiny_folder, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(dcgan.Generator, 'make_hidden', one_latent)
    out = tmp_path / 'collapsed'
    run_dcgan(tiny_folder, out, '--iterations', '10', '--eval-every', '2')
    log = json.loads((out / 'log').read_text())
    alarms = [entry for entry in log if 'alarm' in entry]
    # the first half of the run is the warm-up of a generator that never made varied samples
    assert [entry['iteration'] for entry in alarms] == [6, 8, 10]
    for entry in alarms:
        assert entry['quality/duplicates'] == 1
        assert 'mode collapse?' in entry['alarm'] and 'DiffAugment' in entry['alarm']
    printed = capsys.readouterr().out
    assert 'ALARM iteration' in printed  # the progress bar's status line
    assert 'quality at iteration 6: mode collapse? 100% of samples' in printed


def test_alarm_waits_for_an_untrained_generator():
    monitor = quality.QualityMonitor(gen=None, every=1)
    same = {'duplicates': 1.0, 'diversity': 0.01}
    monitor.history.append(same)
    monitor.raise_alarm(same, 1, progress=0.1)
    assert monitor.alarm is None
    monitor.raise_alarm(same, 60, progress=0.6)
    assert monitor.alarm.startswith('iteration 60: mode collapse?')
    monitor.history[:] = [{'duplicates': 0.0, 'diversity': 0.9}, same]
    monitor.raise_alarm(same, 2, progress=0.1)  # it was varied once, so this is collapse
    assert monitor.alarm is not None


@pytest.mark.parametrize('value', ['-1', 'x'])
def test_bad_eval_every_is_one_line(tiny_folder, tmp_path, value, capsys):
    with pytest.raises(SystemExit):
        run_dcgan(tiny_folder, tmp_path / 'x', '--eval-every', value)
    assert '--eval-every' in capsys.readouterr().err
    assert not os.path.exists(tmp_path / 'x')


class _Clock:
    """The parts of a Trainer that QualityMonitor.__call__ reads."""

    def __init__(self, iteration, elapsed, length=1000):
        self.updater = type('U', (), {'iteration': iteration})()
        self.stop_trigger = type('S', (), {'get_training_length':
                                           staticmethod(lambda: (length, 'iteration'))})()
        self.elapsed_time = elapsed


def test_default_scoring_stays_within_its_budget(monkeypatch):
    monitor = quality.QualityMonitor(gen=None, every=10, budget=0.05)
    calls = []
    monkeypatch.setattr(monitor, 'score', lambda trainer: (
        calls.append(trainer.updater.iteration), monitor.history.append({})))
    monitor(_Clock(10, elapsed=10.0))  # the first scoring is guessed at 2 s: over 5% of 10 s
    assert calls == [] and monitor.skipped == 1
    monitor(_Clock(20, elapsed=41.0))
    assert calls == [20]
    monitor.seconds = monitor._last_cost = 1.0  # say that scoring took 1 s
    monitor(_Clock(30, elapsed=30.0))  # 1 + 1 s > 5% of 29 s
    monitor(_Clock(35, elapsed=90.0))  # not a multiple of every
    monitor(_Clock(40, elapsed=50.0))  # 1 + 1 s <= 5% of 49 s
    assert calls == [20, 40] and monitor.skipped == 2


def test_a_short_run_is_not_scored_by_default(tiny_folder, tmp_path):
    out = tmp_path / 'short'
    load_example('train_dcgan').main(['--data', tiny_folder, '--out', str(out), '--iterations',
                                      '2'] + ARGS[:-2])
    assert not (out / 'quality.png').exists()


@pytest.mark.filterwarnings("ignore:The previous value")  # NOTE: its trigger was not saved
def test_a_run_that_did_not_score_resumes_with_scoring(tiny_folder, tmp_path):
    first, second = tmp_path / 'first', tmp_path / 'second'
    run_dcgan(tiny_folder, first, '--iterations', '4', '--snapshot-every', '2',
              '--eval-every', '0')
    run_dcgan(tiny_folder, second, '--iterations', '4', '--eval-every', '2',
              '--resume', str(first / 'snapshot_iter_2.npz'))
    log = json.loads((second / 'log').read_text())
    assert [entry['iteration'] for entry in log if 'quality/fd' in entry] == [4]
