"""Time a training iteration of DCGAN-64 and PGGAN-32 with 1 process of 1 and of 2 threads
and with 2 processes of 1 thread (mpiexec -n 2, minigan.distributed), same total batch.

    python benchmarks/distributed.py                       # both models, flat communicator
    python benchmarks/distributed.py --models dcgan64 --communicator naive --repeat 3

Each row is a fresh set of processes on random images; the two processes of a row take half
the batch each and all-reduce their mean gradients. "all-reduce" is the time a process spent
in ``multi_node_mean_grad`` (moving the gradients, and waiting for the slower process), as a
share of the iteration; "alone" times the same all-reduces started together after a barrier
(the cost of moving the bytes). The table also gives the gradient bytes each step all-reduces.
Needs ``pip install -e ".[mpi]"``.
"""
import argparse
import json
import os
import subprocess
import sys
import time

import numpy

MODELS = {'dcgan64': dict(batch=64), 'pggan32': dict(batch=16)}
SETUPS = [('1 process, 1 thread', 1, 1), ('1 process, 2 threads', 1, 2),
          ('2 processes, 1 thread each', 2, 1)]


def build(model, batch, wrap):
    """(gen, dis, updater) of ``model`` on random images; ``wrap`` maps the optimizers."""
    from minigan import optimizers
    from minigan.gan import data, progressive
    from minigan.gan.ema import ExponentialMovingAverage
    from minigan.gan.models import dcgan, pggan
    from minigan.gan.pggan_updater import PGGANUpdater
    from minigan.gan.updaters import GANUpdater
    from minigan.iterators import SerialIterator
    numpy.random.seed(0)
    if model == 'dcgan64':
        gen, dis = dcgan.Generator(size=64, z_dim=100, ch=64), dcgan.Discriminator(64, ch=64)
        adam = dict(alpha=2e-4, beta1=0.5)
    else:
        gen, dis = pggan.Generator(32, 128, 64), pggan.Discriminator(32, 64)
        adam = dict(alpha=1e-3, beta1=0.0, beta2=0.99, eps=1e-8)
    opts = {}
    for name, link in (('gen', gen), ('dis', dis)):
        opts[name] = optimizers.Adam(**adam)
        opts[name].setup(link)
    opts = wrap(opts)
    if model == 'dcgan64':
        images = numpy.random.uniform(-1, 1, (4 * batch, 3, 64, 64)).astype(numpy.float32)
        return gen, dis, GANUpdater(SerialIterator(images, batch), opts)
    # NOTE: PGGAN in the stabilizing phase of 32x32, every block in use
    images = numpy.random.randint(0, 256, (4 * batch, 32, 32, 3), numpy.uint8)
    schedule = progressive.Schedule(32, images_per_phase=10 ** 9, batch_size=batch)
    updater = PGGANUpdater(SerialIterator(data.ArrayImageDataset(images), batch), opts,
                           schedule, images, ema=ExponentialMovingAverage(gen))
    updater.iteration = [p for p in schedule.phases if p.kind == 'stable'][-1].start
    return gen, dis, updater


def worker(args):
    """One process of a row: print (process 0) a JSON line of its timings."""
    from minigan import distributed, reporter
    from minigan.utils import conv
    conv.num_threads = args.threads
    comm = distributed.create_communicator(args.communicator) if args.processes > 1 else None
    batch = MODELS[args.model]['batch'] // args.processes
    spent = [0.0]
    if comm is not None:
        mean_grad = comm.multi_node_mean_grad

        def timed(model, zero_fill=False):
            start = time.perf_counter()
            mean_grad(model, zero_fill)
            spent[0] += time.perf_counter() - start
        comm.multi_node_mean_grad = timed

    def wrap(opts):
        if comm is None:
            return opts
        return {k: distributed.create_multi_node_optimizer(o, comm, zero_fill=False)
                for k, o in opts.items()}
    gen, dis, updater = build(args.model, batch, wrap)
    times, shares = [], []
    for i in range(args.repeat + 1):  # NOTE: the first iteration warms up
        spent[0] = 0.0
        rep = reporter.Reporter()
        start = time.perf_counter()
        with rep.scope(rep.observation):
            updater.update()
        times.append(time.perf_counter() - start)
        shares.append(spent[0])
    grad_bytes = sum(p.array.nbytes for link in (gen, dis) for p in link.params()
                     if p.array is not None)
    alone = []
    if comm is not None:  # NOTE: the same all-reduces with both processes waiting at the start
        for i in range(args.repeat):
            comm.mpi_comm.Barrier()
            start = time.perf_counter()
            for link in (gen, dis):
                mean_grad(link)
            alone.append(time.perf_counter() - start)
    if comm is None or comm.rank == 0:
        print(json.dumps({'ms': 1000 * float(numpy.median(times[1:])),
                          'allreduce_ms': 1000 * float(numpy.median(shares[1:])),
                          'alone_ms': 1000 * float(numpy.median(alone)) if alone else 0,
                          'grad_bytes': grad_bytes}))


def run_row(args, model, processes, threads):
    env = dict(os.environ, OMP_NUM_THREADS=str(threads), OPENBLAS_NUM_THREADS=str(threads),
               MKL_NUM_THREADS=str(threads))
    cmd = [sys.executable, os.path.abspath(__file__), '--worker', '--model', model,
           '--processes', str(processes), '--threads', str(threads), '--repeat',
           str(args.repeat), '--communicator', args.communicator]
    if processes > 1:
        here = os.path.join(os.path.dirname(sys.executable), 'mpiexec')
        cmd = [here if os.path.exists(here) else 'mpiexec', '-n', str(processes)] + cmd
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--models', nargs='+', default=list(MODELS), choices=list(MODELS))
    parser.add_argument('--communicator', default='flat', choices=['naive', 'flat'])
    parser.add_argument('--repeat', type=int, default=5, help='timed iterations per row')
    parser.add_argument('--worker', action='store_true', help=argparse.SUPPRESS)
    parser.add_argument('--model', default='dcgan64', help=argparse.SUPPRESS)
    parser.add_argument('--processes', type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument('--threads', type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        return worker(args)
    try:
        from threadpoolctl import threadpool_info
        blas = ', '.join('%s %s' % (i.get('internal_api'), i.get('architecture'))
                         for i in threadpool_info())
    except ImportError:
        blas = 'unknown (pip install threadpoolctl)'
    print('BLAS: %s; OPENBLAS_CORETYPE=%s; %s communicator; median of %d iterations'
          % (blas, os.environ.get('OPENBLAS_CORETYPE'), args.communicator, args.repeat))
    print('| model (total batch) | setup | ms / iteration | vs 1 process, 1 thread | '
          'all-reduce ms (share) | all-reduce alone ms | gradient MB / step |')
    print('| --- | --- | --- | --- | --- | --- | --- |')
    for model in args.models:
        base = None
        for label, processes, threads in SETUPS:
            row = run_row(args, model, processes, threads)
            base = base or row['ms']
            share = ('%.1f (%.0f%%)' % (row['allreduce_ms'], 100 * row['allreduce_ms'] / row['ms'])
                     if processes > 1 else '-')
            alone = '%.1f' % row['alone_ms'] if processes > 1 else '-'
            print('| %s (%d) | %s | %.0f | %.2fx | %s | %s | %.1f |'
                  % (model, MODELS[model]['batch'], label, row['ms'], base / row['ms'], share,
                     alone, row['grad_bytes'] / 1e6), flush=True)


if __name__ == '__main__':
    main()
