"""Train a SAGAN (self-attention, spectral normalization, hinge loss) on a folder of pictures.

Made for the hobbyist case where DCGAN collapses: about 100 icons, 64x64, batch size 5.

    python examples/train_sagan.py                       # the bundled Twemoji faces, on the CPU
    python examples/train_sagan.py --data icons/ --device 0 --iterations 50000 --ema 0.999

D minimizes the hinge loss mean(relu(1 - D(x))) + mean(relu(1 + D(G(z)))), G minimizes
-mean(D(G(z))); Adam with lr 4e-4 for D and 1e-4 for G and betas (0, 0.9), the two time-scale
update rule of Heusel et al. 2017 that SAGAN uses. ``--augment`` (DiffAugment, Zhao et al.
2020, or ADA, Karras et al. 2020) shows D randomly transformed versions of real and fake images
alike. Unlike the other scripts it is off by default: on 118 faces at 32x32 DiffAugment did
not beat plain training at 3,000, 10,000 or 30,000 iterations on two seeds (fewer distinct
faces, blob tiles), and ADA did not help at 3,000 (see README). ``--ema`` keeps a moving
average of G's weights in ``gen_ema.npz`` (its grids in ``ema/samples/``), which generate.py
then uses.
``--diffaugment none|auto|POLICY`` is the older spelling of ``--augment off|auto`` and
``--augment diffaugment --diffaugment-policy POLICY``.
"""
import os

from minigan import optimizers
from minigan.gan import cli, conditional, parallel, remedies, run
from minigan.gan.ema import ExponentialMovingAverage
from minigan.gan.models import sagan
from minigan.iterators import SerialIterator

BUNDLED = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data', 'twemoji-faces-64')


def parse_args(argv=None):
    parser = cli.ArgumentParser(__doc__)
    run.add_common_arguments(parser, data_dir=BUNDLED, size=64, batch_size=5,
                             iterations=20000, out='result/sagan')
    add = parser.add_argument
    add('--z-dim', type=cli.positive_int, default=128)
    add('--ch', type=cli.positive_int, default=64, help='width of the widest-resolution layer')
    add('--attn', type=cli.positive_int, nargs='*', default=[16, 32],
        help='feature-map resolutions that get self-attention (none: --attn)')
    add('--lr-gen', type=cli.positive_float, default=1e-4)
    add('--lr-dis', type=cli.positive_float, default=4e-4)
    add('--beta1', type=cli.unit_float, default=0.0)
    add('--beta2', type=cli.unit_float, default=0.9)
    add('--n-dis', type=cli.positive_int, default=1, help='D updates per G update')
    add('--diffaugment', default=None, metavar='none|auto|POLICY',
        help='older spelling of --augment off / auto / diffaugment --diffaugment-policy POLICY')
    remedies.add_arguments(parser, augment='off')
    conditional.add_arguments(parser)
    args = parser.parse_args(argv)
    if args.diffaugment is not None:
        old = args.diffaugment
        args.augment = {'none': 'off', 'auto': 'auto'}.get(old, 'diffaugment')
        if args.augment == 'diffaugment':
            args.diffaugment_policy = old
    remedies.check_arguments(parser, args)
    return run.check_args(args, 'sagan')


@cli.command
def main(argv=None):
    args = parse_args(argv)
    device = run.start(args)
    dataset, labeled, n_classes = conditional.load_images(args)
    kind, augment = remedies.make_augment(args, len(dataset))
    print(remedies.describe_data(args, len(dataset), kind))

    gen_kwargs = dict(size=args.size, z_dim=args.z_dim, ch=args.ch, attn_resolutions=args.attn)
    if n_classes:
        gen_kwargs['n_classes'] = n_classes
    gen = sagan.Generator(**gen_kwargs)
    dis = sagan.Discriminator(size=args.size, ch=args.ch, attn_resolutions=args.attn,
                              n_classes=n_classes)
    print('self-attention at %s in G, %s in D' % (gen.attention_at, dis.attention_at))
    gen.to_device(device)
    dis.to_device(device)
    opts = {'gen': optimizers.Adam(alpha=args.lr_gen, beta1=args.beta1, beta2=args.beta2),
            'dis': optimizers.Adam(alpha=args.lr_dis, beta1=args.beta1, beta2=args.beta2)}
    opts['gen'].setup(gen)
    opts['dis'].setup(dis)
    remedies.fine_tune(args, gen, dis, opts)
    opts = parallel.wrap_optimizers(opts)

    iterator = SerialIterator(parallel.scatter(labeled or dataset, args.batch_size),
                              args.batch_size)
    ema = None if args.ema is None else ExponentialMovingAverage(gen, args.ema)
    options = dict(loss='hinge', n_dis=args.n_dis, device=device, augment=augment, ema=ema,
                   reuse_fake=args.fake_batch == 'reuse')
    updater = conditional.make_updater(iterator, opts, labeled, **options)
    trainer = run.make_trainer(updater, args, gen, 'sagan', gen_kwargs,
                               remedies.report_keys(kind), loss='hinge',
                               image_size=args.size, **remedies.spec(args, kind),
                               **conditional.spec(labeled))
    remedies.train(trainer, gen, args, kind, ema)


if __name__ == '__main__':
    main()
