"""ChainerMN's API on MPI (mpi4py) and NCCL: train one model with K processes.

    comm = minigan.distributed.create_communicator('flat')      # or 'naive', 'pure_nccl'
    device = comm.intra_rank                                     # this process's GPU
    train = minigan.distributed.scatter_dataset(train, comm, shuffle=True, seed=0)
    optimizer = minigan.distributed.create_multi_node_optimizer(optimizers.Adam(), comm)

started with ``mpiexec -n K python train.py``. Importing this package needs no MPI; creating
a communicator imports mpi4py (``pip install -e ".[mpi]"``) and says so when it is missing.
"""
from minigan.distributed.communicator_base import CommunicatorBase  # NOQA
from minigan.distributed.communicators import COMMUNICATORS, create_communicator  # NOQA
from minigan.distributed.datasets import DataSizeError, scatter_dataset, scatter_index  # NOQA
from minigan.distributed.evaluators import create_multi_node_evaluator  # NOQA
from minigan.distributed.mpi import MPIUnavailableError  # NOQA
from minigan.distributed.links import MultiNodeBatchNormalization, create_mnbn_model  # NOQA
from minigan.distributed.optimizers import create_multi_node_optimizer  # NOQA
