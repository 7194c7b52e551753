"""ManualScheduleTrigger: fire at listed iterations or epochs."""
import warnings

from minigan.training.triggers.interval_trigger import previous_and_now, serialize_previous


class ManualScheduleTrigger:
    """Fire when ``updater.iteration`` (or ``epoch_detail``) reaches one of ``points``.

    ``finished`` turns True once the last point has fired, so that a trainer skips the
    extension's ``initialize`` on a resumed run that is already past the schedule.
    """

    def __init__(self, points, unit):
        if unit not in ('epoch', 'iteration'):
            raise ValueError("unit must be 'epoch' or 'iteration', not %r" % (unit,))
        self.points = list(points) if isinstance(points, (list, tuple)) else [points]
        self.unit = unit
        self.finished = False
        self._finished_unknown = False
        self._previous_iteration = 0
        self._previous_epoch_detail = 0.0

    def __call__(self, trainer):
        now, before = previous_and_now(self, trainer.updater)
        fire = any(before < p <= now for p in self.points)
        if (fire or self._finished_unknown) and now >= max(self.points):
            self.finished = True
        self._finished_unknown = False
        return fire

    def serialize(self, serializer):
        serialize_previous(self, serializer)
        try:
            self.finished = bool(serializer('finished', self.finished))
        except KeyError:
            warnings.warn('The flag of finished is not saved. ManualScheduleTrigger set the '
                          'flag to `False` to force initialization and reset in next '
                          '`__call__`.')
            self.finished = False
            self._finished_unknown = True
