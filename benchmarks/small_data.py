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
Steps: data, source (the run on the large set), runs (the 100-image runs), long (with
--long N: scratch, diffaugment and ada resumed from their last snapshot and trained on to N
iterations, in NAME_N), eval; 'all' runs them in order and skips runs whose folder already
holds gen.npz. The step 'classes' (not part of 'all') builds a three-class set from
twemoji-all-64's manifest (faces, animals, flags; at most 100 each), trains a --conditional
DCGAN on it for --iterations and writes classes.png, one row of 12 samples per class.
"""
import argparse
import csv
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
    'finetuned+diffaugment': ['--augment', 'diffaugment', '--init-from', '{source}'],
    'finetuned+freezed2': ['--augment', 'off', '--init-from', '{source}', '--freeze-d', '2'],
}
SHOWN = ['fd', 'kd', 'precision', 'recall', 'density', 'coverage', 'diversity', 'memorized',
         'memorized_pixels']


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


def make_classes(shared, out, per_class=100, seed=0):
    """out/classes3/{animals,faces,flags}: pictures of twemoji-all-64 by manifest category."""
    root = os.path.join(shared, 'twemoji-all-64')
    with open(os.path.join(root, 'manifest.csv')) as f:
        rows = list(csv.DictReader(f))
    groups = {
        'faces': [r for r in rows if r['category'] == 'Smileys & Emotion'
                  and r['subcategory'].startswith('face')],
        'animals': [r for r in rows if r['subcategory'] in ('animal-mammal', 'animal-bird')],
        'flags': [r for r in rows if r['subcategory'] == 'country-flag'],
    }
    rng = numpy.random.RandomState(seed)
    for name, members in groups.items():
        files = sorted(r['file'] for r in members)
        if len(files) > per_class:
            files = sorted(rng.choice(files, per_class, replace=False))
        dst = os.path.join(out, 'classes3', name)
        os.makedirs(dst, exist_ok=True)
        for f in files:
            shutil.copy(os.path.join(root, f), dst)


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


def evaluate(out, n, names):
    real = data.ImageFolder(os.path.join(out, 'food100'), 32, log=lambda m: None).images
    ref = metrics.Reference(real)
    rows, strips = [], []
    for name in names:
        run_dir = os.path.join(out, name)
        if not os.path.exists(os.path.join(run_dir, 'gen.npz')):
            print('%s: not trained yet' % name)
            continue
        x = samples(run_dir, n)
        scores = ref.compare(x)
        rows.append((name, scores))
        strips.append(sampling.to_uint8(x[:16]))
        with open(os.path.join(run_dir, 'scores.json'), 'w') as f:
            json.dump({k: float(v) for k, v in scores.items()}, f, indent=1)
    print('| run | %s |' % ' | '.join(SHOWN))
    print('| --- |%s' % (' --- |' * len(SHOWN)))
    for name, scores in rows:
        print('| %s | %s |' % (name, ' | '.join('%.3f' % scores[k] for k in SHOWN)))
    grid = numpy.concatenate(strips)
    sampling.save_grid(os.path.join(out, 'compare.png'), grid, cols=16, scale=2)
    print('rows of compare.png, top to bottom: %s' % ', '.join(name for name, _ in rows))


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--shared', required=True, help='folder holding twemoji-*-64')
    parser.add_argument('--out', required=True)
    parser.add_argument('--iterations', type=int, default=2000)
    parser.add_argument('--source-iterations', type=int, default=3000)
    parser.add_argument('--samples', type=int, default=500)
    parser.add_argument('--step', default='all',
                        choices=['all', 'data', 'source', 'runs', 'long', 'eval', 'classes'])
    parser.add_argument('--long', type=int, default=None,
                        help='continue scratch, diffaugment and ada to this many iterations')
    parser.add_argument('--only', nargs='*', default=list(RUNS), help='runs to train')
    args = parser.parse_args()
    steps = ['data', 'source', 'runs', 'long', 'eval'] if args.step == 'all' else [args.step]
    longer = ['scratch', 'diffaugment', 'ada'] if args.long else []
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
    for name in longer if 'long' in steps else []:
        snapshot = os.path.join(args.out, name, 'snapshot_iter_%d.npz' % args.iterations)
        train('%s_%d' % (name, args.long), os.path.join(args.out, 'food100'), args.out,
              args.long, RUNS[name] + ['--resume', snapshot])
    if 'classes' in steps:
        make_classes(args.shared, args.out)
        train('conditional', os.path.join(args.out, 'classes3'), args.out, args.iterations,
              ['--conditional'])
        subprocess.run([sys.executable, os.path.join(HERE, '..', 'examples', 'generate.py'),
                        '--model', os.path.join(args.out, 'conditional'), '--n', '12',
                        '--grid', os.path.join(args.out, 'classes.png')], check=True)
    if 'eval' in steps:
        evaluate(args.out, args.samples,
                 list(RUNS) + ['%s_%d' % (name, args.long) for name in longer])


if __name__ == '__main__':
    main()
