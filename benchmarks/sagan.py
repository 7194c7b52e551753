"""Time one SAGAN training iteration (D step, then G step) in minigan, next to PyTorch.

The networks are the DCGAN-shaped SAGAN of minigan/gan/models/sagan.py and its PyTorch twin in
benchmarks/torch_twins.py: spectral normalization on every weight layer,
self-attention at 16x16 and 32x32, hinge loss, Adam (0, 0.9) with lr 1e-4 for G and 4e-4
for D, no DiffAugment. Each row prints the median seconds per iteration of minigan and,
when torch is importable, of torch on the same number of threads, and their ratio.
Iterations alternate between the two libraries so that drift on a shared machine hits both.

    python benchmarks/sagan.py                            # 64x64, ch 64, batch 5 and 64
    python benchmarks/sagan.py --batches 5 --repeat 3 --threads 2 --size 32
"""
import argparse
import os
import statistics
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--size', type=int, default=64)
    parser.add_argument('--ch', type=int, default=64)
    parser.add_argument('--z-dim', type=int, default=100)
    parser.add_argument('--batches', type=int, nargs='+', default=[5, 64])
    parser.add_argument('--repeat', type=int, default=5, help='timed iterations per row')
    parser.add_argument('--threads', type=int, default=2)
    parser.add_argument('--no-torch', action='store_true')
    return parser.parse_args()


def minigan_step(args, batch):
    """A closure running one GANUpdater iteration (hinge, TTUR) on random 'real' images."""
    import numpy
    from minigan import optimizers, reporter
    from minigan.gan.models import sagan
    from minigan.gan.updaters import GANUpdater
    from minigan.iterators import SerialIterator
    numpy.random.seed(0)
    gen = sagan.Generator(size=args.size, z_dim=args.z_dim, ch=args.ch)
    dis = sagan.Discriminator(size=args.size, ch=args.ch)
    opts = {'gen': optimizers.Adam(alpha=1e-4, beta1=0.0, beta2=0.9),
            'dis': optimizers.Adam(alpha=4e-4, beta1=0.0, beta2=0.9)}
    opts['gen'].setup(gen)
    opts['dis'].setup(dis)
    images = list(numpy.random.uniform(-1, 1, (batch, 3, args.size, args.size))
                  .astype(numpy.float32))
    updater = GANUpdater(SerialIterator(images, batch), opts, loss='hinge')

    def step():
        rep = reporter.Reporter()
        with rep.scope(rep.observation):
            updater.update()
    return step


def torch_step(torch, args, batch):
    """The same iteration with the twin of benchmarks/torch_twins.py (hinge, TTUR)."""
    import torch_twins
    torch.manual_seed(0)
    G, D = torch_twins.sagan(args.size, args.ch, args.z_dim)
    real = torch.rand(batch, 3, args.size, args.size) * 2 - 1
    return torch_twins.make_step('hinge', G, D, real, args.z_dim)


def _timed(step):
    start = time.perf_counter()
    step()
    return time.perf_counter() - start


def main():
    args = parse_args()
    # NOTE: BLAS reads its thread count when NumPy is first imported, hence the late imports
    for var in ('OMP_NUM_THREADS', 'OPENBLAS_NUM_THREADS', 'MKL_NUM_THREADS'):
        os.environ[var] = str(args.threads)
    # NOTE: idle OpenBLAS threads otherwise spin after each product, stealing torch's cores
    os.environ.setdefault('OPENBLAS_THREAD_TIMEOUT', '4')
    sys.path.insert(0, ROOT)
    torch = None
    if not args.no_torch:
        try:
            import torch
            torch.set_num_threads(args.threads)
        except ImportError:
            print('torch is not importable: timing minigan alone')
    print('SAGAN %dx%d, ch %d, z_dim %d, %d threads, median of %d iterations, s/iteration'
          % (args.size, args.size, args.ch, args.z_dim, args.threads, args.repeat))
    print('| batch | minigan |   torch | minigan / torch |')
    print('| ----: | ------: | ------: | --------------: |')
    for batch in args.batches:
        steps = {'minigan': minigan_step(args, batch)}
        if torch is not None:
            steps['torch'] = torch_step(torch, args, batch)
        times = {name: [] for name in steps}
        for step in steps.values():
            step()  # NOTE: warm-up (allocations, lazy initialization)
        for _ in range(args.repeat):
            for name, step in steps.items():
                times[name].append(_timed(step))
        mine = statistics.median(times['minigan'])
        if torch is None:
            print('| %5d | %7.3f | %7s | %15s |' % (batch, mine, '-', '-'))
        else:
            theirs = statistics.median(times['torch'])
            print('| %5d | %7.3f | %7.3f | %14.2fx |' % (batch, mine, theirs, mine / theirs))
    print('NOTE: timings on a shared machine are noisy; compare ratios taken in one run only.')


if __name__ == '__main__':
    main()
