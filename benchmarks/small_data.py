"""100 pictures: from scratch, with DiffAugment, with ADA, and fine-tuned, at the same budget.

    python benchmarks/small_data.py --shared DATASETS/ --out /tmp/small_data
    python benchmarks/small_data.py --shared DATASETS/ --out /tmp/small_data --step eval

DATASETS/ holds the Twemoji sets twemoji-food-64 and twemoji-all-64 (64x64 PNGs).

Builds a 100-image subset of twemoji-food-64 (seed 0) and, for fine-tuning, a larger and
different set: twemoji-all-64 without any food picture. Trains DCGAN on them with
examples/train_dcgan.py (one thread each, ``nice``), then draws --samples images from every
run's final generator and scores them against the 100 training images with
minigan.gan.metrics, printing one markdown table; every run's last sample grid and one
side-by-side comparison (``compare.png``, a row of 16 samples per run) are written to --out.
Steps: data, source (the run on the large set), runs (the four 100-image runs), eval; 'all'
runs them in order and skips runs whose folder already holds gen.npz.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys

import numpy

import minigan
from minigan.gan import data, metrics, model_io, sampling

HERE = os.path.dirname(os.path.abspath(__file__))
TRAIN = os.path.join(HERE, '..', 'examples', 'train_dcgan.py')
MODEL = ['--size', '32', '--ch', '32', '--z-dim', '64', '--batch-size', '32']
RUNS = {  # name: extra options of train_dcgan.py
    'scratch': ['--augment', 'off'],
    'diffaugment': ['--augment', 'diffaugment'],
    'ada': ['--augment', 'ada'],
    'finetuned': ['--augment', 'off', '--init-from', '{source}'],
}
SHOWN = ['fd', 'kd', 'precision', 'recall', 'coverage', 'memorized', 'memorized_pixels']


def make_data(shared, out, n=100, seed=0):
    """out/food100 (n pictures of twemoji-food-64) and out/source (all-64 minus food)."""
    food = sorted(f for f in os.listdir(os.path.join(shared, 'twemoji-food-64'))
                  if f.endswith('.png'))
    pick = sorted(numpy.random.RandomState(seed).choice(food, n, replace=False))
    for name, files, src in (('food100', pick, 'twemoji-food-64'),
                             ('source', None, 'twemoji-all-64')):
        dst = os.path.join(out, name)
        if os.path.isdir(dst):
            continue
        os.makedirs(dst)
        if files is None:
            files = [f for f in os.listdir(os.path.join(shared, src))
                     if f.endswith('.png') and f not in set(food)]
        for f in files:
            shutil.copy(os.path.join(shared, src, f), dst)
    print('data: %d training pictures, %d source pictures' % (
        len(os.listdir(os.path.join(out, 'food100'))),
        len(os.listdir(os.path.join(out, 'source')))))


def train(name, data_dir, out, iterations, extra):
    run_dir = os.path.join(out, name)
    if os.path.exists(os.path.join(run_dir, 'gen.npz')):
        print('%s: already trained' % name)
        return
    env = dict(os.environ, OMP_NUM_THREADS='1', OPENBLAS_NUM_THREADS='1', MKL_NUM_THREADS='1')
    cmd = ['nice', '-n', '10', sys.executable, TRAIN, '--data', data_dir, '--out', run_dir,
           '--iterations', str(iterations)] + MODEL + extra
    print(' '.join(cmd))
    with open(run_dir + '.txt', 'w') as log:
        subprocess.run(cmd, check=True, env=env, stdout=log, stderr=subprocess.STDOUT)


def samples(run_dir, n, seed=1):
    gen, _ = model_io.load_generator(run_dir)
    z = gen.make_hidden(n, numpy.random.RandomState(seed))
    with minigan.using_config('train', False), minigan.no_backprop_mode():
        return numpy.concatenate([gen(z[i:i + 100]).array for i in range(0, n, 100)])


def evaluate(out, n):
    real = data.ImageFolder(os.path.join(out, 'food100'), 32, log=lambda m: None).images
    ref = metrics.Reference(real)
    rows, strips = [], []
    for name in RUNS:
        run_dir = os.path.join(out, name)
        x = samples(run_dir, n)
        scores = ref.compare(x)
        rows.append((name, scores))
        strips.append(sampling.to_uint8(x[:16]))
        with open(os.path.join(run_dir, 'scores.json'), 'w') as f:
            json.dump({k: float(v) for k, v in scores.items()}, f, indent=1)
    print('| run | %s |' % ' | '.join(SHOWN))
    print('| --- |%s' % ' --- |' * len(SHOWN))
    for name, scores in rows:
        print('| %s | %s |' % (name, ' | '.join('%.3f' % scores[k] for k in SHOWN)))
    grid = numpy.concatenate(strips)
    sampling.save_grid(os.path.join(out, 'compare.png'), grid, cols=16, scale=2)
    print('rows of compare.png, top to bottom: %s' % ', '.join(RUNS))


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--shared', required=True, help='folder holding twemoji-*-64')
    parser.add_argument('--out', required=True)
    parser.add_argument('--iterations', type=int, default=2000)
    parser.add_argument('--source-iterations', type=int, default=3000)
    parser.add_argument('--samples', type=int, default=500)
    parser.add_argument('--step', default='all',
                        choices=['all', 'data', 'source', 'runs', 'eval'])
    parser.add_argument('--only', nargs='*', default=list(RUNS), help='runs to train')
    args = parser.parse_args()
    steps = ['data', 'source', 'runs', 'eval'] if args.step == 'all' else [args.step]
    if 'data' in steps:
        make_data(args.shared, args.out)
    source = os.path.join(args.out, 'source_run')
    if 'source' in steps:
        train('source_run', os.path.join(args.out, 'source'), args.out,
              args.source_iterations, ['--augment', 'diffaugment'])
    if 'runs' in steps:
        for name in args.only:
            extra = [a.format(source=source) for a in RUNS[name]]
            train(name, os.path.join(args.out, 'food100'), args.out, args.iterations, extra)
    if 'eval' in steps:
        evaluate(args.out, args.samples)


if __name__ == '__main__':
    main()
