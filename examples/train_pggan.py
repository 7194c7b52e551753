"""Train a progressively growing GAN (PGGAN) on a folder of pictures, from 4x4 to --max-size.

    python examples/train_pggan.py                                 # bundled faces to 64x64, CPU
    python examples/train_pggan.py --data yui/ --device 0          # 256x256, the paper's schedule
    python examples/train_pggan.py --quick                         # bundled faces to 32x32, CPU
    python examples/train_pggan.py --data yui/ --max-size 128 --device 0 --images-per-phase 300000

Each resolution is faded in and then stabilized for --images-per-phase images (800k in the
paper). Without a GPU the CPU preset (progressive.CPU, printed) scales everything down to about
ten minutes on two cores; --quick is smaller still. A finished run ends by writing walk.gif, a
loop through latent space, next to the sample grids. The samples, gen.npz and generate.py use
the moving average of the generator's weights (decay --ema-decay). --augment, --init-from and
--freeze-d are the small-data remedies shared by every training script; a run started
--init-from another skips the growing and trains at --max-size from the first iteration.
"""
import os
import time

from minigan import optimizers
from minigan.gan import cli, data, finetune, parallel, pggan_status, progressive, remedies, run
from minigan.gan.ema import ExponentialMovingAverage
from minigan.gan.models import pggan
from minigan.gan.pggan_updater import PGGANUpdater
from minigan.iterators import SerialIterator

BUNDLED = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data', 'twemoji-faces-64')
# NOTE: the paper's schedule is millions of iterations: grids and snapshots at least this often
SAMPLE_EVERY_CAP, SNAPSHOT_EVERY_CAP = 1000, 5000


def parse_args(argv=None):
    parser = cli.ArgumentParser(__doc__)
    run.add_common_arguments(parser, data_dir=BUNDLED, size=None, batch_size=None,
                             iterations=None, out='result/pggan')
    add = parser.add_argument
    add('--max-size', dest='size', type=cli.positive_int, help='final resolution (same as '
        '--size; default 256 on a GPU, 64 on the CPU): 8, 16, 32, 64, 128, 256')
    add('--quick', action='store_true',
        help='small CPU preset: %s' % ', '.join('%s=%s' % kv for kv in progressive.QUICK.items()))
    add('--images-per-phase', type=cli.positive_int, default=None,
        help='images shown in each fade-in and each stabilizing phase (default 800000)')
    add('--z-dim', type=cli.positive_int, default=None, help='latent size (default 512)')
    add('--ch', type=cli.positive_int, default=None, help='widest feature maps (default 512)')
    add('--lr', type=cli.positive_float, default=1e-3)
    add('--beta1', type=cli.unit_float, default=0.0)
    add('--beta2', type=cli.unit_float, default=0.99)
    add('--gp-lambda', type=cli.finite_float, default=10.0)
    add('--drift', type=cli.finite_float, default=0.001,
        help='weight of the drift penalty D(x)^2')
    add('--ema-decay', type=cli.unit_float, default=None,
        help='generator average decay (default 0.999)')
    add('--group-size', type=cli.positive_int, default=None,
        help='minibatch stddev group (default: batch)')
    remedies.add_arguments(parser, ema=False)
    args = parser.parse_args(argv)
    remedies.check_arguments(parser, args)
    defaults = dict(max_size=256, images_per_phase=progressive.PAPER_IMAGES_PER_PHASE,
                    batch_size=None, ch=512, z_dim=512, ema_decay=0.999)
    args.preset = 'the paper\'s schedule'
    if args.quick:
        defaults.update(progressive.QUICK)
        args.preset = '--quick'
    elif str(args.device).strip() in ('-1', '@numpy', 'numpy', 'cpu'):
        defaults.update(progressive.CPU)
        args.preset = 'the CPU preset (no GPU given; --device 0 for the paper\'s schedule)'

    args.size = args.size or defaults['max_size']
    for key in ('images_per_phase', 'batch_size', 'ch', 'z_dim', 'ema_decay'):
        if getattr(args, key) is None:
            setattr(args, key, defaults[key])
    if args.augment == 'auto':  # NOTE: the CPU presets' runs are too short for DiffAugment
        args.augment = defaults.get('augment', 'auto')
    try:
        args.schedule = progressive.Schedule(args.size, args.images_per_phase,
                                             args.batch_size)
    except ValueError as e:
        parser.error('--max-size %d: %s' % (args.size, e))
    if args.init_from:
        args.schedule = finetune.final_phase(args.schedule)
    total = args.schedule.total_iterations
    args.iterations = args.iterations or total
    if not args.init_from:  # NOTE: a fine-tuning run stays in its one phase as long as asked
        args.iterations = min(args.iterations, total)
    return run.check_args(args, 'pggan', sample_cap=SAMPLE_EVERY_CAP,
                          snapshot_cap=SNAPSHOT_EVERY_CAP)


@cli.command
def main(argv=None):
    args = parse_args(argv)
    device = run.start(args)
    images = run.load_images(args, args.schedule.max_batch_size).images
    kind, augment = remedies.make_augment(args, len(images))
    print('%s; %s: ch %d, z_dim %d, schedule of %d iterations:\n%s' % (
        remedies.describe_data(args, len(images), kind), args.preset, args.ch, args.z_dim,
        args.schedule.total_iterations, args.schedule.describe()))

    gen_kwargs = dict(size=args.size, z_dim=args.z_dim, ch=args.ch)
    gen = pggan.Generator(**gen_kwargs)
    dis = pggan.Discriminator(size=args.size, ch=args.ch, group_size=args.group_size)
    gen.to_device(device)
    dis.to_device(device)
    opts = {}
    for name, model in (('gen', gen), ('dis', dis)):
        opts[name] = optimizers.Adam(alpha=args.lr, beta1=args.beta1, beta2=args.beta2,
                                     eps=1e-8)
        opts[name].setup(model)
    remedies.fine_tune(args, gen, dis, opts)
    opts = parallel.wrap_optimizers(opts)
    ema = ExponentialMovingAverage(gen, args.ema_decay)

    # NOTE: the updater swaps in the images resized to the current resolution before use
    images = parallel.scatter(images, args.schedule.max_batch_size)
    iterator = SerialIterator(data.ArrayImageDataset(images), args.schedule.phases[0].batch_size)
    updater = PGGANUpdater(iterator, opts, args.schedule, images, ema=ema,
                           gp_lambda=args.gp_lambda, drift=args.drift, flip=args.flip,
                           augment=augment, device=device,
                           reuse_fake=args.fake_batch == 'reuse')
    trainer = run.make_trainer(updater, args, ema.model, 'pggan', gen_kwargs,
                               ['loss/gp', 'stage', 'alpha'] + remedies.report_keys(kind),
                               status=pggan_status.StatusLine(args.schedule), loss='wgan-gp',
                               image_size=args.size, images_per_phase=args.images_per_phase,
                               **remedies.spec(args, kind))
    remedies.train(trainer, ema.model, args, kind, None)
    start = time.perf_counter()
    path = run.write_walk(ema.model, os.path.join(args.out, 'walk.gif'), seed=args.seed)
    print('wrote %s in %.1f s' % (path, time.perf_counter() - start))


if __name__ == '__main__':
    main()
