"""Train the vanilla MLP GAN of Goodfellow et al. 2014 on small grayscale images.

    python examples/train_mlp_gan.py                      # bundled faces as 28x28 grayscale
    python examples/train_mlp_gan.py --data mnist_png/ --size 28

--augment, --ema and --init-from / --freeze-d: the small-data remedies of every script.
"""
import os

from minigan import datasets, optimizers
from minigan.gan import cli, parallel, remedies, run
from minigan.gan.ema import ExponentialMovingAverage
from minigan.gan.losses import LOSSES
from minigan.gan.models import mlp
from minigan.gan.updaters import GANUpdater
from minigan.iterators import SerialIterator

BUNDLED = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data', 'twemoji-faces-64')


def to_gray(x):
    """(3, H, W) in [-1, 1] -> (1, H, W) with ITU-R 601 luma weights."""
    return (0.299 * x[0:1] + 0.587 * x[1:2] + 0.114 * x[2:3]).astype(x.dtype)


@cli.command
def main(argv=None):
    parser = cli.ArgumentParser(__doc__)
    run.add_common_arguments(parser, data_dir=BUNDLED, size=28, batch_size=64,
                             iterations=2000, out='result/mlp')
    parser.add_argument('--loss', default='ns', choices=[k for k in LOSSES if k != 'wgan-gp'])
    parser.add_argument('--z-dim', type=cli.positive_int, default=100)
    parser.add_argument('--hidden', type=cli.positive_int, default=256)
    parser.add_argument('--lr', type=cli.positive_float, default=2e-4)
    remedies.add_arguments(parser)
    args = parser.parse_args(argv)
    remedies.check_arguments(parser, args)
    args = run.check_args(args, 'mlp')
    device = run.start(args)
    dataset = datasets.TransformDataset(run.load_images(args), to_gray)
    kind, augment = remedies.make_augment(args, len(dataset))
    print('%d training images from %s at %dx%d grey; %s' % (
        len(dataset), args.data, args.size, args.size, remedies.describe(kind, args)))

    gen_kwargs = dict(size=args.size, z_dim=args.z_dim, hidden=args.hidden, channels=1)
    gen = mlp.Generator(**gen_kwargs)
    dis = mlp.Discriminator(size=args.size, hidden=args.hidden, channels=1)
    gen.to_device(device)
    dis.to_device(device)
    opts = {}
    for name, model in (('gen', gen), ('dis', dis)):
        opts[name] = optimizers.Adam(alpha=args.lr, beta1=0.5)
        opts[name].setup(model)
    remedies.fine_tune(args, gen, dis, opts)
    opts = parallel.wrap_optimizers(opts)
    ema = None if args.ema is None else ExponentialMovingAverage(gen, args.ema)
    dataset = parallel.scatter(dataset, args.batch_size)
    updater = GANUpdater(SerialIterator(dataset, args.batch_size), opts, loss=args.loss,
                         augment=augment, ema=ema, device=device,
                         reuse_fake=args.fake_batch == 'reuse')
    trainer = run.make_trainer(updater, args, gen, 'mlp', gen_kwargs, remedies.report_keys(kind),
                               loss=args.loss, image_size=args.size, **remedies.spec(args, kind))
    remedies.train(trainer, gen, args, kind, ema)


if __name__ == '__main__':
    main()
