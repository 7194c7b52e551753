"""--communicator: one training script run as K processes by ``mpiexec -n K`` (ChainerMN style).

Every process holds the whole model and its own part of the pictures (``scatter_dataset``);
each step, each process takes a batch of --batch-size from its part, and the optimizers use
the mean gradient of all processes, so K processes step as one process with batch K x
--batch-size would. Process ``r`` uses GPU ``--device + intra_rank`` (its place on its
machine), or the CPU with --device -1. Only process 0 prints and writes files (samples, log,
snapshots, model.json); the log shows the mean of the processes' losses.

Batch normalization keeps per-process statistics (ChainerMN's default): the batch mean and
variance are those of each process's own batch. With --sync-bn they are those of all K
batches together (``MultiNodeBatchNormalization``), so DCGAN's generator too steps as with one
big batch; models without batch normalization (SAGAN, the WGAN-GP critics) do anyway.

A snapshot holds the weights, the optimizers, the iteration and process 0's data order and
random state. Resumed with the same number of processes, process 0 continues exactly; any
other process, and every process when the number changed, starts a fresh data order and
random stream (seeded from --seed, its rank and the iteration).
"""
import os
import signal
import sys

import numpy

import minigan
from minigan import distributed, serializers
from minigan.backend import to_cpu
from minigan.training import extension
from minigan.training.trainer import StopRequest

_KEY = 'extensions/processes/size'


class _Single:
    """The state of a script run without --communicator: one process, the writer."""
    comm, rank, size, seed, sync_bn = None, 0, 1, 0, False


_state = _Single()


def add_arguments(parser):
    parser.add_argument('--communicator', default=None, choices=distributed.COMMUNICATORS,
                        help='train with the processes of mpiexec -n K: naive or flat (CPU or '
                        'GPU, over MPI) or pure_nccl (GPUs, NCCL); needs pip install -e ".[mpi]"')
    parser.add_argument('--sync-bn', action='store_true',
                        help='with --communicator: batch normalization over the batches of all '
                        'processes together (default: each process its own)')


def setup(args):
    """Join the other processes when --communicator is given; choose this process's device.

    Call right after parsing, before anything reads args.device or writes a file.
    """
    global _state
    if getattr(args, 'communicator', None) is None:
        if getattr(args, 'sync_bn', False):
            sys.exit('error: --sync-bn needs --communicator (and mpiexec -n K)')
        _state = _Single()
        _state.seed = args.seed
        return _state
    try:
        if args.communicator == 'pure_nccl' and _device_of_process(args.device, 0) == '-1':
            raise RuntimeError('--communicator pure_nccl needs GPUs: pass --device 0 (process '
                               'r then uses GPU r on its machine), or use --communicator flat '
                               'on the CPU')
        comm = distributed.create_communicator(args.communicator)
    except (ImportError, RuntimeError) as e:
        _exit_once('error: %s' % e)
    distributed.mpi.abort_on_uncaught_exception()
    _state = _Single()
    _state.comm, _state.rank, _state.size, _state.seed = comm, comm.rank, comm.size, args.seed
    _state.sync_bn = args.sync_bn
    if comm.rank != 0:
        _quiet()
    args.device = _device_of_process(args.device, comm.intra_rank)
    if args.device != '-1':
        try:  # NOTE: NCCL binds to the current GPU when its communicator is made
            minigan.get_device(args.device).use()
        except RuntimeError as e:
            _exit_once('error: %s' % e)
    print('%d processes (%s communicator), each on %s; the batch size is per process'
          % (comm.size, args.communicator, 'the CPU' if args.device == '-1' else 'its own GPU'))
    return _state


def _exit_once(message):
    """Every process stops; only process 0 (or a process without MPI) says why."""
    try:
        rank = distributed.mpi.get_mpi().COMM_WORLD.rank
    except ImportError:
        rank = 0
    sys.exit(message if rank == 0 else 1)


def _device_of_process(device, intra_rank):
    """'-1' for the CPU, else '@cupy:N' with N = the GPU given + ``intra_rank``."""
    s = str(device).strip()
    if s in ('-1', '@numpy', 'cpu', 'numpy') or (s.lstrip('-').isdigit() and int(s) < 0):
        return '-1'
    try:
        first = int(s.split(':')[1]) if s.startswith('@cupy:') else 0 if s == '@cupy' else \
            int(s)
    except ValueError:
        return s  # NOTE: minigan.get_device names the valid forms
    return '@cupy:%d' % (first + intra_rank)


def _quiet():
    """Processes other than 0 print nothing: their messages and one-line errors would repeat
    process 0's. A traceback still shows (``abort_on_uncaught_exception`` prints it to the
    original stderr)."""
    sys.stdout = sys.stderr = open(os.devnull, 'w')


def launcher():
    """The words that started this run's processes: ['mpiexec', '-n', 'K'], or []."""
    return [] if _state.comm is None else ['mpiexec', '-n', str(_state.size)]


def is_writer():
    """True in the process that prints and writes files (process 0, or the only one)."""
    return _state.rank == 0


def scatter(dataset, batch_size):
    """This process's part of ``dataset`` (a dataset, or an array of images).

    One line of error when a part would hold fewer examples than one batch.
    """
    if _state.comm is None:
        return dataset
    if isinstance(dataset, numpy.ndarray):
        indices = distributed.scatter_dataset(numpy.arange(len(dataset)), _state.comm,
                                              shuffle=True, seed=_state.seed)
        part = dataset[numpy.asarray([indices[i] for i in range(len(indices))])]
    else:
        part = distributed.scatter_dataset(dataset, _state.comm, shuffle=True,
                                           seed=_state.seed)
    if len(part) < batch_size:
        sys.exit('error: %d processes share %d images, %d each: fewer than one batch of %d; '
                 'lower --batch-size (it is per process) or use fewer processes'
                 % (_state.size, len(dataset), len(part), batch_size))
    return part


def wrap_optimizers(optimizers):
    """{name: optimizer} -> the same on mean gradients; the weights become process 0's.

    Also gives each process other than 0 its own random stream from here on (its own
    latent batches and data order), and with --sync-bn makes the models' batch normalization
    use the statistics of all processes.
    """
    if _state.comm is None:
        return optimizers
    if _state.sync_bn:
        for opt in optimizers.values():
            distributed.create_mnbn_model(opt.target, _state.comm)
    # NOTE: a parameter without gradient is zero-filled by the optimizer anyway, so skipping
    # it in the all-reduce (zero_fill=False) gives the same step with fewer bytes
    wrapped = {name: distributed.create_multi_node_optimizer(opt, _state.comm, zero_fill=False)
               for name, opt in sorted(optimizers.items())}
    if _state.rank:
        _reseed(_state.rank)
    return wrapped


def _reseed(*words):
    numpy.random.seed(numpy.random.SeedSequence([_state.seed] + list(words)).generate_state(1)[0])


def extend(trainer):
    """Register what the processes do together: the mean of their losses for the log, and the
    number of processes in the snapshots. Waits for every process (they have all checked
    their options and folders before process 0 writes anything)."""
    if _state.comm is None:
        return
    _state.comm.mpi_comm.Barrier()
    trainer.extend(MeanObservation(_state.comm), name='processes')
    trainer.extend(StopTogether(_state.comm), name='processes_stop')


class MeanObservation(extension.Extension):
    """Replace each reported scalar by its mean over the processes (ChainerMN's
    ObservationAggregator), before LogReport and PrintReport read it."""

    trigger = 1, 'iteration'
    priority = extension.PRIORITY_EDITOR

    def __init__(self, comm):
        self.comm = comm

    def __call__(self, trainer):
        observation = trainer.observation
        mine = {k: float(_host(v)) for k, v in observation.items() if numpy.size(_host(v)) == 1}
        everyone = self.comm.allgather_obj(mine)
        for key in mine:
            observation[key] = numpy.float32(numpy.mean([o[key] for o in everyone if key in o]))

    def serialize(self, serializer):
        serializer('size', self.comm.size)


class StopTogether(extension.Extension, StopRequest):
    """Ctrl-C or SIGTERM (mpiexec passes them to every process) stops all processes after the
    same iteration, the last thing each iteration does, so none waits forever for the others
    in the next one; process 0's snapshot extension then saves as in a single process. A
    second signal stops at once (the Trainer's own StopRequest)."""

    trigger = 1, 'iteration'
    priority = extension.PRIORITY_SNAPSHOT - 100

    def __init__(self, comm):
        StopRequest.__init__(self)
        self.comm, self._previous = comm, {}

    def initialize(self, trainer):
        # NOTE: installed before Trainer.run's own deferred handler, which then stands aside
        for signum in (signal.SIGINT, signal.SIGTERM):
            self._previous[signum] = signal.signal(signum, self.handle)

    def __call__(self, trainer):
        anyone = self.comm.allreduce(numpy.array([int(self.requested)], numpy.int32))
        if anyone[0]:
            raise KeyboardInterrupt

    def finalize(self):
        for signum, previous in self._previous.items():
            signal.signal(signum, previous)
        self._previous = {}


def _host(value):
    return to_cpu(getattr(value, 'array', value))


def load_snapshot(path, trainer):
    """``load_npz(path, trainer)``, knowing that each process has its own data and randomness.

    Exact (as load_npz) for process 0 when the snapshot was written with as many processes
    as now; otherwise the data order and the random stream start afresh (see the module).
    """
    with numpy.load(path, allow_pickle=False) as npz:
        saved = int(npz[_KEY]) if _KEY in npz else 1
    exact = saved == _state.size and _state.rank == 0

    def skipped(key):
        return (key.startswith(('extensions/processes', 'extension_triggers/processes'))
                or not exact and ('/iterator:' in key or key.startswith('random_state/')))

    serializers.load_npz(path, trainer, ignore_names=skipped)
    if exact:
        return
    _reseed(_state.rank, trainer.updater.iteration)
    for name in ('main',):
        iterator = trainer.updater.get_iterator(name)
        epoch = iterator.epoch
        iterator.reset()
        iterator.epoch = epoch
    if is_writer():
        print('the snapshot was written by %d process%s, this run has %d: weights and '
              'optimizers continue exactly, data order and random draws start afresh'
              % (saved, '' if saved == 1 else 'es', _state.size))
