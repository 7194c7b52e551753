"""What scoring quality costs, next to what it is compared with: DCGAN training iterations.

    python benchmarks/quality_cost.py                     # bundled faces, DCGAN at 32x32
    python benchmarks/quality_cost.py --size 64 --samples 500 --repeat 5

Prints the median seconds of each step of one scoring (QualityMonitor.score without its
files), of one DCGAN training iteration at the default batch of 64, and the overhead that
scoring every --every iterations adds. Uses the threads numpy is given (OMP_NUM_THREADS).
"""
import argparse
import os
import statistics
import time

from minigan import optimizers
from minigan.gan import data, metrics
from minigan.gan.models import dcgan
from minigan.gan.quality import QualityMonitor
from minigan.gan.updaters import GANUpdater
from minigan.iterators import SerialIterator

BUNDLED = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'examples', 'data',
                       'twemoji-faces-64')


def median_seconds(function, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--data', default=BUNDLED)
    parser.add_argument('--size', type=int, default=32)
    parser.add_argument('--samples', type=int, default=256)
    parser.add_argument('--every', type=int, default=150, help='iterations between scorings')
    parser.add_argument('--repeat', type=int, default=3)
    args = parser.parse_args()
    try:
        from threadpoolctl import threadpool_info
        pools = ['%s %s (%d threads)' % (i.get('internal_api'), i.get('architecture'),
                                         i['num_threads']) for i in threadpool_info()]
        print('BLAS:', ', '.join(pools))
    except ImportError:
        pass
    dataset = data.ImageFolder(args.data, args.size, log=lambda message: None)
    gen = dcgan.Generator(size=args.size)
    dis = dcgan.Discriminator(size=args.size)
    monitor = QualityMonitor(gen, every=args.every, n_samples=args.samples)
    reference = monitor.reference(dataset)[0]
    fake = monitor.generate(gen)
    rows = [('reference: embed %d training images (once per run)' % len(dataset),
             median_seconds(lambda: metrics.Reference(dataset.images), args.repeat)),
            ('generate %d samples' % args.samples,
             median_seconds(lambda: monitor.generate(gen), args.repeat)),
            ('embed %d samples' % args.samples,
             median_seconds(lambda: reference.features_of(fake), args.repeat)),
            ('compare: all scores and 3 neighbours (embedding included)',
             median_seconds(lambda: reference.compare(fake, neighbours=3), args.repeat))]
    opts = {}
    for name, model in (('gen', gen), ('dis', dis)):
        opts[name] = optimizers.Adam(alpha=2e-4, beta1=0.5)
        opts[name].setup(model)
    updater = GANUpdater(SerialIterator(dataset, 64), opts)
    updater.update()
    iteration = median_seconds(updater.update, max(args.repeat, 5))
    rows.append(('one DCGAN-%d training iteration (batch 64)' % args.size, iteration))
    scoring = rows[1][1] + rows[3][1]
    print('%-62s %9s' % ('step', 'seconds'))
    for name, seconds in rows:
        print('%-62s %9.3f' % (name, seconds))
    print('one scoring (generate + compare) every %d iterations: %.1f%% of the training time'
          % (args.every, 100 * scoring / (args.every * iteration)))


if __name__ == '__main__':
    main()
