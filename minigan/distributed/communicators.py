"""ChainerMN's communicators and ``create_communicator``.

naive: one MPI all-reduce per parameter (simple; many small messages).
flat: every gradient packed into one buffer per dtype, one MPI all-reduce.
pure_nccl: packed on the GPU and all-reduced there by NCCL; MPI only starts the processes
and hands out the NCCL id. The MPICH wheel is not CUDA-aware, so naive and flat copy CuPy
gradients to host memory and back; pure_nccl never leaves the GPU.
"""
import numpy

from minigan.backend import get_array_module, to_cpu
from minigan.distributed.communicator_base import CommunicatorBase, params_with_grad
from minigan.distributed.mpi import get_mpi

COMMUNICATORS = ('naive', 'flat', 'pure_nccl')


def create_communicator(communicator_name='pure_nccl', mpi_comm=None, **kwargs):
    """A communicator over ``mpi_comm`` (default: every process, ``MPI.COMM_WORLD``).

    communicator_name: 'naive' (CPU or GPU), 'flat' (CPU or GPU) or 'pure_nccl' (GPU).
    Raises ``MPIUnavailableError`` (an ImportError) naming the install command when mpi4py
    is missing.
    """
    if communicator_name not in COMMUNICATORS:
        raise ValueError('unknown communicator %r; choose one of %s'
                         % (communicator_name, ', '.join(COMMUNICATORS)))
    if kwargs:
        raise TypeError('unexpected arguments: %s' % ', '.join(sorted(kwargs)))
    if mpi_comm is None:
        mpi_comm = get_mpi().COMM_WORLD
    if communicator_name == 'naive':
        return NaiveCommunicator(mpi_comm)
    if communicator_name == 'flat':
        return FlatCommunicator(mpi_comm)
    from minigan.distributed.pure_nccl import PureNcclCommunicator
    return PureNcclCommunicator(mpi_comm)


class NaiveCommunicator(CommunicatorBase):
    """One MPI all-reduce per parameter's gradient."""

    def multi_node_mean_grad(self, model, zero_fill=False):
        for param in params_with_grad(model, zero_fill):
            buf = numpy.ascontiguousarray(to_cpu(param.grad)).copy()
            self._mean_in_place(buf)
            param.grad[...] = get_array_module(param.grad).asarray(buf)


class FlatCommunicator(CommunicatorBase):
    """All gradients of one dtype packed into one buffer and all-reduced at once."""

    def multi_node_mean_grad(self, model, zero_fill=False):
        for group in group_by_dtype(params_with_grad(model, zero_fill)):
            packed = pack_grads(group)
            buf = to_cpu(packed)
            self._mean_in_place(buf)
            unpack_grads(group, get_array_module(packed).asarray(buf))


def group_by_dtype(params):
    """Lists of parameters sharing a gradient dtype, in a fixed order."""
    groups = {}
    for param in params:
        groups.setdefault(param.grad.dtype.str, []).append(param)
    return [groups[key] for key in sorted(groups)]


def pack_grads(params):
    """One flat array holding every gradient of ``params`` (same dtype), one after another."""
    xp = get_array_module(params[0].grad)
    return xp.concatenate([param.grad.ravel() for param in params])


def unpack_grads(params, flat):
    """Copy the pieces of ``flat`` back into the gradients of ``params``."""
    start = 0
    for param in params:
        n = param.grad.size
        param.grad[...] = flat[start:start + n].reshape(param.grad.shape)
        start += n
