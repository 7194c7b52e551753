"""Run public Chainer programs, unmodified, on minigan for a few CPU iterations; print a table.

    python benchmarks/run_chainer_programs.py --work /tmp/chainer-runs \\
        --chainer-examples CHAINER/examples --gan-lib CHAINER_GAN_LIB --pggan CHAINER_PGGAN \\
        --celeba CHAINER_GAN_CELEBA

Give the folders of programs you fetched yourself (this script downloads nothing and the
programs are not part of minigan): Chainer 7.8.1's ``examples`` folder, pfnet-research's
chainer-gan-lib (with hvy's chainer-inception-score in ``common/inception``, its submodule),
joisino's chainer-PGGAN and xkumiyu's chainer-GAN-CelebA. Leave one out to skip its programs.
CIFAR-10 and MNIST are replaced by small random files in Chainer's cache layout under
``<work>/dataset`` (CHAINER_DATASET_ROOT); the PGGAN and CelebA programs read the bundled
Twemoji faces (flattened onto white, as they expect RGB). chainer-gan-lib's BEGAN is left out:
it calls ``.get()`` on arrays, which only CuPy arrays have, in real Chainer too.
The VAE example needs matplotlib and chainer-gan-lib needs scipy, as with real Chainer.
"""
import argparse
import os
import subprocess
import sys
import time

import numpy
from PIL import Image

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def make_fake_datasets(root):
    """Random uint8 images in the files Chainer's get_mnist and get_cifar10/100 read."""
    rng = numpy.random.RandomState(0)
    base = os.path.join(root, 'pfnet', 'chainer')
    os.makedirs(os.path.join(base, 'mnist'), exist_ok=True)
    os.makedirs(os.path.join(base, 'cifar'), exist_ok=True)
    for name, n in (('train.npz', 200), ('test.npz', 100)):
        numpy.savez_compressed(os.path.join(base, 'mnist', name),
                               x=rng.randint(0, 256, (n, 784)).astype(numpy.uint8),
                               y=rng.randint(0, 10, n).astype(numpy.uint8))
    for name, classes in (('cifar-10', 10), ('cifar-100', 100)):
        numpy.savez_compressed(
            os.path.join(base, 'cifar', name + '.npz'),
            train_x=rng.randint(0, 256, (200, 3072)).astype(numpy.uint8),
            train_y=rng.randint(0, classes, 200).astype(numpy.uint8),
            test_x=rng.randint(0, 256, (100, 3072)).astype(numpy.uint8),
            test_y=rng.randint(0, classes, 100).astype(numpy.uint8))


def make_rgb_faces(folder, count=32, size=None):
    source = os.path.join(ROOT, 'examples', 'data', 'twemoji-faces-64')
    os.makedirs(folder, exist_ok=True)
    for name in sorted(os.listdir(source))[:count]:
        image = Image.open(os.path.join(source, name)).convert('RGBA')
        flat = Image.new('RGB', image.size, (255, 255, 255))
        flat.paste(image, mask=image.split()[3])
        flat.resize((size, size) if size else flat.size).save(os.path.join(folder, name))


def programs(args, work):
    """(name, folder to run in, arguments after ``python -m minigan.as_chainer``)."""
    runs = []
    if args.chainer_examples:
        ex = args.chainer_examples
        dcgan = os.path.join(ex, 'dcgan', 'train_dcgan.py')
        mnist = os.path.join(ex, 'mnist', 'train_mnist.py')
        common = ['-b', '20', '--snapshot_interval', '5', '--display_interval', '2']
        runs += [
            ('chainer dcgan', 'dcgan', [dcgan, '--epoch', '1', '-o', 'out'] + common),
            ('chainer dcgan resume', 'dcgan', [dcgan, '--epoch', '2', '-o', 'out2', '--resume',
                                               'out/snapshot_iter_5.npz'] + common),
            ('chainer mnist', 'mnist', [mnist, '-e', '2', '-b', '50', '-u', '100', '-o', 'out',
                                        '--frequency', '1']),
            ('chainer mnist resume', 'mnist', [mnist, '-e', '3', '-b', '50', '-u', '100', '-o',
                                               'out2', '--resume', 'out/snapshot_iter_8']),
            ('chainer mnist autoload', 'mnist', [mnist, '-e', '3', '-b', '50', '-u', '100',
                                                 '-o', 'out', '--frequency', '1', '--autoload']),
            ('chainer vae', 'vae', [os.path.join(ex, 'vae', 'train_vae.py'), '-e', '2', '-b',
                                    '50', '-o', 'out'])]
    if args.gan_lib:
        train = os.path.join(args.gan_lib, 'train.py')
        for algorithm, architecture in (('dcgan', 'dcgan'), ('wgan_gp', 'dcgan'),
                                        ('stdgan', 'sndcgan'), ('dragan', 'dcgan'),
                                        ('cramer', 'dcgan'), ('dfm', 'dcgan'),
                                        ('minibatch_discrimination', 'dcgan')):
            runs.append(('chainer-gan-lib ' + algorithm, 'gan-lib', [
                train, '--gpu', '-1', '--algorithm', algorithm, '--architecture', architecture,
                '--batchsize', '8', '--max_iter', '4', '--display_interval', '2',
                '--snapshot_interval', '2', '--evaluation_interval', '1000', '--n_dis', '2',
                '-o', 'out_' + algorithm]))
    if args.pggan:
        train = os.path.join(args.pggan, 'train.py')
        make_rgb_faces(os.path.join(work, 'pggan', 'faces'))
        runs += [
            ('chainer-PGGAN 4x4', 'pggan', [train, '--dir', 'faces', '--epoch', '2', '--depth',
                                            '0', '-b', '8', '-n', '4']),
            ('chainer-PGGAN 8x8 from 4x4', 'pggan', [
                train, '--dir', 'faces', '--epoch', '1', '--depth', '1', '-b', '8', '-n', '4',
                '--gen', 'results/gen', '--dis', 'results/dis', '--optg', 'results/opt_g',
                '--optd', 'results/opt_d'])]
    if args.celeba:
        train = os.path.join(args.celeba, 'train_gan.py')
        make_rgb_faces(os.path.join(work, 'celeba', 'faces'), count=16, size=128)
        common = ['-b', '8', '-i', 'faces/', '-o', 'out', '--snapshot_interval', '1',
                  '--display_interval', '1']
        runs += [('chainer-GAN-CelebA', 'celeba', [train, '-e', '1'] + common),
                 ('chainer-GAN-CelebA resume', 'celeba', [
                     train, '-e', '2', '--resume', 'out/snapshot_gan_iter_2.npz'] + common)]
    return runs


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--work', required=True, help='an empty folder for the runs')
    parser.add_argument('--chainer-examples', help="Chainer 7.8.1's examples folder")
    parser.add_argument('--gan-lib', help="pfnet-research/chainer-gan-lib's folder")
    parser.add_argument('--pggan', help="joisino/chainer-PGGAN's folder")
    parser.add_argument('--celeba', help="xkumiyu/chainer-GAN-CelebA's folder")
    args = parser.parse_args()
    for folder in (args.chainer_examples, args.gan_lib, args.pggan, args.celeba):
        if folder and not os.path.isdir(folder):
            sys.exit('error: %s is not a folder' % folder)
    work = os.path.abspath(args.work)
    if os.path.exists(work) and os.listdir(work):
        sys.exit('error: %s is not empty; give a new folder' % work)
    make_fake_datasets(os.path.join(work, 'dataset'))
    paths = [ROOT] + ([os.environ['PYTHONPATH']] if os.environ.get('PYTHONPATH') else [])
    env = dict(os.environ, CHAINER_DATASET_ROOT=os.path.join(work, 'dataset'),
               PYTHONPATH=os.pathsep.join(paths))
    rows = []
    for name, folder, command in programs(args, work):
        cwd = os.path.join(work, folder)
        os.makedirs(cwd, exist_ok=True)
        start = time.time()
        with open(os.path.join(cwd, name.replace(' ', '_') + '.log'), 'w') as log:
            code = subprocess.call([sys.executable, '-m', 'minigan.as_chainer'] + command,
                                   cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
        rows.append((name, code, time.time() - start))
        print('%-40s exit %d  %6.1f s' % rows[-1], flush=True)
    failed = [r for r in rows if r[1] != 0]
    print('%d programs, %d failed (logs under %s)' % (len(rows), len(failed), work))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
