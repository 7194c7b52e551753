"""ManualScheduleTrigger: fire at listed iterations or epochs."""


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
        self._previous_iteration = 0
        self._previous_epoch_detail = 0.0

    def __call__(self, trainer):
        updater = trainer.updater
        if self.unit == 'epoch':
            now, before = updater.epoch_detail, self._previous_epoch_detail
        else:
            now, before = updater.iteration, self._previous_iteration
        fire = any(before < p <= now for p in self.points)
        if fire and now >= max(self.points):
            self.finished = True
        self._previous_iteration = updater.iteration
        self._previous_epoch_detail = updater.epoch_detail
        return fire

    def serialize(self, serializer):
        self._previous_iteration = int(
            serializer('_previous_iteration', self._previous_iteration))
        self._previous_epoch_detail = float(
            serializer('_previous_epoch_detail', self._previous_epoch_detail))
        self.finished = bool(serializer('finished', self.finished))
