"""snapshot and snapshot_object: save the trainer (or one object) to ``<out>/<filename>``.

Files are written to a temporary file beside the target and then renamed, so a crash never
leaves a half-written snapshot under the final name; temporaries of killed runs are removed
when the next run starts.
"""
import os
import re
import sys

from minigan import serializers
from minigan.training import extension
from minigan.training.extensions.fail_on_nonnumber import DivergenceError
from minigan.training.trainer import ForcedInterrupt
from minigan.utils.atomic_file import atomic_path, remove_stale_temporaries


class _Snapshot(extension.Extension):
    """Save ``target`` (the trainer when None) when triggered; see :func:`snapshot`."""

    trigger = 1, 'epoch'
    priority = extension.PRIORITY_SNAPSHOT

    def __init__(self, target=None, savefun=None, filename='snapshot_iter_{.updater.iteration}',
                 n_retains=None, autoload=False, snapshot_on_error=False):
        self._target = target
        self._savefun = serializers.save_npz if savefun is None else savefun
        self.filename = filename
        self.n_retains = n_retains if n_retains is not None and n_retains > 0 else None
        self.autoload = autoload
        self.snapshot_on_error = snapshot_on_error

    def initialize(self, trainer):
        """Remove temporaries that killed runs left in the snapshot folder; with ``autoload``,
        load the newest matching snapshot in ``trainer.out``, if any."""
        if not callable(self.filename):
            remove_stale_temporaries(os.path.join(trainer.out, os.path.dirname(self.filename)))
        if not self.autoload:
            return
        found = self._existing(trainer.out)
        if found:
            path = found[-1]
            serializers.load_npz(path, trainer if self._target is None else self._target)
            print('Resumed from %s' % path, file=sys.stderr)

    def __call__(self, trainer):
        self.save(trainer)

    def on_error(self, trainer, exc, tb):
        if not self.snapshot_on_error or trainer.updater.iteration == 0:
            return  # NOTE: nothing was trained, and snapshot_iter_0 would join the rotation
        if isinstance(exc, ForcedInterrupt):
            print('Not saving a snapshot: the second Ctrl-C may have stopped an update half-way.',
                  file=sys.stderr)
            return
        if isinstance(exc, DivergenceError):
            print('Not saving a snapshot of diverged parameters.', file=sys.stderr)
            return
        path = self.save(trainer)
        if self._target is None:
            print('Saved snapshot %s; resume with minigan.serializers.load_npz(%r, trainer) '
                  'before trainer.run().' % (path, path), file=sys.stderr)

    def save(self, trainer):
        """Write the snapshot now and return its path."""
        target = trainer if self._target is None else self._target
        if callable(self.filename):
            filename = self.filename(trainer)
        else:
            filename = self.filename.format(trainer)
        path = os.path.join(trainer.out, filename)
        directory = os.path.dirname(os.path.abspath(path))
        os.makedirs(directory, exist_ok=True)
        with atomic_path(path) as tmp_path:
            self._savefun(tmp_path, target)
        if self.n_retains is not None:
            for old in self._existing(trainer.out)[:-self.n_retains]:
                os.remove(old)
        return path

    def _existing(self, out):
        """Paths of the files named by ``filename``'s pattern, oldest first."""
        if callable(self.filename):
            return []
        folder, base = os.path.split(self.filename)
        directory = os.path.join(out, folder)
        if not os.path.isdir(directory):
            return []
        parts = re.split(r'\{[^}]*\}', base)
        pattern = re.compile('.*'.join(re.escape(p) for p in parts) + '$')
        paths = [os.path.join(directory, n) for n in os.listdir(directory) if pattern.match(n)]
        paths = [p for p in paths if os.path.isfile(p)]
        return sorted(paths, key=lambda p: (os.stat(p).st_mtime_ns, _natural_key(p)))


def _natural_key(name):
    return [int(s) if s.isdigit() else s for s in re.split(r'(\d+)', name)]


def snapshot(savefun=None, filename='snapshot_iter_{.updater.iteration}', *, target=None,
             n_retains=None, autoload=False, snapshot_on_error=False):
    """An extension saving the whole trainer, by default once per epoch.

    filename: a format string given the trainer (``'snapshot_iter_{.updater.iteration}'``)
    or a function ``filename(trainer)``. savefun: ``savefun(path, obj)``, by default
    ``serializers.save_npz``. n_retains: keep only the newest N matching files (None keeps
    all). autoload: at start, load the newest matching snapshot in ``out``.
    snapshot_on_error: also save when the loop raises (Ctrl-C included, a DivergenceError
    excepted); the first Ctrl-C stops the trainer between iterations, so that snapshot
    resumes exactly. Resume with ``serializers.load_npz(path, trainer)`` before ``trainer.run()``.
    """
    return _Snapshot(target, savefun, filename, n_retains, autoload, snapshot_on_error)


def snapshot_object(target, filename, savefun=None, *, n_retains=None, autoload=False,
                    snapshot_on_error=False):
    """An extension saving ``target`` (a model, an optimizer) to ``<out>/<filename>``."""
    return _Snapshot(target, savefun, filename, n_retains, autoload, snapshot_on_error)
