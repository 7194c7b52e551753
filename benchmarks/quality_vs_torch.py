"""Train a minigan GAN and its PyTorch twin with the same recipe and seed; compare their quality.

minigan trains through its own example script (examples/train_<family>.py, in process); the
twin (benchmarks/torch_mirror*.py) trains with the same loop in PyTorch (torch_train.py) on the
same images, batch order and latent vectors. Both then draw --n-samples images from the same z
in test mode, which minigan.gan.metrics scores against the training set (a fixed random-VGG
embedding: FD is the Frechet distance, KD the kernel distance, coverage and the rest as that
module says). The twin first has to compute what minigan computes on the same weights.

    python benchmarks/quality_vs_torch.py --family sagan --data examples/data/twemoji-faces-64
    python benchmarks/quality_vs_torch.py --family dcgan --seeds 1 2 --out /tmp/q
    python benchmarks/quality_vs_torch.py --family pggan --iterations 300   # --quick, cut short

Recipes (the defaults; options override them):

- sagan: 32x32, ch 32, z 128, batch 5, 3000 iterations, hinge loss, Adam 1e-4 (G) / 4e-4 (D)
  with betas (0, 0.9), SN everywhere, attention at 16x16, no augmentation, no EMA (issue 17);
- dcgan: train_dcgan.py's defaults at about an eighth of the cost: 32x32, ch 32 (not 64), z 100,
  batch 32 (not 64), 1500 iterations, non-saturating loss, Adam 2e-4 with betas (0.5, 0.999),
  N(0, 0.02) weights, and G's step reusing the D step's fake batch (train_dcgan.py draws a
  fresh one; --fake-batch fresh for both libraries);
- pggan: train_pggan.py --quick: 4x4 to 32x32, 150 iterations a phase, batch 16, ch 32, z 64,
  WGAN-GP with the drift term, Adam 1e-3 (0, 0.99), generator average 0.95.

``--torch-init own`` (default) initializes the twin the PyTorch way (SAGAN: PyTorch's default
layer init; DCGAN and PGGAN: their papers' draws, with PyTorch's generator); ``--torch-init
minigan`` copies minigan's initial weights instead, so only the arithmetic differs.
Writes ``<out>/<family>/`` (both runs, ``seed<S>_minigan_vs_torch.png``, ``results.json``).
"""
import argparse
import json
import os
import sys
import time

import numpy

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path[:0] = [ROOT, HERE, os.path.join(ROOT, 'examples')]

import minigan  # noqa: E402
from minigan.gan import data, model_io, sampling  # noqa: E402

RECIPES = {
    'sagan': dict(size=32, ch=32, z_dim=128, batch_size=5, iterations=3000),
    'dcgan': dict(size=32, ch=32, z_dim=100, batch_size=32, iterations=1500),
    'pggan': dict(size=32, ch=32, z_dim=64, batch_size=16, iterations=None),
}
KEYS = ('fd', 'kd', 'precision', 'recall', 'density', 'coverage')
DEFAULT_DATA = os.path.join(ROOT, 'examples', 'data', 'twemoji-faces-64')


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    add = parser.add_argument
    add('--family', required=True, choices=sorted(RECIPES))
    add('--data', default=DEFAULT_DATA)
    add('--seeds', type=int, nargs='+', default=[1])
    add('--out', default='result/quality_vs_torch')
    add('--size', type=int)
    add('--ch', type=int)
    add('--z-dim', type=int)
    add('--batch-size', type=int)
    add('--iterations', type=int, help='default: the recipe (PGGAN: the whole --quick schedule)')
    add('--augment', '--diffaugment', default='off',
        help="minigan only (the twins have none): 'off' (the recipes), 'ada', or a DiffAugment "
        "policy such as color,translation,cutout")
    add('--torch-init', default='own', choices=['own', 'minigan'])
    add('--fake-batch', default='reuse', choices=['reuse', 'fresh'],
        help="both libraries: G's step reuses the D step's fake batch or draws a fresh z")
    add('--n-samples', type=int, default=500)
    add('--threads', type=int, default=1, help='PyTorch threads (minigan follows OMP/BLAS)')
    add('--only', choices=['minigan', 'torch', 'none'],
        help="train one library, or none: score the samples.npy files already in --out")
    args = parser.parse_args(argv)
    for key, value in RECIPES[args.family].items():
        if getattr(args, key) is None:
            setattr(args, key, value)
    return args


def minigan_argv(args, seed, out):
    # NOTE: scored here, once; the twins have no augmentation (--augment: minigan only)
    argv = ['--data', args.data, '--seed', str(seed), '--out', out, '--ch', str(args.ch),
            '--z-dim', str(args.z_dim), '--eval-every', '0', '--augment', 'off',
            '--fake-batch', args.fake_batch]
    if args.family == 'pggan':
        argv += ['--quick', '--max-size', str(args.size), '--batch-size', str(args.batch_size)]
    else:
        argv += ['--size', str(args.size), '--batch-size', str(args.batch_size)]
    if args.iterations:
        argv += ['--iterations', str(args.iterations)]
    if args.family == 'sagan':
        argv += ['--attn', '16']
    if args.augment == 'ada':
        argv += ['--augment', 'ada']
    elif args.augment not in ('off', 'none'):
        argv += ['--augment', 'diffaugment', '--diffaugment-policy', args.augment]
    return argv


def train_minigan(args, seed, out):
    """Run examples/train_<family>.py in this process; returns its generator (test mode)."""
    script = __import__('train_' + args.family)
    script.main(minigan_argv(args, seed, out))
    gen, _ = model_io.load_generator(out)
    return gen


def sample_minigan(gen, z):
    with minigan.using_config('train', False), minigan.no_backprop_mode():
        return numpy.concatenate([gen(z[i:i + 100]).array for i in range(0, len(z), 100)])


def sample_torch(gen, z):
    import torch
    gen.eval()
    with torch.no_grad():
        return numpy.concatenate([gen(torch.from_numpy(z[i:i + 100])).numpy()
                                  for i in range(0, len(z), 100)])


def side_by_side(path, ours, theirs, n=64):
    """One PNG: minigan's first n samples on the left, PyTorch's on the right."""
    left = sampling.make_grid(sampling.to_uint8(ours[:n]))
    right = sampling.make_grid(sampling.to_uint8(theirs[:n]))
    gap = numpy.full((left.shape[0], 8, 3), 255, numpy.uint8)
    from PIL import Image
    Image.fromarray(numpy.concatenate([left, gap, right], axis=1)).save(path)


def score(reference, samples):
    factor = reference.image_shape[-1] // samples.shape[-1]
    if factor > 1:  # NOTE: a PGGAN run cut short by --iterations stops below full size
        samples = samples.repeat(factor, axis=2).repeat(factor, axis=3)
    result = reference.compare(samples)
    return {k: float(result[k]) for k in KEYS}


def run_seed(args, seed, reference, out):
    import torch
    import twin_runs
    torch.set_num_threads(args.threads)
    rows = {}
    z = numpy.random.RandomState(seed + 1000).normal(
        size=(args.n_samples, args.z_dim)).astype(numpy.float32)
    samples = {}
    for lib in ('minigan', 'torch'):
        run_dir = os.path.join(out, '%s_seed%d' % (lib, seed))
        path = os.path.join(run_dir, 'samples.npy')
        if args.only in (None, lib):
            start = time.time()
            if lib == 'minigan':
                images = sample_minigan(train_minigan(args, seed, run_dir), z)
            else:
                images = sample_torch(twin_runs.train(args, seed, run_dir), z)
            seconds = time.time() - start
            numpy.save(path, images)
            with open(os.path.join(run_dir, 'seconds.json'), 'w') as f:
                json.dump({'seconds': seconds}, f)
        if not os.path.exists(path):
            continue
        samples[lib] = numpy.load(path)
        rows[lib] = score(reference, samples[lib])
        with open(os.path.join(run_dir, 'seconds.json')) as f:
            rows[lib]['seconds'] = json.load(f)['seconds']
        sampling.save_grid(os.path.join(run_dir, 'samples.png'), samples[lib][:64])
    if len(samples) == 2:
        side_by_side(os.path.join(out, 'seed%d_minigan_vs_torch.png' % seed),
                     samples['minigan'], samples['torch'])
    return rows


def print_table(family, results):
    print('\n| family | seed | library | ' + ' | '.join(KEYS) + ' | seconds |')
    print('| --- | --: | --- |' + ' --: |' * (len(KEYS) + 1))
    for seed, rows in results.items():
        for lib, row in rows.items():
            print('| %s | %s | %s | ' % (family, seed, lib)
                  + ' | '.join('%.3f' % row[k] for k in KEYS) + ' | %.0f |' % row['seconds'])
    for seed, rows in results.items():
        if len(rows) == 2:
            m, t = rows['minigan'], rows['torch']
            print('seed %s: FD minigan / PyTorch = %.2f (done: <= 1.25); coverage minigan / '
                  'PyTorch = %.2f (done: >= 0.8)'
                  % (seed, m['fd'] / t['fd'], m['coverage'] / max(t['coverage'], 1e-9)))


def main(argv=None):
    args = parse_args(argv)
    from minigan.gan import metrics
    import twin_runs
    out = os.path.join(args.out, args.family)
    os.makedirs(out, exist_ok=True)
    twin_runs.check_twin(args)
    real = data.ImageFolder(args.data, args.size).images
    reference = metrics.Reference(real)
    path = os.path.join(out, 'results.json')
    results = {}
    if os.path.exists(path):  # NOTE: seeds run by other invocations stay in the file
        with open(path) as f:
            results = json.load(f)['results']
    for seed in args.seeds:
        results[str(seed)] = run_seed(args, seed, reference, out)
    with open(path, 'w') as f:
        json.dump({'args': vars(args), 'results': results}, f, indent=1)
    print_table(args.family, {seed: results[str(seed)] for seed in args.seeds})


if __name__ == '__main__':
    main()
