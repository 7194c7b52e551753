"""What every training script shares: options, output folder, extensions, resume, Ctrl-C.

A run writes into ``--out``: ``samples/iter_XXXXXXX.png`` (a grid from the same fixed noise),
``log`` (Chainer's LogReport JSON), ``loss.png``, ``snapshot_iter_N.npz`` (the last few),
``gen.npz`` (the latest generator) and ``model.json``.

Nothing is written before the options, the ``--out`` folder and the ``--resume`` snapshot
have been checked (:func:`check_args`, :func:`resume`): a refused run leaves every file as
it was, and a folder that holds a run is never trained into afresh without ``--overwrite``.
"""
import os
import sys

import numpy

import minigan
from minigan.gan import (
    cli, data, graph_dump, model_io, parallel, quality, report, rollback, run_folder, sampling)
from minigan.gan.divergence import DivergenceDetector, save_npz_if_finite
from minigan.gan.log_notes import LogNotes
from minigan.training import Trainer, extensions, make_extension
from minigan.training.extensions.fail_on_nonnumber import DivergenceError
from minigan.training.trainer import ForcedInterrupt

UserError = cli.UserError

# NOTE: the sample grids' noise has its own generator, seeded apart from the training stream
SAMPLE_SEED_OFFSET = 12345
#: the walk.gif a finished run ends with starts from its own latent points
WALK_SEED_OFFSET = 54321
LOG_EVERY_CAP = 100  # NOTE: iterations; a long run still logs often enough to watch


def add_common_arguments(parser, data_dir, size, batch_size, iterations, out,
                         fake_batch='reuse'):
    """The options shared by train_dcgan.py, train_sagan.py and friends; ``fake_batch``: the
    script's default --fake-batch."""
    add = parser.add_argument
    count = cli.positive_int
    add('--data', default=data_dir, help='folder of training images (searched recursively)')
    add('--size', type=count, default=size, help='square image size')
    add('--batch-size', type=count, default=batch_size)
    add('--iterations', type=count, default=iterations, help='generator updates')
    add('--out', default=out, help='output folder')
    add('--overwrite', action='store_true',
        help='train afresh into an --out that holds a run (its snapshots and samples go)')
    add('--device', type=cli.device, default='-1',
        help='-1 or @numpy for the CPU, 0 or @cupy:0 for GPU 0')
    add('--seed', type=int, default=0)
    add('--resume', default=None, help='snapshot_iter_N.npz to continue from')
    add('--background', type=cli.color, default='white',
        help='white, black or #rrggbb behind transparency')
    add('--fit', default='crop', choices=['crop', 'pad', 'stretch'])
    add('--flip', action='store_true', help='random horizontal flips of the training images')
    add('--sample-every', type=count, default=None, help='iterations between sample grids')
    add('--snapshot-every', type=count, default=None, help='iterations between snapshots')
    add('--log-every', type=count, default=None, help='iterations between log lines')
    add('--n-samples', type=count, default=64, help='images in each sample grid')
    add('--fake-batch', default=fake_batch, choices=['reuse', 'fresh'],
        help="G's step: reuse the D step's fake batch (as pytorch/examples does) or draw a "
             'fresh z (default: %(default)s)')
    add('--dump-graph', action='store_true',
        help='write graph.dot: the computational graph of the first D step and G step')
    quality.add_arguments(parser)
    parallel.add_arguments(parser)


def check_args(args, family, sample_cap=None, snapshot_cap=None):
    """Check what argparse cannot, before any image is decoded or any file written: the size
    for this model ``family``, the ``--out`` folder and the ``--resume`` file (UserError).

    Then fill in the log/sample/snapshot intervals not given: about 20 log lines, 10 grids and
    4 snapshots per run, but a log line at least every LOG_EVERY_CAP iterations and a grid or a
    snapshot at least every ``sample_cap`` / ``snapshot_cap`` iterations (None: no cap)."""
    try:
        model_io.check_size(family, args.size)
    except ValueError as e:
        raise UserError('--size %d: %s' % (args.size, e)) from None
    run_folder.check(args.out, args.resume, args.overwrite, family, args.size)
    n = args.iterations
    args.log_every = args.log_every or _every(n, 20, LOG_EVERY_CAP)
    args.sample_every = args.sample_every or _every(n, 10, sample_cap)
    args.snapshot_every = args.snapshot_every or _every(n, 4, snapshot_cap)
    return args


def _every(iterations, times, cap):
    """iterations // times, at least 1 and at most ``cap``."""
    every = iterations // times
    return max(1, every if cap is None else min(cap, every))


def load_images(args, batch_size=None):
    """ImageFolder from the options, with at least one batch (``batch_size``, by default
    ``--batch-size``) of images; a data problem or a Ctrl-C ends it in one clear line."""
    try:
        dataset = data.ImageFolder(args.data, args.size, background=args.background,
                                   fit=args.fit, flip=args.flip)
        data.check_enough(dataset, batch_size or args.batch_size)
    except KeyboardInterrupt:
        raise UserError('interrupted while reading %s; nothing was written to %s'
                        % (args.data, args.out), 130) from None
    return dataset


def seed_everything(seed):
    numpy.random.seed(seed)


def start(args):
    """The first steps of every training script: seed NumPy, join the other processes (with
    --communicator) and return the --device."""
    seed_everything(args.seed)
    parallel.setup(args)
    return minigan.get_device(args.device)


def fixed_noise(gen, args):
    """The latent batch every sample grid of a run is drawn from (--n-samples, from --seed)."""
    return gen.make_hidden(args.n_samples,
                           numpy.random.RandomState(args.seed + SAMPLE_SEED_OFFSET))


def sample_grid(gen, z, out_dir):
    """An extension writing ``samples/iter_XXXXXXX.png`` from the fixed latent batch ``z``."""
    @make_extension()
    def write_samples(trainer):
        with minigan.using_config('train', False), minigan.no_backprop_mode():
            x = gen(gen.xp.asarray(z)).array
        path = os.path.join(out_dir, 'samples', 'iter_%07d.png' % trainer.updater.iteration)
        sampling.save_grid(path, minigan.backend.to_cpu(x))
    return write_samples


def write_walk(gen, path, points=8, frames=15, seed=0, fps=30, batch_size=30):
    """A looping slerp walk through ``points`` latent points of ``gen``, written to ``path``
    (.gif, .webp or .mp4, see sampling.save_animation); returns ``path``."""
    z = gen.make_hidden(points, numpy.random.RandomState(seed + WALK_SEED_OFFSET))
    latents = sampling.latent_walk(z, frames, 'slerp', loop=True).astype(z.dtype)
    images = []
    with minigan.using_config('train', False), minigan.no_backprop_mode():
        for i in range(0, len(latents), batch_size):
            images.append(sampling.to_uint8(gen(gen.xp.asarray(latents[i:i + batch_size]))))
    sampling.save_animation(path, numpy.concatenate(images), fps, loop=0)
    report.refresh(os.path.dirname(os.path.abspath(path)))
    return path


def make_trainer(updater, args, gen, family, generator_kwargs, report_keys=(), status=None,
                 **spec_extra):
    """A Trainer with the standard extensions; nothing is written until :func:`run`.

    Add any further extensions, then call ``resume(trainer, args.resume)`` so their state is
    restored too. ``status``: observation keys or a function of the trainer, shown under the
    progress bar. ``spec_extra`` goes into model.json (the loss, the image size, ...).
    """
    out = args.out
    spec = dict(family=family, generator=generator_kwargs, data=os.path.abspath(args.data),
                fit=args.fit, background=args.background, **spec_extra)
    trainer = Trainer(updater, (args.iterations, 'iteration'), out=out)
    trainer.extend(DivergenceDetector())
    if not parallel.launcher():
        # NOTE: one process only; K processes would all have to roll back together
        trainer.extend(rollback.Rollback(), name='rollback')
    parallel.extend(trainer)
    folder = run_folder.RunFolder(spec, args.overwrite, writer=parallel.is_writer(),
                                  launcher=parallel.launcher())
    trainer.extend(folder, name='run_folder')
    if not parallel.is_writer():
        # NOTE: under mpiexec only process 0 writes files; an extension that changes the
        # models or optimizers must run in every process, so it goes above this line
        return trainer
    log_every = (args.log_every, 'iteration')
    snap_every = (args.snapshot_every, 'iteration')
    keys = ['loss/gen', 'loss/dis'] + list(report_keys)
    notes = LogNotes()
    trainer.extend(extensions.LogReport(trigger=log_every, postprocess=notes))
    monitor = quality.attach(trainer, args, gen, notes)
    trainer.extend(extensions.PlotReport(keys, 'iteration', trigger=log_every,
                                         file_name='loss.png'))
    trainer.extend(extensions.PrintReport(['iteration', 'elapsed_time'] + keys))
    trainer.extend(extensions.ProgressBar(update_interval=max(1, min(10, args.log_every)),
                                          status=quality.combined_status(status, monitor)))
    folder.snapshot = extensions.snapshot(savefun=save_npz_if_finite, n_retains=3,
                                          filename='snapshot_iter_{.updater.iteration}.npz')
    trainer.extend(folder.snapshot, trigger=snap_every)
    trainer.extend(extensions.snapshot_object(gen, 'gen.npz', savefun=save_npz_if_finite),
                   trigger=snap_every)
    trainer.extend(sample_grid(gen, fixed_noise(gen, args), out),
                   trigger=(args.sample_every, 'iteration'))
    trainer.extend(report.RunReport(args), trigger=(args.sample_every, 'iteration'))
    if args.dump_graph:
        trainer.extend(graph_dump.dump_graph(out))
    return trainer


def resume(trainer, snapshot):
    """Restore a run from ``snapshot`` (a snapshot_iter_N.npz); nothing when it is None.

    The snapshot is checked against this run first (the model it was made by, the shape of
    every array): a mismatch raises UserError and changes nothing.
    """
    if snapshot:
        run_folder.load_snapshot(trainer, snapshot, load=parallel.load_snapshot)
        print('resumed from %s at iteration %d' % (snapshot, trainer.updater.iteration))


def run(trainer, gen):
    """Run to the end and save ``gen.npz``. A divergence rolls back (minigan.gan.rollback)
    while it may. On Ctrl-C (or SIGTERM) save a snapshot and say how to resume; on a final
    divergence or a file error, say so in one line and name the newest complete snapshot.
    Ends the program (exit 130, or 1) when the run stops early."""
    folder = trainer.get_extension('run_folder')
    while True:
        try:
            trainer.run(show_loop_exception_msg=False)
            break
        except ForcedInterrupt:
            folder.stop('stopped at once by a second Ctrl-C after iteration %d; not saved, '
                        'since an update may be half-done' % trainer.updater.iteration,
                        trainer, False)
            sys.exit(130)
        except KeyboardInterrupt:
            folder.stop('interrupted at iteration %d' % trainer.updater.iteration, trainer,
                        True)
            sys.exit(130)
        except DivergenceError as e:
            if not rollback.recover(trainer, e):
                folder.stop('error: %s' % e, trainer, save=False)
                sys.exit(1)
        except OSError as e:
            where = 'iteration %d' % trainer.updater.iteration
            folder.stop('error: %s (%s)' % (cli.describe_os_error(e), where), trainer, True)
            sys.exit(1)
        except Exception:
            folder.stop('crashed at iteration %d' % trainer.updater.iteration, trainer, True)
            raise
    if parallel.is_writer():
        save_npz_if_finite(os.path.join(trainer.out, 'gen.npz'), gen)
    print('done: %d iterations; samples in %s, generator in %s' % (
        trainer.updater.iteration, os.path.join(trainer.out, 'samples'),
        os.path.join(trainer.out, 'gen.npz')))
