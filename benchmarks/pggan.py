"""Time one PGGAN training iteration (critic step with gradient penalty + generator step + EMA)
at each resolution, and print a table.

    python benchmarks/pggan.py                                   # CPU, ch 64, up to 32x32
    python benchmarks/pggan.py --max-size 256 --ch 512 --device 0 --batch-size 16

Every row runs the real updater in the stabilizing phase of its resolution on random images.
"""
import argparse
import time

import numpy

import minigan
from minigan import optimizers, reporter
from minigan.gan import data, progressive
from minigan.gan.ema import ExponentialMovingAverage
from minigan.gan.models import pggan
from minigan.gan.pggan_updater import PGGANUpdater
from minigan.iterators import SerialIterator


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--max-size', type=int, default=32)
    parser.add_argument('--ch', type=int, default=64)
    parser.add_argument('--z-dim', type=int, default=128)
    parser.add_argument('--batch-size', type=int, default=16)
    parser.add_argument('--iterations', type=int, default=5, help='timed iterations per row')
    parser.add_argument('--device', default='-1')
    args = parser.parse_args()
    numpy.random.seed(0)
    device = minigan.get_device(args.device)
    gen = pggan.Generator(args.max_size, args.z_dim, args.ch)
    dis = pggan.Discriminator(args.max_size, args.ch)
    gen.to_device(device)
    dis.to_device(device)
    opts = {}
    for name, model in (('gen', gen), ('dis', dis)):
        opts[name] = optimizers.Adam(alpha=1e-3, beta1=0.0, beta2=0.99, eps=1e-8)
        opts[name].setup(model)
    n = 4 * args.batch_size
    images = numpy.random.randint(0, 256, (n, args.max_size, args.max_size, 3), numpy.uint8)
    schedule = progressive.Schedule(args.max_size, images_per_phase=10 ** 9,
                                    batch_size=args.batch_size)
    updater = PGGANUpdater(SerialIterator(data.ArrayImageDataset(images), args.batch_size),
                           opts, schedule, images, ema=ExponentialMovingAverage(gen),
                           device=device)
    print('PGGAN iteration on %s, ch=%d, z_dim=%d, batch %d' % (
        device, args.ch, args.z_dim, args.batch_size))
    print('| resolution | ms / iteration | images / s |')
    print('| ---------- | -------------- | ---------- |')
    for phase in schedule.phases:
        if phase.kind != 'stable':
            continue
        updater.iteration = phase.start
        times = []
        for i in range(args.iterations + 1):  # NOTE: the first one warms up (and resizes)
            rep = reporter.Reporter()
            start = time.perf_counter()
            with rep.scope(rep.observation):
                updater.update()
            minigan.backend.to_cpu(gen.dense.W.array[:1])  # NOTE: waits for a GPU to finish
            times.append(time.perf_counter() - start)
        t = float(numpy.median(times[1:]))
        print('| %4dx%-5d | %14.1f | %10.1f |' % (phase.resolution, phase.resolution,
                                                  1000 * t, args.batch_size / t))


if __name__ == '__main__':
    main()
