"""Train a DCGAN on a folder of pictures.

    python examples/train_dcgan.py                      # the bundled Twemoji faces, on the CPU
    python examples/train_dcgan.py --data sushi/ --size 96 --device 0 --iterations 20000
    python examples/train_dcgan.py --data my100/ --augment ada --ema 0.999
    python examples/train_dcgan.py --data my100/ --init-from result/dcgan-all --freeze-d 1

--augment (DiffAugment or ADA), --ema and --init-from / --freeze-d are the small-data
remedies shared by every training script (minigan/gan/remedies.py). G's step draws a fresh z
(--fake-batch fresh) instead of reusing the D step's fake batch as pytorch/examples does: on
the bundled faces reuse scored worse on two seeds of three and equal on the third (README).
"""
import os

from minigan import optimizers
from minigan.gan import cli, conditional, parallel, remedies, run
from minigan.gan.ema import ExponentialMovingAverage
from minigan.gan.losses import LOSSES
from minigan.gan.models import dcgan
from minigan.iterators import SerialIterator

BUNDLED = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data', 'twemoji-faces-64')


def parse_args(argv=None):
    parser = cli.ArgumentParser(__doc__)
    run.add_common_arguments(parser, data_dir=BUNDLED, size=32, batch_size=64,
                             iterations=1500, out='result/dcgan', fake_batch='fresh')
    parser.add_argument('--loss', default='ns', choices=LOSSES)
    parser.add_argument('--z-dim', type=cli.positive_int, default=100)
    parser.add_argument('--ch', type=cli.positive_int, default=64,
                        help='width of the widest-resolution layer')
    parser.add_argument('--lr', type=cli.positive_float, default=2e-4)
    parser.add_argument('--beta1', type=cli.unit_float, default=0.5)
    parser.add_argument('--beta2', type=cli.unit_float, default=0.999)
    parser.add_argument('--n-dis', type=cli.positive_int, default=1, help='D updates per G update')
    remedies.add_arguments(parser)
    conditional.add_arguments(parser)
    args = parser.parse_args(argv)
    remedies.check_arguments(parser, args)
    if args.conditional and args.loss == 'wgan-gp':
        parser.error('--conditional works with the ns, minimax, lsgan and hinge losses')
    return run.check_args(args, 'dcgan')


@cli.command
def main(argv=None):
    args = parse_args(argv)
    device = run.start(args)
    dataset, labeled, n_classes = conditional.load_images(args)
    kind, augment = remedies.make_augment(args, len(dataset))
    print(remedies.describe_data(args, len(dataset), kind))

    gen_kwargs = dict(size=args.size, z_dim=args.z_dim, ch=args.ch)
    if n_classes:
        gen_kwargs['n_classes'] = n_classes
    gen = dcgan.Generator(**gen_kwargs)
    dis = dcgan.Discriminator(size=args.size, ch=args.ch, use_bn=args.loss != 'wgan-gp',
                              n_classes=n_classes)
    gen.to_device(device)
    dis.to_device(device)
    opts = {}
    for name, model in (('gen', gen), ('dis', dis)):
        opts[name] = optimizers.Adam(alpha=args.lr, beta1=args.beta1, beta2=args.beta2)
        opts[name].setup(model)
    remedies.fine_tune(args, gen, dis, opts)
    opts = parallel.wrap_optimizers(opts)

    iterator = SerialIterator(parallel.scatter(labeled or dataset, args.batch_size),
                              args.batch_size)
    ema = None if args.ema is None else ExponentialMovingAverage(gen, args.ema)
    options = dict(loss=args.loss, n_dis=args.n_dis, device=device, augment=augment, ema=ema,
                   reuse_fake=args.fake_batch == 'reuse')
    updater = conditional.make_updater(iterator, opts, labeled, **options)
    report_keys = (['loss/gp'] if args.loss == 'wgan-gp' else []) + remedies.report_keys(kind)
    trainer = run.make_trainer(updater, args, gen, 'dcgan', gen_kwargs, report_keys,
                               loss=args.loss, image_size=args.size,
                               **remedies.spec(args, kind), **conditional.spec(labeled))
    remedies.train(trainer, gen, args, kind, ema)


if __name__ == '__main__':
    main()
