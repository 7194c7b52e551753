"""IntervalTrigger: fire every ``period`` iterations or epochs."""
import warnings


class IntervalTrigger:
    """Fire when ``updater.iteration`` (or ``epoch_detail``) crosses a multiple of ``period``.

    It compares the value now with the value at its previous call, so an epoch period still
    fires once when an epoch ends in the middle of a minibatch, and a restored trigger
    continues where it stopped.
    """

    def __init__(self, period, unit):
        if unit not in ('epoch', 'iteration'):
            raise ValueError("unit must be 'epoch' or 'iteration', not %r" % (unit,))
        self.period = period
        self.unit = unit
        self._previous_iteration = 0
        self._previous_epoch_detail = 0.0

    def __call__(self, trainer):
        now, before = previous_and_now(self, trainer.updater)
        return before // self.period != now // self.period

    def get_training_length(self):
        """``(period, unit)``: how long a run stopped by this trigger lasts."""
        return self.period, self.unit

    def serialize(self, serializer):
        serialize_previous(self, serializer)

    def __repr__(self):
        return 'IntervalTrigger(%r, %r)' % (self.period, self.unit)


def previous_and_now(trigger, updater):
    """``(now, before)`` in the trigger's unit; remembers ``now`` for the next call.

    A negative ``before`` means "not saved" (a snapshot of an old Chainer): it is guessed,
    as Chainer does, as the iteration before this one or the updater's previous epoch.
    """
    if trigger.unit == 'epoch':
        now, before = updater.epoch_detail, trigger._previous_epoch_detail
        if before < 0:
            before = updater.previous_epoch_detail or 0.0
    else:
        now, before = updater.iteration, trigger._previous_iteration
        if before < 0:
            before = now - 1
    trigger._previous_iteration = updater.iteration
    trigger._previous_epoch_detail = updater.epoch_detail
    return now, before


def serialize_previous(trigger, serializer):
    """Save or load the trigger's previous position under Chainer 7's keys
    ``previous_iteration`` and ``previous_epoch_detail``; a file without them (Chainer 2 or
    older) leaves -1, which ``previous_and_now`` then guesses, with Chainer's warning."""
    name = type(trigger).__name__
    try:
        trigger._previous_iteration = int(
            serializer('previous_iteration', trigger._previous_iteration))
    except KeyError:
        warnings.warn('The previous value of iteration is not saved. %s guesses it using '
                      'current iteration. If this trigger is not called at every iteration, '
                      'it may not work correctly.' % name)
        trigger._previous_iteration = -1
    try:
        trigger._previous_epoch_detail = float(
            serializer('previous_epoch_detail', trigger._previous_epoch_detail))
    except KeyError:
        warnings.warn('The previous value of epoch_detail is not saved. %s uses the value '
                      'of trainer.updater.previous_epoch_detail. If this trigger is not '
                      'called at every iteration, it may not work correctly.' % name)
        trigger._previous_epoch_detail = -1.


def _never_fire(trainer):
    return False


def get_trigger(trigger):
    """A trigger from a callable, ``(period, unit)``, or None (never fires)."""
    if trigger is None:
        return _never_fire
    if callable(trigger):
        return trigger
    period, unit = trigger
    return IntervalTrigger(period, unit)
