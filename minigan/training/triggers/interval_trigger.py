"""IntervalTrigger: fire every ``period`` iterations or epochs."""


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
        updater = trainer.updater
        if self.unit == 'epoch':
            now, before = updater.epoch_detail, self._previous_epoch_detail
        else:
            now, before = updater.iteration, self._previous_iteration
        fire = before // self.period != now // self.period
        self._previous_iteration = updater.iteration
        self._previous_epoch_detail = updater.epoch_detail
        return fire

    def get_training_length(self):
        """``(period, unit)``: how long a run stopped by this trigger lasts."""
        return self.period, self.unit

    def serialize(self, serializer):
        self._previous_iteration = int(
            serializer('_previous_iteration', self._previous_iteration))
        self._previous_epoch_detail = float(
            serializer('_previous_epoch_detail', self._previous_epoch_detail))

    def __repr__(self):
        return 'IntervalTrigger(%r, %r)' % (self.period, self.unit)


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
