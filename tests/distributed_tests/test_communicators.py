"""ChainerMN's API under ``mpiexec -n 2``: mean gradients, one big batch, scatter_dataset.

Each communicator runs every case of mpi_cases.py in one mpiexec call (MPI starts in about a
second); each test then checks that both processes passed its case.
"""
import functools

import pytest

from tests.distributed_tests.launch import run_mpi, skip_without_nccl

CASES = ('mean_grad', 'same_as_one_big_batch', 'scatter', 'sync_bn', 'stop_together',
         'evaluator')


@functools.lru_cache(maxsize=None)
def run_all_cases(communicator, device, n):
    return run_mpi(n, ['-m', 'tests.distributed_tests.mpi_cases', ','.join(CASES),
                       communicator, device])


def check(case, communicator, device, n=2):
    result = run_all_cases(communicator, device, n)
    for rank in range(n):
        assert 'ok %s rank %d of %d' % (case, rank, n) in result.stdout, (
            'rc %d\n%s\n%s' % (result.returncode, result.stdout, result.stderr[-3000:]))


@pytest.mark.parametrize('communicator', ['naive', 'flat'])
@pytest.mark.parametrize('case', CASES)
def test_on_cpu(case, communicator):
    check(case, communicator, '-1')


@pytest.mark.parametrize('case', CASES)
def test_pure_nccl(case):
    # NOTE: one GPU still runs NCCL's all-reduce, with one process
    n = min(2, skip_without_nccl(n_gpus=1))
    check(case, 'pure_nccl', '0', n)


@pytest.mark.parametrize('communicator', ['naive', 'flat'])
def test_cupy_arrays_through_host_memory(communicator):
    skip_without_nccl(n_gpus=2)
    check('mean_grad', communicator, '0')
