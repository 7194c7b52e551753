"""ExponentialShift: multiply an optimizer hyperparameter by ``rate`` at each trigger."""
from minigan.training.extensions._hyperparameter_shift import HyperparameterShift


class ExponentialShift(HyperparameterShift):
    """After the t-th trigger, ``optimizer.<attr> = init * rate ** t``, stopping at ``target``.

    attr: e.g. ``'alpha'`` (Adam) or ``'lr'`` (SGD). init: the start value (default: the
    optimizer's value when training starts). target: a bound the value never passes.
    optimizer: default ``trainer.updater.get_optimizer('main')``. Register it with a trigger
    such as ``(1, 'epoch')``.
    """

    def __init__(self, attr, rate, init=None, target=None, optimizer=None):
        if rate < 0:
            raise ValueError('ExponentialShift needs a non-negative rate, got %r' % rate)
        super().__init__(attr, optimizer)
        self._rate = rate
        self._init = init
        self._target = target

    def initialize(self, trainer):
        optimizer = self._get_optimizer(trainer)
        if self._init is None:
            self._init = getattr(optimizer, self._attr)
        self._set(optimizer, self._init if self._last_value is None else self._last_value)

    def __call__(self, trainer):
        self._t += 1
        value = self._init * self._rate ** self._t
        if self._target is not None:
            # NOTE: comparing the ratio works for negative values too
            passed = value / self._target > 1 if self._rate > 1 else value / self._target < 1
            if passed:
                value = self._target
        self._set(self._get_optimizer(trainer), value)
