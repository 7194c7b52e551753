"""Trainer: the training loop, with extensions, triggers and resumable state.

Each iteration: open a fresh ``observation`` dict, call ``updater.update()`` (which reports
losses into it), then call every extension whose trigger fires, in decreasing priority.
``serialize`` covers the updater (models, optimizers, iterators), the extensions, the
triggers, the elapsed time and numpy's global random state, so a run resumed from a snapshot
repeats the uninterrupted run bit for bit on the CPU.
"""
import collections
import os
import signal
import sys
import threading
import time
import traceback

import numpy

from minigan import reporter as reporter_module
from minigan.training import extension as extension_module
from minigan.training.triggers import get_trigger

_Entry = collections.namedtuple('_Entry', 'extension priority trigger call_before_training')


class Trainer:
    """Run ``updater`` until ``stop_trigger`` fires, calling extensions along the way.

    updater: a StandardUpdater (or subclass). stop_trigger: ``(N, 'iteration')``,
    ``(N, 'epoch')`` or a trigger; None never stops. out: the output folder of the
    extensions (logs, snapshots, plots).
    """

    def __init__(self, updater, stop_trigger=None, out='result', extensions=None):
        self.updater = updater
        self.stop_trigger = get_trigger(stop_trigger)
        self.observation = {}
        self.out = out
        self.reporter = reporter_module.Reporter()
        for name, optimizer in updater.get_all_optimizers().items():
            self.reporter.add_observer(name, optimizer.target)
            self.reporter.add_observers(name, optimizer.target.namedlinks(skipself=True))
        self._extensions = collections.OrderedDict()
        self._done = False
        self._start_at = None
        self._snapshot_elapsed_time = 0.0
        self._final_elapsed_time = None
        updater.connect_trainer(self)
        for ext in extensions or ():
            self.extend(ext)

    @property
    def elapsed_time(self):
        """Seconds of training so far, including the runs before a resume."""
        if self._done:
            return self._final_elapsed_time
        if self._start_at is None:
            return self._snapshot_elapsed_time
        return time.perf_counter() - self._start_at + self._snapshot_elapsed_time

    @property
    def is_before_training(self):
        """True until the first update (so a resumed run is never "before training").

        LogReport and PlotReport write an entry when called then (``call_before_training``).
        """
        return self.updater.iteration == 0

    def extend(self, extension, name=None, trigger=None, priority=None, *,
               call_before_training=False):
        """Register ``extension``; note Chainer's order: ``name`` comes before ``trigger``.

        name: defaults to ``extension.name``, then ``default_name``, then ``__name__``; a
        repeated name gets ``_1``, ``_2``, ... appended. trigger: defaults to
        ``extension.trigger``, else every iteration. priority: defaults to
        ``extension.priority``, else PRIORITY_READER. call_before_training: also call it once
        before the first iteration.
        """
        if name is None:
            name = (getattr(extension, 'name', None) or getattr(extension, 'default_name', None)
                    or getattr(extension, '__name__', None))
        if not isinstance(name, str):
            raise TypeError('extension name must be a string, got %r (pass the trigger as '
                            'trigger=...)' % (name,))
        if name == 'training':
            raise ValueError('"training" cannot be an extension name')
        if trigger is None:
            trigger = getattr(extension, 'trigger', (1, 'iteration'))
        if priority is None:
            priority = getattr(extension, 'priority', extension_module.PRIORITY_READER)
        unique, ordinal = name, 0
        while unique in self._extensions:
            ordinal += 1
            unique = '%s_%d' % (name, ordinal)
        extension.name = unique
        self._extensions[unique] = _Entry(extension, priority, get_trigger(trigger),
                                          call_before_training)

    def get_extension(self, name):
        """The extension registered as ``name``."""
        if name not in self._extensions:
            raise ValueError('extension %r not found; registered: %s'
                             % (name, ', '.join(self._extensions)))
        return self._extensions[name].extension

    def run(self, show_loop_exception_msg=True):
        """Train until the stop trigger fires.

        The first Ctrl-C lets the current iteration finish, then stops with KeyboardInterrupt
        at a clean point (a snapshot extension with ``snapshot_on_error=True`` saves there); a
        second Ctrl-C stops at once with :class:`ForcedInterrupt`, after which nothing is saved:
        the models may be half-way through an update. On any error every extension's
        ``on_error`` runs, then the exception is re-raised; ``finalize`` always runs.
        """
        if self._done:
            raise RuntimeError('a Trainer can run only once; build a new one to continue')
        os.makedirs(self.out, exist_ok=True)
        # NOTE: sorted() is stable, so equal priorities keep their registration order.
        entries = sorted(self._extensions.values(), key=lambda e: e.priority, reverse=True)
        self._start_at = time.perf_counter()
        # NOTE: extensions that load a snapshot (autoload) go first, so the others
        # initialize from the restored state.
        for entry in sorted(entries, key=lambda e: not getattr(e.extension, 'autoload', False)):
            initialize = getattr(entry.extension, 'initialize', None)
            if initialize and not getattr(entry.trigger, 'finished', False):
                initialize(self)
        if self.is_before_training:
            with self.reporter.scope(self.observation):
                for entry in entries:
                    if entry.call_before_training:
                        entry.extension(self)
        try:
            with _DeferredInterrupt() as interrupt:
                while not self.stop_trigger(self):
                    self._iterate(entries)
                    if interrupt.requested:
                        raise KeyboardInterrupt
        except (Exception, KeyboardInterrupt) as e:
            if show_loop_exception_msg:
                self._print_exception(e)
            for entry in entries:
                handler = getattr(entry.extension, 'on_error', None)
                if handler:
                    try:
                        handler(self, e, e.__traceback__)
                    except Exception as handler_error:
                        print('Exception in the on_error of extension %s: %r'
                              % (entry.extension.name, handler_error), file=sys.stderr)
            raise
        finally:
            for entry in entries:
                finalize = getattr(entry.extension, 'finalize', None)
                if finalize:
                    finalize()
            self.updater.finalize()
        self._final_elapsed_time = self.elapsed_time
        self._done = True

    def _iterate(self, entries):
        self.observation = {}
        with self.reporter.scope(self.observation):
            self.updater.update()
            for entry in entries:
                if entry.trigger(self):
                    entry.extension(self)

    def _print_exception(self, e):
        if isinstance(e, KeyboardInterrupt):
            print('\nTraining interrupted at iteration %d.' % self.updater.iteration,
                  file=sys.stderr)
            return
        print('Exception in the training loop at iteration %d: %r'
              % (self.updater.iteration, e), file=sys.stderr)
        print('Traceback (most recent call last):', file=sys.stderr)
        traceback.print_tb(e.__traceback__, file=sys.stderr)
        print('Finalizing the extensions and the updater before re-raising it.',
              file=sys.stderr)

    def serialize(self, serializer):
        """Save or load everything a resume needs.

        Keys: ``updater/...``, ``stop_trigger/...``, ``extensions/<name>/...``,
        ``extension_triggers/<name>/...``, ``_snapshot_elapsed_time`` (Chainer 7's keys) and
        ``random_state/{keys,pos,has_gauss,cached_gaussian}`` (numpy's MT19937 state), which
        Chainer neither writes nor reads: a Chainer snapshot resumes with the current state.
        """
        self.updater.serialize(serializer['updater'])
        if hasattr(self.stop_trigger, 'serialize'):
            self.stop_trigger.serialize(serializer['stop_trigger'])
        extensions = serializer['extensions']
        triggers = serializer['extension_triggers']
        for name, entry in self._extensions.items():
            if hasattr(entry.extension, 'serialize'):
                entry.extension.serialize(extensions[name])
            if hasattr(entry.trigger, 'serialize'):
                entry.trigger.serialize(triggers[name])
        # NOTE: saving returns the value given and loading the stored one, so this line shifts
        # the clock by zero on save and onto the stored time on load.
        now = self.elapsed_time
        self._snapshot_elapsed_time += float(serializer('_snapshot_elapsed_time', now)) - now
        _serialize_random_state(serializer['random_state'])


def _serialize_random_state(serializer):
    """Save or restore ``numpy.random``'s global Mersenne Twister state as plain arrays."""
    _, keys, pos, has_gauss, cached_gaussian = numpy.random.get_state()
    try:
        keys = serializer('keys', keys)
    except KeyError:  # NOTE: a snapshot written by Chainer
        return
    pos = serializer('pos', int(pos))
    has_gauss = serializer('has_gauss', int(has_gauss))
    cached_gaussian = serializer('cached_gaussian', float(cached_gaussian))
    numpy.random.set_state(('MT19937', numpy.asarray(keys, dtype=numpy.uint32), int(pos),
                            int(has_gauss), float(cached_gaussian)))


class ForcedInterrupt(KeyboardInterrupt):
    """The second Ctrl-C: raised wherever the loop was, maybe half-way through an update, so
    the trainer's state no longer matches any iteration and must not be saved."""


class StopRequest:
    """A signal handler: the first Ctrl-C (or SIGTERM) sets ``requested``, so the loop stops
    after the current iteration; the second raises ForcedInterrupt at once."""

    def __init__(self):
        self.requested = False

    def handle(self, signum, frame):
        if self.requested:
            raise ForcedInterrupt
        self.requested = True
        print('\n%s: stopping after this iteration (send it again to stop at once, unsaved).'
              % signal.Signals(signum).name, file=sys.stderr)


class _DeferredInterrupt(StopRequest):
    """Turn the first Ctrl-C (or SIGTERM) into a request to stop after the current iteration.

    Stopping between iterations leaves models, optimizers and iterators consistent, so the
    snapshot taken on the way out resumes exactly. Only installed in the main thread and
    only over Python's default handler.
    """

    def __init__(self):
        super().__init__()
        self._previous = None

    def __enter__(self):
        self._previous = {}
        if threading.current_thread() is not threading.main_thread():
            return self
        # NOTE: SIGTERM (a plain `kill`, a job scheduler) gets the same clean stop as Ctrl-C
        for signum, default in ((signal.SIGINT, signal.default_int_handler),
                                (signal.SIGTERM, signal.SIG_DFL)):
            if signal.getsignal(signum) is default:
                self._previous[signum] = signal.signal(signum, self.handle)
        return self

    def __exit__(self, exc_type, exc_value, tb):
        for signum, previous in self._previous.items():
            signal.signal(signum, previous)
