"""Start ``mpiexec -n K`` from a test, with the skip reasons when MPI or GPUs are missing."""
import os
import shutil
import subprocess
import sys

import pytest

from minigan.backend import cuda
from minigan.distributed import mpi

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))


def mpiexec():
    """The mpiexec beside this Python (the MPICH wheel's), else the one on PATH; or skip."""
    if not mpi.available():
        pytest.skip('needs mpi4py and an MPI library: pip install -e ".[mpi]"')
    here = os.path.join(os.path.dirname(sys.executable), 'mpiexec')
    found = here if os.path.exists(here) else shutil.which('mpiexec')
    if found is None:
        pytest.skip('needs mpiexec (pip install -e ".[mpi]" brings MPICH\'s)')
    return found


def skip_without_nccl(n_gpus=1):
    """Skip unless CuPy sees ``n_gpus`` GPUs and NCCL loads; the number of GPUs."""
    if not cuda.available():
        pytest.skip('needs CuPy and a GPU')
    count = cuda.get_cupy().cuda.runtime.getDeviceCount()
    if count < n_gpus:
        pytest.skip('needs %d GPUs' % n_gpus)
    try:
        cuda.get_nccl()
    except RuntimeError as e:
        pytest.skip(str(e))
    return count


def run_mpi(n, args, timeout=120, cwd=None):
    """``mpiexec -n n python ARGS`` with one thread per process; the CompletedProcess."""
    env = dict(os.environ, OMP_NUM_THREADS='1', OPENBLAS_NUM_THREADS='1',
               MKL_NUM_THREADS='1',
               PYTHONPATH=os.pathsep.join([ROOT] + [p for p in [os.environ.get('PYTHONPATH')]
                                                    if p]))
    cmd = [mpiexec(), '-n', str(n), sys.executable] + [str(a) for a in args]
    return subprocess.run(cmd, cwd=cwd or ROOT, env=env, capture_output=True, text=True,
                          timeout=timeout, stdin=subprocess.DEVNULL)
