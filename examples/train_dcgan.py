"""Train a DCGAN on a folder of pictures.

    python examples/train_dcgan.py                      # the bundled Twemoji faces, on the CPU
    python examples/train_dcgan.py --data sushi/ --size 96 --device 0 --iterations 20000
"""
import argparse
import os

import minigan
from minigan import optimizers
from minigan.gan import run
from minigan.gan.losses import LOSSES
from minigan.gan.models import dcgan
from minigan.gan.updaters import GANUpdater
from minigan.iterators import SerialIterator

BUNDLED = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data', 'twemoji-faces-64')


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    run.add_common_arguments(parser, data_dir=BUNDLED, size=32, batch_size=64,
                             iterations=1500, out='result/dcgan')
    parser.add_argument('--loss', default='ns', choices=LOSSES)
    parser.add_argument('--z-dim', type=int, default=100)
    parser.add_argument('--ch', type=int, default=64, help='width of the widest-resolution layer')
    parser.add_argument('--lr', type=float, default=2e-4)
    parser.add_argument('--beta1', type=float, default=0.5)
    parser.add_argument('--beta2', type=float, default=0.999)
    parser.add_argument('--n-dis', type=int, default=1, help='D updates per G update')
    return run.intervals(parser.parse_args(argv))


def main(argv=None):
    args = parse_args(argv)
    run.seed_everything(args.seed)
    device = minigan.get_device(args.device)
    dataset = run.load_images(args)
    print('%d training images from %s at %dx%d' % (len(dataset), args.data, args.size, args.size))

    gen_kwargs = dict(size=args.size, z_dim=args.z_dim, ch=args.ch)
    gen = dcgan.Generator(**gen_kwargs)
    dis = dcgan.Discriminator(size=args.size, ch=args.ch, use_bn=args.loss != 'wgan-gp')
    gen.to_device(device)
    dis.to_device(device)
    opts = {}
    for name, model in (('gen', gen), ('dis', dis)):
        opts[name] = optimizers.Adam(alpha=args.lr, beta1=args.beta1, beta2=args.beta2)
        opts[name].setup(model)

    iterator = SerialIterator(dataset, args.batch_size)
    updater = GANUpdater(iterator, opts, loss=args.loss, n_dis=args.n_dis, device=device)
    report_keys = ['loss/gp'] if args.loss == 'wgan-gp' else []
    trainer = run.make_trainer(updater, args, gen, 'dcgan', gen_kwargs, report_keys,
                               loss=args.loss, image_size=args.size)
    run.resume(trainer, args.resume)
    run.run(trainer, gen)


if __name__ == '__main__':
    main()
