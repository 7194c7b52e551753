"""The training scripts under ``mpiexec -n 2 ... --communicator``: one writer, resumes across
process counts, one-line errors."""
import os
import sys

import numpy
import pytest

from minigan.gan import parallel
from tests.distributed_tests.launch import run_mpi
from tests.examples_tests.conftest import load_example, tiny_folder  # NOQA: F401 (fixture)

EXAMPLES = os.path.join(os.path.dirname(__file__), '..', '..', 'examples')
DCGAN = ['--size', '16', '--ch', '4', '--z-dim', '8', '--batch-size', '4', '--n-samples', '4',
         '--loss', 'wgan-gp', '--snapshot-every', '2']
PGGAN = ['--max-size', '8', '--images-per-phase', '8', '--batch-size', '2', '--ch', '8',
         '--z-dim', '8', '--n-samples', '4', '--snapshot-every', '3']


def mpi_script(n, script, *args):
    result = run_mpi(n, [os.path.join(EXAMPLES, script + '.py')] + [str(a) for a in args])
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    return result.stdout


def snapshot_size(path):
    with numpy.load(path) as npz:
        return int(npz['extensions/processes/size']) if 'extensions/processes/size' in npz \
            else 1


@pytest.fixture(autouse=True)
def single_process_afterwards():
    """In-process runs without --communicator must not see an earlier test's state."""
    yield
    parallel._state = parallel._Single()


@pytest.mark.parametrize('communicator', ['naive', 'flat'])
def test_two_processes_then_one(tmp_path, tiny_folder, communicator):  # NOQA: F811
    out = tmp_path / 'run'
    stdout = mpi_script(2, 'train_dcgan', '--data', tiny_folder, '--out', out, '--iterations',
                        4, '--communicator', communicator, *DCGAN)
    assert stdout.count('done: 4 iterations') == 1  # NOTE: process 1 prints nothing
    assert {'gen.npz', 'log', 'loss.png', 'model.json', 'samples', 'snapshot_iter_2.npz',
            'snapshot_iter_4.npz'} <= set(os.listdir(out))
    assert snapshot_size(out / 'snapshot_iter_4.npz') == 2
    load_example('train_dcgan').main(['--data', tiny_folder, '--out', str(out), '--iterations',
                                      '6', '--resume', str(out / 'snapshot_iter_4.npz')] + DCGAN)
    with numpy.load(out / 'snapshot_iter_4.npz') as before, \
            numpy.load(out / 'snapshot_iter_6.npz') as after:
        assert int(after['updater/iteration']) == 6
        key = 'updater/model:dis/c0/W'
        assert before[key].shape == after[key].shape and not numpy.allclose(before[key],
                                                                            after[key])


def test_one_process_then_two(tmp_path, tiny_folder):  # NOQA: F811
    out = tmp_path / 'run'
    load_example('train_dcgan').main(['--data', tiny_folder, '--out', str(out), '--iterations',
                                      '2'] + DCGAN)
    stdout = mpi_script(2, 'train_dcgan', '--data', tiny_folder, '--out', out, '--iterations',
                        4, '--communicator', 'naive', '--sync-bn', '--resume',
                        out / 'snapshot_iter_2.npz', *DCGAN)
    assert 'written by 1 process, this run has 2' in stdout
    assert snapshot_size(out / 'snapshot_iter_4.npz') == 2


def test_pggan_images_are_split(tmp_path, tiny_folder):  # NOQA: F811
    out = tmp_path / 'run'
    stdout = mpi_script(2, 'train_pggan', '--data', tiny_folder, '--out', out, '--iterations',
                        6, '--communicator', 'flat', *PGGAN)
    assert stdout.count('done: 6 iterations') == 1
    assert os.path.exists(out / 'snapshot_iter_6.npz')


def test_pure_nccl_on_the_cpu_is_one_line(tmp_path, tiny_folder):  # NOQA: F811
    result = run_mpi(2, [os.path.join(EXAMPLES, 'train_dcgan.py'), '--data', tiny_folder,
                         '--out', str(tmp_path / 'run'), '--communicator', 'pure_nccl'])
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    # NOTE: without CuPy the error names the CuPy install, else that GPUs are needed
    assert len(lines) == 1 and lines[0].startswith('error: '), result.stderr
    assert not os.path.exists(tmp_path / 'run')


def test_too_few_images_per_process_is_one_line(tmp_path, tiny_folder):  # NOQA: F811
    result = run_mpi(2, [os.path.join(EXAMPLES, 'train_dcgan.py'), '--data', tiny_folder,
                         '--out', str(tmp_path / 'run'), '--communicator', 'flat',
                         '--batch-size', '8'])
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        'error: 2 processes share 8 images, 4 each: fewer than one batch of 8; lower '
        '--batch-size (it is per process) or use fewer processes'], result.stderr


def test_without_mpi4py_the_error_names_the_extra(tmp_path, tiny_folder, monkeypatch):  # NOQA
    monkeypatch.setitem(sys.modules, 'mpi4py', None)
    with pytest.raises(SystemExit, match=r'^error: mpi4py is not installed.*\[mpi\]'):
        load_example('train_dcgan').main(['--data', tiny_folder, '--out', str(tmp_path / 'r'),
                                          '--communicator', 'flat'])
    assert not os.path.exists(tmp_path / 'r')


def test_sync_bn_without_communicator_is_one_line(tmp_path, tiny_folder):  # NOQA: F811
    with pytest.raises(SystemExit, match=r'^error: --sync-bn needs --communicator'):
        load_example('train_dcgan').main(['--data', tiny_folder, '--out', str(tmp_path / 'r'),
                                          '--sync-bn'])
    assert not os.path.exists(tmp_path / 'r')
