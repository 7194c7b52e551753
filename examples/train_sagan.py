"""Train a SAGAN (self-attention, spectral normalization, hinge loss) on a folder of pictures.

Made for the hobbyist case where DCGAN collapses: about 100 icons, 64x64, batch size 5.

    python examples/train_sagan.py                       # the bundled Twemoji faces, on the CPU
    python examples/train_sagan.py --data icons/ --device 0 --iterations 50000 --ema 0.999

D minimizes the hinge loss mean(relu(1 - D(x))) + mean(relu(1 + D(G(z)))), G minimizes
-mean(D(G(z))); Adam with lr 4e-4 for D and 1e-4 for G and betas (0, 0.9), the two time-scale
update rule of Heusel et al. 2017 that SAGAN uses. ``--diffaugment`` (Zhao et al. 2020) shows D
randomly recoloured, shifted and cut-out versions of real and fake images alike; 'auto' turns
it on below 10,000 images, where D otherwise memorizes the training set within a few thousand
steps and G's samples collapse or degrade. ``--ema`` keeps a moving average of G's weights in
``gen_ema.npz`` (its grids in ``ema/samples/``), which generate.py then uses.
"""
import argparse
import os

import minigan
from minigan import optimizers, serializers
from minigan.gan import run
from minigan.gan.augment import DiffAugment
from minigan.gan.ema import ExponentialMovingAverage
from minigan.gan.models import sagan
from minigan.gan.updaters import GANUpdater
from minigan.iterators import SerialIterator
from minigan.training import extensions

BUNDLED = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data', 'twemoji-faces-64')
FULL_POLICY = 'color,translation,cutout'
AUGMENT_BELOW = 10000  # NOTE: images; Zhao et al. 2020 gain most from 100 to a few thousand


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    run.add_common_arguments(parser, data_dir=BUNDLED, size=64, batch_size=5,
                             iterations=20000, out='result/sagan')
    add = parser.add_argument
    add('--z-dim', type=int, default=128)
    add('--ch', type=int, default=64, help='width of the widest-resolution layer')
    add('--attn', type=int, nargs='*', default=[16, 32],
        help='feature-map resolutions that get self-attention (none: --attn)')
    add('--lr-gen', type=float, default=1e-4)
    add('--lr-dis', type=float, default=4e-4)
    add('--beta1', type=float, default=0.0)
    add('--beta2', type=float, default=0.9)
    add('--n-dis', type=int, default=1, help='D updates per G update')
    add('--ema', type=float, default=None, help='keep an EMA of G with this decay, e.g. 0.999')
    add('--diffaugment', default='auto',
        help="'auto' (on below %d images), 'none', or a policy such as '%s'"
        % (AUGMENT_BELOW, FULL_POLICY))
    return run.intervals(parser.parse_args(argv))


def augment_policy(option, n_images):
    """The DiffAugment policy string the option means for a dataset of ``n_images``."""
    if option == 'auto':
        return FULL_POLICY if n_images < AUGMENT_BELOW else ''
    return '' if option == 'none' else option


def main(argv=None):
    args = parse_args(argv)
    run.seed_everything(args.seed)
    device = minigan.get_device(args.device)
    dataset = run.load_images(args)
    policy = augment_policy(args.diffaugment, len(dataset))
    print('%d training images from %s at %dx%d; DiffAugment: %s'
          % (len(dataset), args.data, args.size, args.size, policy or 'off'))

    gen_kwargs = dict(size=args.size, z_dim=args.z_dim, ch=args.ch, attn_resolutions=args.attn)
    gen = sagan.Generator(**gen_kwargs)
    dis = sagan.Discriminator(size=args.size, ch=args.ch, attn_resolutions=args.attn)
    print('self-attention at %s in G, %s in D' % (gen.attention_at, dis.attention_at))
    gen.to_device(device)
    dis.to_device(device)
    opts = {'gen': optimizers.Adam(alpha=args.lr_gen, beta1=args.beta1, beta2=args.beta2),
            'dis': optimizers.Adam(alpha=args.lr_dis, beta1=args.beta1, beta2=args.beta2)}
    opts['gen'].setup(gen)
    opts['dis'].setup(dis)

    iterator = SerialIterator(dataset, args.batch_size)
    ema = None if args.ema is None else ExponentialMovingAverage(gen, args.ema)
    updater = GANUpdater(iterator, opts, loss='hinge', n_dis=args.n_dis, device=device,
                         augment=DiffAugment(policy) if policy else None, ema=ema)
    trainer = run.make_trainer(updater, args, gen, 'sagan', gen_kwargs, loss='hinge',
                               image_size=args.size, diffaugment=policy)
    if ema is not None:
        trainer.extend(extensions.snapshot_object(ema.model, 'gen_ema.npz'),
                       trigger=(args.snapshot_every, 'iteration'))
        trainer.extend(run.sample_grid(ema.model, run.fixed_noise(gen, args),
                                       os.path.join(args.out, 'ema')),
                       trigger=(args.sample_every, 'iteration'))
    run.resume(trainer, args.resume)
    run.run(trainer, gen)
    if ema is not None:
        serializers.save_npz(os.path.join(args.out, 'gen_ema.npz'), ema.model)


if __name__ == '__main__':
    main()
