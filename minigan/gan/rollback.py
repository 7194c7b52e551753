"""Divergence rollback: back to the last good snapshot, with both learning rates halved.

When a GAN blows up (a NaN or an exploding loss or weight, which the divergence detection
reports as a ``DivergenceError``), its later iterations are lost, but the run is not:
:func:`recover` loads the newest snapshot taken before the divergence, halves the learning
rate of every optimizer, notes the event in ``log`` and lets training continue, as
lightweight-gan retries from its last checkpoint. A divergence that comes back before the
next snapshot is written goes one snapshot further back. After ``MAX_ROLLBACKS`` (3) rollbacks
the next divergence stops the run with a message that says what happened and what to try.

Before the first snapshot exists, the state training started from is kept in memory (as the
npz bytes of a snapshot) so that an early divergence can roll back too. The number of
rollbacks and the learning-rate factor are part of every later snapshot, so a resumed run keeps
its lowered rates.
"""
import io
import json
import os
import re

from minigan import serializers
from minigan.training import extension

MAX_ROLLBACKS = 3
FACTOR = 0.5
SNAPSHOT = re.compile(r'snapshot_iter_(\d+)\.npz$')
ADVICE = ('a lower learning rate (--lr, or --lr-gen and --lr-dis), a regularized '
          'discriminator (spectral normalization as in train_sagan.py, or --loss wgan-gp), '
          'or the hinge loss')


def learning_rate_name(optimizer):
    """'alpha' for Adam, 'lr' for SGD, MomentumSGD and RMSprop."""
    values = optimizer.hyperparam.get_dict()
    return 'alpha' if 'alpha' in values else 'lr'


class Rollback(extension.Extension):
    """Holds what rollbacks need: the count, the learning-rate factor, the start state.

    Register it (``trainer.extend(Rollback(), name='rollback')``) and call
    :func:`recover` when ``trainer.run()`` raises DivergenceError.
    """

    trigger = 1, 'iteration'
    priority = extension.PRIORITY_SNAPSHOT - 10  # NOTE: after the snapshot of an iteration

    def __init__(self, max_rollbacks=MAX_ROLLBACKS):
        self.max_rollbacks = max_rollbacks
        self.count, self.scale, self.events = 0, 1.0, []
        self._base = None
        self._start = None

    def initialize(self, trainer):
        """Set every learning rate to its value at the start times ``scale``."""
        optimizers = trainer.updater.get_all_optimizers()
        if self._base is None:
            self._base = {name: getattr(opt.hyperparam, learning_rate_name(opt))
                          for name, opt in optimizers.items()}
            if not snapshots(trainer.out, trainer.updater.iteration + 1):
                self._start = io.BytesIO()
                serializers.save_npz(self._start, trainer, compression=False)
        for name, opt in optimizers.items():
            setattr(opt.hyperparam, learning_rate_name(opt), self._base[name] * self.scale)

    def __call__(self, trainer):
        if self._start is not None and snapshots(trainer.out, trainer.updater.iteration + 1):
            self._start = None  # NOTE: a snapshot on disk now; free the copy in memory

    def serialize(self, serializer):
        state = {'count': self.count, 'scale': self.scale, 'events': self.events}
        try:
            state = json.loads(str(serializer('state', json.dumps(state))))
        except KeyError:
            return  # NOTE: a snapshot of a run without rollbacks (older, or several processes)
        self.count, self.scale, self.events = state['count'], state['scale'], state['events']


def snapshots(out, before):
    """{iteration: path} of the snapshot_iter_N.npz files in ``out`` with N < ``before``."""
    if not os.path.isdir(out):
        return {}
    found = {}
    for name in os.listdir(out):
        match = SNAPSHOT.match(name)
        if match and int(match.group(1)) < before:
            found[int(match.group(1))] = os.path.join(out, name)
    return found


def recover(trainer, error):
    """Roll ``trainer`` back after ``error`` (a DivergenceError); False when it should stop.

    Prints what it did and writes it into ``log`` as an entry with the key 'rollback'; when
    it will not roll back, it prints why and what to try, and the caller reports ``error``.
    """
    try:
        rollback = trainer.get_extension('rollback')
    except ValueError:
        return False  # NOTE: no rollback in this run (several processes)
    diverged = trainer.updater.iteration
    error = str(error).rstrip('.')
    if rollback.count >= rollback.max_rollbacks:
        print('\nDivergence number %d, after %d rollbacks that cut the learning rates to %g of '
              'their first values: the run stops here. Try %s.'
              % (rollback.count + 1, rollback.count, rollback.scale, ADVICE))
        return False
    found = snapshots(trainer.out, diverged)
    previous = rollback.events[-1]['to'] if rollback.events else None
    if previous is not None and previous == max(found, default=None) and len(found) > 1:
        del found[previous]  # NOTE: it diverged again before any newer snapshot: go further
    state = dict(count=rollback.count, scale=rollback.scale, events=rollback.events)
    forget_optimizer_state(trainer)
    # NOTE: as if the trainer had not started, so the clock loads as the snapshot's time
    trainer._start_at = None
    if found:
        target = max(found)
        serializers.load_npz(found[target], trainer)
        source = os.path.basename(found[target])
    elif rollback._start is not None:
        rollback._start.seek(0)
        serializers.load_npz(rollback._start, trainer)
        target, source = trainer.updater.iteration, 'the start of this run'
    else:
        print('\nNo snapshot to roll back to. Try %s.' % ADVICE)
        return False
    # NOTE: loading restored this extension's state too; the rollbacks so far still count
    rollback.count, rollback.scale = state['count'] + 1, state['scale'] * FACTOR
    rates = []
    for name, opt in sorted(trainer.updater.get_all_optimizers().items()):
        key = learning_rate_name(opt)
        rates.append('%s %s %.3g' % (name, key, rollback._base[name] * rollback.scale))
    text = ('%s; rolled back to iteration %d (%s) with the learning rates halved (%s); '
            'rollback %d of %d' % (error, target, source, ', '.join(rates), rollback.count,
                                   rollback.max_rollbacks))
    rollback.events = state['events'] + [{'at': diverged, 'to': target, 'text': text}]
    print('\n' + text)
    write_log_entries(trainer, [event['text'] for event in rollback.events])
    return True


def forget_optimizer_state(trainer):
    """Drop the optimizers' (maybe diverged) moments, so that a snapshot saved before the first
    update (which has none) loads as well as a later one (which brings its own)."""
    for optimizer in trainer.updater.get_all_optimizers().values():
        for param in optimizer.target.params():
            rule = getattr(param, 'update_rule', None)
            if rule is not None:
                rule.state = None


def write_log_entries(trainer, texts):
    """Put each rollback of ``texts`` that the LogReport's log (just restored from a snapshot)
    lacks back into it, and write ``log`` now: every rollback is on disk even if the run stops
    before the next log line."""
    try:
        log_report = trainer.get_extension('LogReport')
    except ValueError:
        return
    present = {entry.get('rollback') for entry in log_report.log}
    for text in texts:
        if text not in present:
            log_report.log.append({'rollback': text, 'epoch': trainer.updater.epoch,
                                   'iteration': trainer.updater.iteration,
                                   'elapsed_time': trainer.elapsed_time})
    path = os.path.join(trainer.out, 'log')
    with open(path + '.tmp', 'w') as f:
        json.dump(log_report.log, f, indent=4)
    os.replace(path + '.tmp', path)
