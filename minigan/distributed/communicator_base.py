"""What every communicator does over MPI: ranks, objects, arrays and model parameters.

Names and meanings follow ChainerMN's ``CommunicatorBase``: ``rank`` and ``size`` count
processes, ``intra_rank`` is a process's place among those on the same machine (the GPU it
should use), ``inter_rank`` its machine's place. ``allreduce(x)`` returns the elementwise SUM
over processes; ``multi_node_mean_grad(model)`` (also ``allreduce_grad``) replaces every
gradient with its MEAN over processes, so K processes with batch B each step as one process
with batch K*B would (the losses are batch means). Subclasses choose how gradients travel.
"""
import numpy

from minigan.backend import get_array_module, to_cpu
from minigan.distributed import messages
from minigan.distributed.mpi import get_mpi


class CommunicatorBase:
    """A group of processes started together by ``mpiexec``, wrapping an mpi4py communicator."""

    def __init__(self, mpi_comm):
        self.mpi_comm = mpi_comm
        self._init_ranks()

    # ---- who is where ----
    @property
    def rank(self):
        return self.mpi_comm.rank

    @property
    def size(self):
        return self.mpi_comm.size

    @property
    def intra_rank(self):
        return self._intra_rank

    @property
    def intra_size(self):
        return self._intra_size

    @property
    def inter_rank(self):
        return self._inter_rank

    @property
    def inter_size(self):
        return self._inter_size

    def _init_ranks(self):
        # NOTE: processes on one machine share its processor name; they are numbered in rank
        # order, and machines in the order of their first rank.
        names = self.allgather_obj(get_mpi().Get_processor_name())
        hosts = list(dict.fromkeys(names))
        on_my_host = [r for r, name in enumerate(names) if name == names[self.rank]]
        self._intra_rank = on_my_host.index(self.rank)
        self._intra_size = len(on_my_host)
        self._inter_rank = hosts.index(names[self.rank])
        self._inter_size = len(hosts)

    def split(self, color, key):
        """A communicator of the same kind over the processes that give the same ``color``."""
        return type(self)(mpi_comm=self.mpi_comm.Split(color, key))

    def finalize(self):
        """Wait for every process (ChainerMN frees its NCCL communicator here)."""
        self.mpi_comm.Barrier()

    # ---- Python objects (see ``messages`` for what can travel; never pickled, so only
    # mpi4py's buffer methods, the capitalized ones, are used) ----
    def bcast_obj(self, obj, max_buf_len=256 * 1024 * 1024, root=0):
        """``obj`` from process ``root`` on every process, sent in chunks of ``max_buf_len``."""
        data = messages.dumps(obj) if self.rank == root else b''
        n = self._bcast_int(len(data), root)
        buf = numpy.frombuffer(data, numpy.uint8).copy() if self.rank == root else \
            numpy.empty(n, numpy.uint8)
        for start in range(0, n, max_buf_len):
            self.mpi_comm.Bcast(buf[start:start + max_buf_len], root=root)
        return messages.loads(buf)

    def gather_obj(self, obj, root=0):
        """The list of every process's ``obj`` on ``root`` (None elsewhere)."""
        data = numpy.frombuffer(messages.dumps(obj), numpy.uint8)
        sizes = numpy.zeros(self.size, numpy.int64)
        self.mpi_comm.Gather(numpy.array([len(data)], numpy.int64), sizes, root=root)
        if self.rank != root:
            self.mpi_comm.Gatherv(data, None, root=root)
            return None
        buf = numpy.empty(int(sizes.sum()), numpy.uint8)
        self.mpi_comm.Gatherv(data, (buf, sizes), root=root)
        offsets = numpy.cumsum([0] + sizes.tolist())
        return [messages.loads(buf[b:e]) for b, e in zip(offsets[:-1], offsets[1:])]

    def allgather_obj(self, obj):
        """The list of every process's ``obj``, on every process."""
        return self.bcast_obj(self.gather_obj(obj))

    def allreduce_obj(self, obj):
        """The sum (``+``) of every process's ``obj``, on every process."""
        objs = self.allgather_obj(obj)
        total = objs[0]
        for o in objs[1:]:
            total = total + o
        return total

    def send_obj(self, obj, dest, tag=0):
        data = numpy.frombuffer(messages.dumps(obj), numpy.uint8)
        self.mpi_comm.Send(numpy.array([len(data)], numpy.int64), dest=dest, tag=tag)
        self.mpi_comm.Send(data, dest=dest, tag=tag)

    def recv_obj(self, source, tag=0):
        n = numpy.empty(1, numpy.int64)
        self.mpi_comm.Recv(n, source=source, tag=tag)
        buf = numpy.empty(int(n[0]), numpy.uint8)
        self.mpi_comm.Recv(buf, source=source, tag=tag)
        return messages.loads(buf)

    def _bcast_int(self, n, root):
        buf = numpy.array([n], dtype=numpy.int64)
        self.mpi_comm.Bcast(buf, root=root)
        return int(buf[0])

    # ---- arrays (NumPy, or CuPy staged through host memory) ----
    def bcast(self, x, root=0):
        """Array ``x`` of process ``root`` on every process (others may pass None)."""
        meta = self.bcast_obj((x.dtype.str, x.shape) if self.rank == root else None, root=root)
        buf = numpy.ascontiguousarray(to_cpu(x)) if self.rank == root else \
            numpy.empty(meta[1], numpy.dtype(meta[0]))
        self.mpi_comm.Bcast(buf, root=root)
        return x if self.rank == root else buf

    def allreduce(self, x):
        """The elementwise sum of every process's array ``x`` (same shape everywhere)."""
        xp = get_array_module(x)
        buf = numpy.ascontiguousarray(to_cpu(x)).copy()
        self.mpi_comm.Allreduce(get_mpi().IN_PLACE, buf)
        return xp.asarray(buf)

    def _mean_in_place(self, buf):
        """Replace host array ``buf`` by its elementwise mean over processes."""
        self.mpi_comm.Allreduce(get_mpi().IN_PLACE, buf)
        buf *= buf.dtype.type(1.0 / self.size)

    # ---- models ----
    def bcast_data(self, model):
        """Copy process 0's parameters into every process's ``model`` (ChainerMN's name)."""
        for _, param in sorted(model.namedparams()):
            if param.array is not None:
                param.array[...] = get_array_module(param.array).asarray(
                    self.bcast(param.array, root=0))

    def broadcast_data(self, model):
        self.bcast_data(model)

    def multi_node_mean_grad(self, model, zero_fill=False):
        """Replace each gradient of ``model`` by its mean over processes.

        zero_fill: an initialized parameter without a gradient (unused in this step) gets
        zeros and joins the mean; otherwise it is skipped (every process must then agree on
        which parameters have gradients, as they do when all run the same model).
        """
        raise NotImplementedError

    def allreduce_grad(self, model, zero_fill=False):
        """ChainerMN v6's name of ``multi_node_mean_grad``: the MEAN of the gradients."""
        self.multi_node_mean_grad(model, zero_fill)


def params_with_grad(model, zero_fill):
    """``model``'s parameters (sorted by name, as on every process) whose gradient travels."""
    params = []
    for _, param in sorted(model.namedparams()):
        if param.array is None:
            continue
        if param.grad is None and zero_fill:
            param.grad = get_array_module(param.array).zeros_like(param.array)
        if param.grad is not None:
            params.append(param)
    return params
