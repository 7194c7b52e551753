"""What ExponentialShift and LinearShift share: the optimizer they act on, setting the value,
and the state a snapshot keeps (the trigger count ``_t`` and the last value set, Chainer's
keys)."""
from minigan.training import extension


class HyperparameterShift(extension.Extension):
    """Base of the extensions that set ``optimizer.<attr>`` at each trigger."""

    def __init__(self, attr, optimizer=None):
        self._attr = attr
        self._optimizer = optimizer
        self._t = 0
        self._last_value = None

    def _get_optimizer(self, trainer):
        return self._optimizer or trainer.updater.get_optimizer('main')

    def _set(self, optimizer, value):
        setattr(optimizer, self._attr, value)
        self._last_value = value

    def serialize(self, serializer):
        self._t = int(serializer('_t', self._t))
        last = serializer('_last_value', self._last_value)
        self._last_value = None if last is None else float(last)
