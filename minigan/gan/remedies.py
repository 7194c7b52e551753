"""The small-data remedies every training script offers, with the same options everywhere.

* ``--augment off|diffaugment|ada`` (default ``auto``, SAGAN ``off``): what D sees. DiffAugment
  (Zhao et al. 2020) shows D randomly recoloured, shifted and cut-out reals and fakes alike;
  ADA (Karras et al. 2020, ``minigan.gan.ada``) applies a stronger pipeline with a probability
  p that it raises while D overfits (p is logged as ``ada/p`` and plotted in ``ada.png``).
  ``auto`` picks AUTO_CHOICE below AUTO_BELOW images and nothing above. SAGAN defaults to
  ``off`` because DiffAugment did not beat plain training on 118 faces at 3,000, 10,000 or
  30,000 iterations (README, issue 17).
* ``--ema DECAY``: a moving average of G's weights (``gen_ema.npz``, grids in ``ema/``), which
  generate.py prefers.
* ``--init-from RUN`` (``--init-optimizer``) and ``--freeze-d K``: fine-tuning from another
  run (``minigan.gan.finetune``).
"""
import os
import sys

from minigan import serializers
from minigan.gan import ada, finetune, parallel, run
from minigan.gan.augment import POLICIES, DiffAugment
from minigan.training import extensions

AUGMENTS = ('auto', 'off', 'diffaugment', 'ada')
FULL_POLICY = 'color,translation,cutout'
AUTO_BELOW = 10000      # NOTE: images; the papers' gains are largest from 100 to a few 1000
AUTO_CHOICE = 'diffaugment'


def add_arguments(parser, ema=None, augment='auto'):
    """Add the remedies' options; ``ema``: the script's default decay (False: no --ema);
    ``augment``: the script's default --augment."""
    add = parser.add_argument
    add('--augment', default=augment, choices=AUGMENTS,
        help="augment what D sees: DiffAugment, ADA, or off (default %s; auto: %s below %d "
        "images)" % (augment, AUTO_CHOICE, AUTO_BELOW))
    add('--diffaugment-policy', default=FULL_POLICY,
        help='DiffAugment transforms, a comma-separated subset of %s' % ', '.join(POLICIES))
    add('--ada-target', type=float, default=ada.TARGET,
        help='ADA raises p while E[sign(D(real))] is above this')
    add('--ada-speed', type=int, default=ada.SPEED_IMAGES,
        help='ADA: images over which p can move from 0 to 1')
    if ema is not False:
        add('--ema', type=float, default=ema, metavar='DECAY',
            help='keep a moving average of G with this decay, e.g. 0.999')
    add('--init-from', default=None, metavar='RUN',
        help="start G and D from another run's latest snapshot (same model options)")
    add('--init-optimizer', action='store_true',
        help="with --init-from: also start from that run's optimizer state")
    add('--freeze-d', type=int, default=0, metavar='K',
        help="with --init-from: keep D's first K blocks fixed (FreezeD)")


def check_arguments(parser, args):
    """parser.error (one line, exit 2) for a remedy option no run could use."""
    if not 0 < args.ada_target < 1:
        parser.error('--ada-target must be between 0 and 1, got %g' % args.ada_target)
    if args.ada_speed < 1:
        parser.error('--ada-speed must be positive, got %d' % args.ada_speed)
    if getattr(args, 'ema', None) is not None and not 0 <= args.ema < 1:
        parser.error('--ema must be in [0, 1), got %g' % args.ema)
    if args.freeze_d < 0:
        parser.error('--freeze-d must be 0 or more, got %d' % args.freeze_d)
    if (args.init_optimizer or args.freeze_d) and not args.init_from:
        parser.error('--init-optimizer and --freeze-d need --init-from RUN')
    try:
        DiffAugment(args.diffaugment_policy)
    except ValueError as e:
        parser.error('--diffaugment-policy: %s' % e)


def augment_kind(option, n_images):
    """'off', 'diffaugment' or 'ada': what ``--augment option`` means for ``n_images``."""
    if option == 'auto':
        return AUTO_CHOICE if n_images < AUTO_BELOW else 'off'
    return option


def make_augment(args, n_images):
    """(kind, the callable for GANUpdater's ``augment`` or None)."""
    kind = augment_kind(args.augment, n_images)
    if kind == 'diffaugment':
        return kind, DiffAugment(args.diffaugment_policy)
    if kind == 'ada':
        return kind, ada.AdaptiveAugment(target=args.ada_target, speed_images=args.ada_speed)
    return kind, None


def describe(kind, args):
    """One line for the start of a run."""
    if kind == 'diffaugment':
        return 'augment: DiffAugment (%s)' % args.diffaugment_policy
    if kind == 'ada':
        return 'augment: ADA (target %g, p from 0 to 1 in %d images at most)' % (
            args.ada_target, args.ada_speed)
    return 'augment: off'


def describe_data(args, n_images, kind):
    """The first line of a run: how many images, from where, at what size, augmented how."""
    return '%d training images from %s at %dx%d; %s' % (
        n_images, args.data, args.size, args.size, describe(kind, args))


def report_keys(kind):
    """Observation keys to log and print for this augmentation."""
    return ['ada/p'] if kind == 'ada' else []


def spec(args, kind):
    """What model.json records about the remedies in use."""
    out = {'augment': kind}
    if kind == 'diffaugment':
        out['diffaugment'] = args.diffaugment_policy
    if args.init_from:
        out['init_from'] = os.path.abspath(args.init_from)
        out['freeze_d'] = args.freeze_d
    return out


def fine_tune(args, gen, dis, optimizers):
    """Apply --init-from, --init-optimizer and --freeze-d; one error line when they do not fit.

    Call after ``optimizer.setup`` and before anything is written.
    """
    if not args.init_from:
        return
    try:
        path = finetune.init_from(args.init_from, gen, dis,
                                  optimizers if args.init_optimizer else None)
        frozen = finetune.freeze_d(dis, args.freeze_d)
    except finetune.InitError as e:
        sys.exit('error: %s' % e)
    print('initialized G and D%s from %s%s' % (
        ' and their optimizers' if args.init_optimizer else '', path,
        '; D blocks kept fixed: %s' % ', '.join(frozen) if frozen else ''))


def extend_trainer(trainer, args, kind, ema):
    """ADA's plot of p and r_t; the moving average's snapshots and sample grids."""
    if not parallel.is_writer():
        return
    if kind == 'ada':
        trainer.extend(extensions.PlotReport(['ada/p', 'ada/rt'], 'iteration',
                                             trigger=(args.log_every, 'iteration'),
                                             file_name='ada.png'))
    if ema is not None:
        trainer.extend(extensions.snapshot_object(ema.model, 'gen_ema.npz'),
                       trigger=(args.snapshot_every, 'iteration'))
        trainer.extend(run.sample_grid(ema.model, run.fixed_noise(ema.model, args),
                                       os.path.join(args.out, 'ema')),
                       trigger=(args.sample_every, 'iteration'))


def train(trainer, gen, args, kind, ema):
    """The last steps of every training script: the remedies' extensions, --resume, the run
    itself (minigan.gan.run.run) and the final moving average."""
    extend_trainer(trainer, args, kind, ema)
    run.resume(trainer, args.resume)
    run.run(trainer, gen)
    save_ema(args, ema)


def save_ema(args, ema):
    """The final moving average, ``gen_ema.npz`` (generate.py prefers it)."""
    if ema is not None and parallel.is_writer():
        serializers.save_npz(os.path.join(args.out, 'gen_ema.npz'), ema.model)
