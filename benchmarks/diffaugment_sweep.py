"""Does DiffAugment help SAGAN on ~100 pictures? Quality at the iteration counts people run.

Trains examples/train_sagan.py once per (policy, seed) to the largest --checkpoints count,
scoring --eval-samples samples against the training images at every --eval-every iterations
(minigan.gan.quality, which draws nothing from the training's random generator), and prints
the Frechet distance, coverage and the memorized fraction at each checkpoint.

    python benchmarks/diffaugment_sweep.py                  # bundled faces, off vs DiffAugment
    python benchmarks/diffaugment_sweep.py --checkpoints 3000 10000 --seeds 1 2 --out /tmp/da

The recipe is issue 17's SAGAN (32x32, ch 32, batch 5, attention at 16x16, no EMA) unless
--size / --ch say otherwise. Runs already in --out are read, not retrained.
"""
import argparse
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path[:0] = [ROOT, os.path.join(ROOT, 'examples')]

import train_sagan  # noqa: E402
from minigan.gan import remedies  # noqa: E402

KEYS = ('fd', 'coverage', 'precision', 'recall', 'memorized')


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    add = parser.add_argument
    add('--data', default=train_sagan.BUNDLED)
    add('--policies', nargs='+', default=['off', remedies.FULL_POLICY],
        help="'off', 'ada', or DiffAugment policies such as %s" % remedies.FULL_POLICY)
    add('--checkpoints', type=int, nargs='+', default=[3000, 10000, 30000])
    add('--seeds', type=int, nargs='+', default=[1])
    add('--size', type=int, default=32)
    add('--ch', type=int, default=32)
    add('--eval-every', type=int, default=1000)
    add('--eval-samples', type=int, default=500)
    add('--out', default='result/diffaugment_sweep')
    return parser.parse_args(argv)


def run_dir(args, policy, seed):
    return os.path.join(args.out, '%s_seed%d' % (policy.replace(',', '+'), seed))


def train(args, policy, seed):
    out = run_dir(args, policy, seed)
    if os.path.exists(os.path.join(out, 'gen.npz')):
        return out
    if policy in ('off', 'ada'):
        augment = ['--augment', policy]
    else:
        augment = ['--augment', 'diffaugment', '--diffaugment-policy', policy]
    train_sagan.main(['--data', args.data, '--size', str(args.size), '--ch', str(args.ch),
                      '--attn', '16', '--batch-size', '5', '--seed', str(seed),
                      '--iterations', str(max(args.checkpoints)), '--eval-every',
                      str(args.eval_every), '--eval-samples', str(args.eval_samples),
                      '--out', out] + augment)
    return out


def scores_at(out, iteration):
    """The quality/* entries that the run's log holds for ``iteration``."""
    with open(os.path.join(out, 'log')) as f:
        for entry in json.load(f):
            if entry.get('iteration') == iteration and 'quality/fd' in entry:
                return {k: entry['quality/' + k] for k in KEYS}
    raise SystemExit('error: %s has no quality scores at iteration %d (is --eval-every a '
                     'divisor of it?)' % (out, iteration))


def main(argv=None):
    args = parse_args(argv)
    rows = []
    for policy in args.policies:
        for seed in args.seeds:
            out = train(args, policy, seed)
            for it in args.checkpoints:
                rows.append((policy, seed, it, scores_at(out, it)))
    print('\n| augment | seed | iterations | ' + ' | '.join(KEYS) + ' |')
    print('| --- | --: | --: |' + ' --: |' * len(KEYS))
    for policy, seed, it, scores in rows:
        print('| %s | %d | %d | ' % (policy, seed, it)
              + ' | '.join('%.3f' % scores[k] for k in KEYS) + ' |')


if __name__ == '__main__':
    main()
