"""The pure_nccl communicator: gradients packed and all-reduced on the GPU by NCCL.

MPI starts the processes and broadcasts the NCCL unique id from process 0; after that every
gradient byte moves GPU to GPU (NVLink or PCIe on one machine, the network between machines).
Each process must use its own GPU, normally ``intra_rank``, before the first collective call:
NCCL binds its communicator to the current device when it is created, so that happens lazily.
"""
import numpy

from minigan.backend import cuda
from minigan.distributed.communicator_base import CommunicatorBase, params_with_grad
from minigan.distributed.communicators import group_by_dtype, pack_grads, unpack_grads


class PureNcclCommunicator(CommunicatorBase):
    """ChainerMN's PureNcclCommunicator on ``cupy.cuda.nccl``."""

    def __init__(self, mpi_comm):
        self._nccl = cuda.get_nccl()  # NOTE: fail at creation, not at the first update
        super().__init__(mpi_comm)
        self.nccl_comm = None

    def _init_comms(self):
        if self.nccl_comm is None:
            uid = self.bcast_obj(self._nccl.get_unique_id() if self.rank == 0 else None)
            self.nccl_comm = self._nccl.NcclCommunicator(self.size, uid, self.rank)

    def _type_id(self, dtype):
        names = {'float16': 'NCCL_FLOAT16', 'float32': 'NCCL_FLOAT32',
                 'float64': 'NCCL_FLOAT64'}
        if numpy.dtype(dtype).name not in names:
            raise TypeError('NCCL all-reduce of %s is not supported' % dtype)
        return getattr(self._nccl, names[numpy.dtype(dtype).name])

    def _stream(self):
        return cuda.get_cupy().cuda.get_current_stream()

    def bcast_data(self, model):
        self._init_comms()
        stream = self._stream()
        for _, param in sorted(model.namedparams()):
            x = param.array
            if x is None:
                continue
            if not cuda.is_cupy_array(x) or not x.flags.c_contiguous:
                raise ValueError('pure_nccl needs the model on the GPU (--device 0)')
            self.nccl_comm.bcast(x.data.ptr, x.size, self._type_id(x.dtype), 0, stream.ptr)

    def multi_node_mean_grad(self, model, zero_fill=False):
        self._init_comms()
        stream = self._stream()
        for group in group_by_dtype(params_with_grad(model, zero_fill)):
            if not cuda.is_cupy_array(group[0].grad):
                raise ValueError('pure_nccl needs the model on the GPU (--device 0)')
            packed = pack_grads(group)
            self.nccl_comm.allReduce(packed.data.ptr, packed.data.ptr, packed.size,
                                     self._type_id(packed.dtype), self._nccl.NCCL_SUM,
                                     stream.ptr)
            packed *= packed.dtype.type(1.0 / self.size)
            unpack_grads(group, packed)

    def allreduce(self, x):
        """The elementwise sum over processes of a CuPy array ``x``, by NCCL."""
        if not cuda.is_cupy_array(x):
            return super().allreduce(x)
        self._init_comms()
        y = cuda.get_cupy().ascontiguousarray(x).copy()
        self.nccl_comm.allReduce(y.data.ptr, y.data.ptr, y.size, self._type_id(y.dtype),
                                 self._nccl.NCCL_SUM, self._stream().ptr)
        return y

    def finalize(self):
        super().finalize()
        if self.nccl_comm is not None:
            self._stream().synchronize()
            self.nccl_comm.destroy()
            self.nccl_comm = None
