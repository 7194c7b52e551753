"""LinearShift: move an optimizer hyperparameter linearly between two values."""
from minigan.training.extensions._hyperparameter_shift import HyperparameterShift


class LinearShift(HyperparameterShift):
    """After the t-th trigger, ``optimizer.<attr>`` is ``v1`` for t <= t1, ``v2`` for t >= t2,
    and ``v1 + (t - t1) / (t2 - t1) * (v2 - v1)`` between.

    value_range: ``(v1, v2)``; time_range: ``(t1, t2)`` in trigger counts. The classic GAN
    use: decay Adam's ``alpha`` to 0 over the second half of training.
    """

    def __init__(self, attr, value_range, time_range, optimizer=None):
        super().__init__(attr, optimizer)
        self._value_range = value_range
        self._time_range = time_range

    def initialize(self, trainer):
        value = self._value() if self._last_value is None else self._last_value
        self._set(self._get_optimizer(trainer), value)

    def __call__(self, trainer):
        self._t += 1
        self._set(self._get_optimizer(trainer), self._value())

    def _value(self):
        (t1, t2), (v1, v2) = self._time_range, self._value_range
        if self._t <= t1:
            return v1
        if self._t >= t2:
            return v2
        return v1 + (self._t - t1) / (t2 - t1) * (v2 - v1)
