"""A run is never lost: Ctrl-C once or twice, kill -9 during a save, a full disk, divergence,
a crash at iteration 0 and a fresh run into a finished one (issue 11, items 1 to 5)."""
import errno
import glob
import json
import os
import signal
import subprocess
import sys
import time

import numpy
import pytest
from PIL import Image

from minigan.gan import run, run_folder
from minigan.training import make_extension
from tests.examples_tests.conftest import load_example

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ARGS = ['--size', '16', '--ch', '4', '--z-dim', '4', '--batch-size', '4', '--n-samples', '4']


@pytest.fixture(scope='module')
def pics(tmp_path_factory):
    path = tmp_path_factory.mktemp('pics')
    rng = numpy.random.RandomState(0)
    for i in range(8):
        Image.fromarray(rng.randint(0, 256, (16, 16, 3)).astype(numpy.uint8)).save(
            path / ('%d.png' % i))
    return str(path)


def train(pics, out, *extra):
    """Run train_dcgan.py in this process; returns its exit status (0 when it finished)."""
    try:
        load_example('train_dcgan').main(['--data', pics, '--out', str(out)] + ARGS
                                         + [str(e) for e in extra])
    except SystemExit as e:
        return e.code
    return 0


def at_iteration(n, action):
    """Patch run.make_trainer so that ``action(trainer)`` runs after iteration ``n``."""
    real = run.make_trainer

    def make_trainer(*args, **kwargs):
        trainer = real(*args, **kwargs)

        @make_extension(trigger=(n, 'iteration'))
        def act(trainer):
            action(trainer)
        trainer.extend(act)
        return trainer
    return make_trainer


def resume_hint(err):
    lines = [line for line in err.splitlines() if line.startswith('resume with: ')]
    assert len(lines) == 1, err
    return lines[0].split(' --resume ')


def test_ctrl_c_saves_and_the_hint_resumes_exactly(pics, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(run, 'make_trainer', at_iteration(
        3, lambda trainer: os.kill(os.getpid(), signal.SIGINT)))
    assert train(pics, tmp_path / 'r', '--iterations', '6', '--snapshot-every', '2') == 130
    err = capsys.readouterr().err
    assert 'interrupted at iteration 3; saved %s' % (tmp_path / 'r' / 'snapshot_iter_3.npz') in err
    command, snapshot = resume_hint(err)
    assert snapshot == str(tmp_path / 'r' / 'snapshot_iter_3.npz') and '--resume' not in command
    monkeypatch.undo()
    assert train(pics, tmp_path / 'r', '--iterations', '6', '--snapshot-every', '2',
                 '--resume', snapshot) == 0
    assert train(pics, tmp_path / 'full', '--iterations', '6', '--snapshot-every', '2') == 0
    with numpy.load(tmp_path / 'r' / 'gen.npz') as a:
        with numpy.load(tmp_path / 'full' / 'gen.npz') as b:
            for key in a.files:
                numpy.testing.assert_array_equal(a[key], b[key])


def test_a_second_ctrl_c_during_the_exit_save_names_a_snapshot_that_exists(
        pics, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(run, 'make_trainer', at_iteration(
        3, lambda trainer: os.kill(os.getpid(), signal.SIGINT)))
    real_stop = run_folder.RunFolder.stop

    def stop(self, headline, trainer, save):
        def interrupted_save(trainer):
            raise KeyboardInterrupt  # the second Ctrl-C lands in the middle of the save
        self.snapshot.save = interrupted_save
        real_stop(self, headline, trainer, save)
    monkeypatch.setattr(run_folder.RunFolder, 'stop', stop)
    assert train(pics, tmp_path / 'r', '--iterations', '6', '--snapshot-every', '2') == 130
    err = capsys.readouterr().err
    assert 'its snapshot was not written (interrupted again)' in err and '; saved' not in err
    assert 'the newest complete snapshot is %s' % (tmp_path / 'r' / 'snapshot_iter_2.npz') in err
    _, snapshot = resume_hint(err)
    assert os.path.exists(snapshot) and not glob.glob(str(tmp_path / 'r' / '.tmp*'))


def test_a_second_ctrl_c_inside_an_iteration_saves_nothing(pics, tmp_path, capsys, monkeypatch):
    def twice(trainer):
        os.kill(os.getpid(), signal.SIGINT)
        os.kill(os.getpid(), signal.SIGINT)
    monkeypatch.setattr(run, 'make_trainer', at_iteration(3, twice))
    assert train(pics, tmp_path / 'r', '--iterations', '6', '--snapshot-every', '2') == 130
    err = capsys.readouterr().err
    assert 'second Ctrl-C' in err and 'not saved' in err
    assert sorted(os.path.basename(p) for p in glob.glob(str(tmp_path / 'r' / 'snap*'))) == [
        'snapshot_iter_2.npz']


def test_a_full_disk_keeps_the_earlier_snapshots(pics, tmp_path, capsys, monkeypatch):
    real_savez = numpy.savez_compressed

    def savez(file, **arrays):
        if int(arrays.get('updater/iteration', 0)) >= 4:
            file.write(b'part of a snapshot')
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_savez(file, **arrays)
    monkeypatch.setattr(numpy, 'savez_compressed', savez)
    assert train(pics, tmp_path / 'r', '--iterations', '6', '--snapshot-every', '2') == 1
    err = capsys.readouterr().err
    errors = [line for line in err.splitlines() if line.startswith('error:')]
    snapshot = tmp_path / 'r' / 'snapshot_iter_4.npz'
    assert errors == ['error: No space left on device: %s (iteration 4); its snapshot was not '
                      'written (No space left on device)' % snapshot]
    assert 'Traceback' not in err
    assert resume_hint(err)[1] == str(tmp_path / 'r' / 'snapshot_iter_2.npz')
    names = sorted(os.listdir(tmp_path / 'r'))
    assert 'snapshot_iter_2.npz' in names and not [n for n in names if n.startswith('.tmp')]
    with numpy.load(tmp_path / 'r' / 'snapshot_iter_2.npz') as f:
        assert int(f['updater/iteration']) == 2


def test_divergence_stops_the_run_and_keeps_no_garbage(pics, tmp_path, capsys):
    assert train(pics, tmp_path / 'r', '--iterations', '40', '--lr', '1e6') == 1
    err = capsys.readouterr().err
    errors = [line for line in err.splitlines() if line.startswith('error:')]
    assert len(errors) == 1 and 'training diverged at iteration 1' in errors[0]
    assert 'no snapshot was kept' in err
    assert not glob.glob(str(tmp_path / 'r' / 'snapshot_iter_*')) and not (
        tmp_path / 'r' / 'gen.npz').exists()


def test_a_crash_at_iteration_0_writes_no_snapshot(pics, tmp_path, monkeypatch):
    from minigan.gan.updaters import GANUpdater

    def broken(self):
        raise ZeroDivisionError('a bug')
    monkeypatch.setattr(GANUpdater, 'update_core', broken)
    with pytest.raises(ZeroDivisionError):
        train(pics, tmp_path / 'r', '--iterations', '4')
    assert not glob.glob(str(tmp_path / 'r' / 'snapshot_iter_*'))


def test_overwrite_replaces_a_finished_run(pics, tmp_path, capsys):
    out = tmp_path / 'r'
    assert train(pics, out, '--iterations', '8', '--snapshot-every', '2') == 0
    assert train(pics, out, '--iterations', '2', '--seed', '1') == 1
    assert 'already holds a training run' in capsys.readouterr().err
    assert train(pics, out, '--iterations', '2', '--seed', '1', '--overwrite') == 0
    assert sorted(os.path.basename(p) for p in glob.glob(str(out / 'snapshot_iter_*'))) == [
        'snapshot_iter_1.npz', 'snapshot_iter_2.npz']
    assert sorted(os.listdir(out / 'samples')) == ['iter_0000001.png', 'iter_0000002.png']
    assert json.loads((out / 'log').read_text())[-1]['iteration'] == 2


def test_kill_9_during_a_save_leaves_nothing_behind_the_next_run(pics, tmp_path):
    """A real kill -9 while a snapshot is being written (the save is made to hang)."""
    out = tmp_path / 'r'
    code = ('import sys, time, numpy\n'
            'def hang(file, **arrays):\n'
            '    file.write(b"half a snapshot"); file.flush(); time.sleep(60)\n'
            'numpy.savez_compressed = hang\n'
            'sys.path.insert(0, %r)\n'
            'from tests.examples_tests.conftest import load_example\n'
            'load_example("train_dcgan").main(sys.argv[1:])\n' % ROOT)
    argv = ['--data', pics, '--out', str(out), '--iterations', '4'] + ARGS
    env = dict(os.environ, PYTHONPATH=ROOT, OMP_NUM_THREADS='1')
    process = subprocess.Popen([sys.executable, '-c', code] + argv, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 60
        while not glob.glob(str(out / ('.tmp-%d-*' % process.pid))) and time.time() < deadline:
            time.sleep(0.01)
    finally:
        process.kill()
        process.wait()
    assert glob.glob(str(out / ('.tmp-%d-*' % process.pid)))
    assert train(pics, out, '--iterations', '2', '--overwrite') == 0
    assert not [n for n in os.listdir(out) if n.startswith('.tmp')]


def test_a_rollback_in_an_overwritten_run_keeps_its_snapshots(pics, tmp_path, monkeypatch):
    """The trainer runs again after a rollback; --overwrite must clear the folder only once."""
    from minigan import reporter
    from minigan.gan.updaters import GANUpdater
    out = tmp_path / 'r'
    assert train(pics, out, '--iterations', '2') == 0
    original, done = GANUpdater.update_core, []

    def update_core(self):
        original(self)
        if self.iteration + 1 == 7 and not done:
            done.append(1)
            reporter.report({'loss/dis': float('nan')})
    monkeypatch.setattr(GANUpdater, 'update_core', update_core)
    assert train(pics, out, '--iterations', '10', '--snapshot-every', '4', '--overwrite',
                 '--eval-every', '0') == 0
    assert done and sorted(os.path.basename(p) for p in glob.glob(str(out / 'snapshot_*'))) == [
        'snapshot_iter_4.npz', 'snapshot_iter_8.npz']
