"""The run folder (``--out``): checked before anything is written, never lost afterwards.

* :func:`check` refuses, before any image is decoded, an ``--out`` that is a file, lies under
  a file or cannot be written, and an ``--out`` that already holds a run unless the run is
  resumed from its own snapshot or ``--overwrite`` is given; it also opens ``--resume``.
* :func:`load_snapshot` tells what a snapshot is before loading it (``R/gen.npz`` is no
  snapshot; a SAGAN 32x32 snapshot does not fit a DCGAN 16x16 run) and loads all or nothing.
* :class:`RunFolder`, an extension, writes ``model.json`` when training starts (after the
  resume succeeded), removes the temporaries of killed runs, carries the model's description
  into every snapshot, and on the way out prints one resume hint naming a file that exists.
"""
import functools
import glob
import json
import os
import shlex
import sys

from minigan import serializers
from minigan.gan import model_io
from minigan.gan.cli import UserError
from minigan.training import extension
from minigan.utils.atomic_file import remove_stale_temporaries

RUN_FILES = ('model.json', 'log', 'gen.npz', 'snapshot_iter_*.npz')
#: What --overwrite deletes before a fresh run: what would otherwise mix with the new run's.
OVERWRITTEN = ('snapshot_iter_*.npz', 'gen*.npz', 'samples/iter_*.png', '*/samples/iter_*.png')
SPEC_KEY = 'extensions/run_folder/model_json'
SPEC_FIELDS = ('family', 'image_size', 'loss', 'generator')


def holds_run(out):
    """Whether the folder ``out`` holds the files of a training run."""
    return any(glob.glob(os.path.join(glob.escape(out), name)) for name in RUN_FILES)


def _same_folder(a, b):
    return os.path.realpath(a) == os.path.realpath(b)


def check(out, resume=None, overwrite=False, family=None, size=None):
    """Raise UserError unless a run may write into ``out`` and resume from ``resume`` (a
    snapshot of a ``family`` run at ``size``, when those are given)."""
    if os.path.exists(out) and not os.path.isdir(out):
        raise UserError('--out %s is a file, not a folder: choose another --out' % out)
    existing = os.path.abspath(out)
    while not os.path.exists(existing):
        existing = os.path.dirname(existing)
    if not os.path.isdir(existing):
        raise UserError('--out %s cannot be made: %s is a file' % (out, existing))
    if not os.access(existing, os.W_OK | os.X_OK):
        raise UserError('--out %s cannot be written (%s is read-only): choose another --out'
                        % (out, existing))
    if resume:
        saved, spec = read_spec(resume), dict(family=family, image_size=size)
        if saved is not None and family and _run_name(saved) != _run_name(spec):
            raise UserError('%s is a snapshot of %s: resume with the options that run was '
                            'trained with, or start afresh with a new --out'
                            % (resume, _describe_difference(saved, spec)))
    own = resume and _same_folder(os.path.dirname(os.path.abspath(resume)), out)
    if own and overwrite:
        raise UserError('--overwrite would delete the snapshots of the run that --resume '
                        'continues: drop --overwrite')
    if holds_run(out) and not own and not overwrite:
        raise UserError('%s already holds a training run: continue it with --resume %s, or '
                        'choose a new --out (--overwrite replaces that run)'
                        % (out, newest_snapshot(out) or os.path.join(out, 'snapshot_iter_N.npz')))


def read_spec(path):
    """The model description saved in the snapshot ``path`` (None in older snapshots), after
    checking that ``path`` is a readable npz that looks like a trainer snapshot (UserError)."""
    if not os.path.exists(path):
        raise UserError('--resume %s does not exist' % path)
    if os.path.isdir(path):
        raise UserError('--resume %s is a folder: give one of its snapshot_iter_N.npz files'
                        % path)
    try:
        with serializers.NpzReader(path) as npz:
            keys = list(npz.keys())
            if any(npz.pickled(key) for key in keys):
                raise UserError('%s holds pickled data; not loaded' % path)
            if not any(key.startswith('updater/') for key in keys):
                raise UserError('%s holds the weights of a model (like gen.npz), not a '
                                'training snapshot: --resume takes a snapshot_iter_N.npz' % path)
            return json.loads(str(npz[SPEC_KEY])) if SPEC_KEY in npz else None
    except serializers.NpzFileError as e:
        raise UserError(str(e)) from None


def newest_snapshot(out):
    """The most recently written ``snapshot_iter_N.npz`` in ``out``, or None."""
    paths = glob.glob(os.path.join(glob.escape(out), 'snapshot_iter_*.npz'))
    return max(paths, key=lambda p: (os.stat(p).st_mtime_ns, len(p), p)) if paths else None


def _run_name(spec):
    """'DCGAN 32x32' from a model description."""
    size = spec.get('image_size') or spec.get('generator', {}).get('size')
    return '%s %sx%s' % (str(spec.get('family')).upper(), size, size)


def _describe_difference(saved, spec):
    """'a SAGAN 32x32 run; this run is DCGAN 16x16' or 'ch=16; this run has ch=8'."""
    name = _run_name
    if name(saved) != name(spec):
        return 'a %s run; this run is %s' % (name(saved), name(spec))
    mine = dict(spec['generator'], loss=spec.get('loss'))
    theirs = dict(saved.get('generator', {}), loss=saved.get('loss'))
    keys = sorted(k for k in set(mine) | set(theirs) if mine.get(k) != theirs.get(k))
    return 'a %s run with %s; this run has %s' % (
        name(saved), ', '.join('%s=%s' % (k, theirs.get(k)) for k in keys),
        ', '.join('%s=%s' % (k, mine.get(k)) for k in keys))


def load_snapshot(trainer, path, load=serializers.load_npz):
    """Load ``trainer`` from the snapshot ``path`` (with ``load(path, trainer)``) after
    checking that it belongs to this kind of run; UserError (nothing changed) when not."""
    saved = read_spec(path)
    spec = trainer.get_extension('run_folder').spec
    if saved is not None and any(saved.get(k) != spec.get(k) for k in SPEC_FIELDS):
        raise UserError('%s is a snapshot of %s: resume with the options that run was '
                        'trained with, or start afresh with a new --out'
                        % (path, _describe_difference(saved, spec)))
    try:
        load(path, trainer)
    except serializers.NpzMismatchError as e:
        raise UserError('%s does not match this run (%s): it was made with other options '
                        '(--size, --ch, --loss, ...), another script or other data'
                        % (path, str(e).split(': ', 1)[-1])) from None


def _command_without(argv, dropped=('--resume', '--overwrite'), launcher=()):
    """The command line that started this program, without ``dropped`` and their values."""
    words, skip = list(launcher) + [sys.executable] + list(argv), False
    kept = []
    for word in words:
        if skip:
            skip = False
        elif word == '--resume':
            skip = True
        elif word.split('=')[0] not in dropped:
            kept.append(word)
    return ' '.join(shlex.quote(w) for w in kept)


class RunFolder(extension.Extension):
    """Writes model.json when training starts and says how to resume when it stops.

    spec: model.json's content (family, generator arguments, loss, ...); overwrite: delete the
    previous run's snapshots and samples before training; writer: False in the processes of
    mpiexec other than 0, which write and print nothing; launcher: the words before python in
    the resume hint (['mpiexec', '-n', '2']). ``snapshot``, the trainer's snapshot extension,
    is set once registered. Never called during training (its trigger never fires).
    """

    trigger = None
    priority = extension.PRIORITY_WRITER
    snapshot = None
    _started = False

    def __init__(self, spec, overwrite=False, writer=True, launcher=()):
        self.spec, self.overwrite, self.writer, self.launcher = spec, overwrite, writer, launcher

    def initialize(self, trainer):
        # NOTE: once: after a divergence rollback the trainer runs (and initializes) again
        if not self.writer or self._started:
            return
        self._started = True
        out = trainer.out
        os.makedirs(out, exist_ok=True)
        for folder in [out] + glob.glob(os.path.join(glob.escape(out), '*', '')):
            remove_stale_temporaries(folder)
        if self.overwrite:
            for pattern in OVERWRITTEN:
                for path in glob.glob(os.path.join(glob.escape(out), pattern)):
                    os.remove(path)
        model_io.write_model_json(out, self.spec['family'], self.spec['generator'],
                                  **{k: v for k, v in self.spec.items()
                                     if k not in ('family', 'generator')})

    def serialize(self, serializer):
        # NOTE: saved for load_snapshot to read; what a load returns is not used
        try:
            serializer('model_json', json.dumps(self.spec, sort_keys=True))
        except KeyError:
            pass  # NOTE: a snapshot written before runs recorded their model

    def stop(self, headline, trainer, save):
        """Print ``headline`` (why the run stopped), after saving a snapshot if ``save`` and
        anything was trained, and then one resume hint naming a snapshot that exists."""
        if not self.writer:
            return
        saved, note = None, ''
        if save and trainer.updater.iteration > 0:
            try:
                saved = self.snapshot.save(trainer)
            except KeyboardInterrupt:
                note = '; its snapshot was not written (interrupted again)'
            except Exception as e:
                note = '; its snapshot was not written (%s)' % (
                    getattr(e, 'strerror', None) or e)
        newest = saved or newest_snapshot(trainer.out)
        sys.stdout.flush()
        say = functools.partial(print, file=sys.stderr)
        say(headline + ('; saved %s' % saved if saved else note))
        command = _command_without(sys.argv, launcher=self.launcher)
        if newest:
            if not saved:
                say('the newest complete snapshot is %s' % newest)
            say('resume with: %s --resume %s' % (command, shlex.quote(newest)))
        else:
            say('no snapshot was kept; start again with: %s' % command)
