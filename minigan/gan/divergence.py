"""Divergence: notice that a GAN has blown up, and never keep a snapshot of one that has.

A diverged GAN does not come back, and every later snapshot holds garbage. It shows as NaN or
inf in a loss or a weight, or first as an explosion: with ``--lr 1e6`` the non-saturating
losses reach 1e13 on the second iteration and then stay finite for as long as one waits.
:class:`DivergenceDetector` stops the run at the first of these signs:

* a reported value (a loss, a penalty) or a weight is NaN or infinite;
* a loss's magnitude exceeds ``loss_factor`` (1000) times its median over the last
  ``window`` iterations (at least 1): GAN losses wander, but not by three orders of magnitude;
* a model's weight norm ``sqrt(sum of squares of all its parameters)`` exceeds ``norm_factor``
  (100) times what it was ``window`` iterations earlier. Adam moves each weight by about the
  learning rate per step, so at sane rates the norm changes by percents over a window.

Adam's second moment ``v`` overflows to inf before any weight does (a gradient of 1e20 squared),
and the weights then stop moving without ever becoming NaN; :func:`save_npz_if_finite` refuses
to write such a state, so a snapshot always resumes a live run. ``DivergenceDetector.check``
returns the reason instead of raising, for extensions that roll back rather than stop.
"""
import collections
import math
import numbers

import numpy

from minigan import serializers
from minigan.backend import get_array_module
from minigan.serializers.serializer import Serializer
from minigan.training import extension
from minigan.training.extensions.fail_on_nonnumber import DivergenceError

ADVICE = 'lower the learning rate, or regularize D (spectral norm, a gradient penalty)'


def weight_norm(link):
    """sqrt(sum of squares) over every parameter of ``link``; NaN or inf if any value is."""
    total = 0.0
    for param in link.params():
        if param.array is not None:
            flat = param.array.ravel()
            total += float(link.xp.vdot(flat, flat))
    return math.sqrt(total) if math.isfinite(total) else total


def _first_non_finite(link):
    for path, param in link.namedparams():
        if param.array is not None and not link.xp.isfinite(param.array).all():
            return path
    return None


def _scalar(value):
    """A float for a reported number or one-element array; None for anything else."""
    value = getattr(value, 'array', value)
    if isinstance(value, numbers.Number) or getattr(value, 'size', 0) == 1:
        return float(value)
    return None


class DivergenceDetector(extension.Extension):
    """Raise :class:`DivergenceError` as soon as the run diverges (see the module docstring).

    window: iterations of history for both tests. loss_factor, norm_factor: how far a loss
    (compared with its recent median) and a weight norm (compared with ``window`` iterations
    ago) may grow. loss_keys: a function ``key -> bool`` choosing the reported values tested
    for explosion (default: keys holding 'loss'); every reported value is tested for NaN.
    """

    trigger = 1, 'iteration'
    # NOTE: after the mean over mpiexec's processes (an editor), so all decide alike, and
    # before LogReport and the snapshots (readers), so neither sees a diverged iteration
    priority = extension.PRIORITY_EDITOR - 1

    def __init__(self, window=100, loss_factor=1000.0, norm_factor=100.0, loss_keys=None):
        self.window, self.loss_factor, self.norm_factor = window, loss_factor, norm_factor
        self.loss_keys = loss_keys or (lambda key: 'loss' in key)
        self._losses = collections.defaultdict(lambda: collections.deque(maxlen=window))
        self._norms = collections.deque(maxlen=window + 1)

    def initialize(self, trainer):
        """Start the weight-norm history from the weights training starts (or resumes) from."""
        self._losses.clear()
        self._norms.clear()
        self._norms.append(self._model_norms(trainer))

    def __call__(self, trainer):
        reason = self.check(trainer)
        if reason is not None:
            raise DivergenceError(reason)

    def check(self, trainer):
        """The reason the run has diverged at this iteration, or None (then it is recorded)."""
        at = 'training diverged at iteration %d: ' % trainer.updater.iteration
        values = {}
        for key, value in sorted(trainer.observation.items()):
            value = _scalar(value)
            if value is None:
                continue
            if not math.isfinite(value):
                return at + '%s = %s; %s' % (key, value, ADVICE)
            values[key] = value
        for key, value in values.items():
            history = self._losses[key]
            if self.loss_keys(key) and history:
                typical = max(1.0, float(numpy.median(history)))
                if abs(value) > self.loss_factor * typical:
                    return at + '%s = %.3g, over %g times its recent size (%.3g); %s' % (
                        key, value, self.loss_factor, typical, ADVICE)
        norms = self._model_norms(trainer)
        before = self._norms[0] if self._norms else norms
        for name, norm in norms.items():
            if not math.isfinite(norm):
                path = _first_non_finite(trainer.updater.get_optimizer(name).target)
                what = 'parameter %s' % path if path else 'the weight norm'
                return at + "%s of '%s' is not finite; %s" % (what, name, ADVICE)
            if norm > self.norm_factor * before[name]:
                n = len(self._norms)
                return at + "the weight norm of '%s' grew from %.3g to %.3g in %d iteration%s;" \
                    ' %s' % (name, before[name], norm, n, '' if n == 1 else 's', ADVICE)
        for key, value in values.items():
            self._losses[key].append(abs(value))
        self._norms.append(norms)
        return None

    @staticmethod
    def _model_norms(trainer):
        return {name: weight_norm(optimizer.target)
                for name, optimizer in sorted(trainer.updater.get_all_optimizers().items())}


class _FiniteCheck(Serializer):
    """Walks an object as a save would, collecting the keys of arrays holding NaN or inf."""

    def __init__(self, bad=None, path=''):
        self.bad = [] if bad is None else bad
        self.path = path

    def __getitem__(self, key):
        return _FiniteCheck(self.bad, self.path + key.strip('/') + '/')

    def __call__(self, key, value):
        array = getattr(value, 'array', value)
        kind = getattr(getattr(array, 'dtype', None), 'kind', None)
        if kind in ('f', 'c') and not bool(get_array_module(array).isfinite(array).all()):
            self.bad.append(self.path + key.lstrip('/'))
        elif isinstance(value, float) and not math.isfinite(value):
            self.bad.append(self.path + key.lstrip('/'))
        return value


def non_finite_keys(obj):
    """The serialized keys of ``obj`` (a trainer, a model) whose values hold NaN or inf."""
    check = _FiniteCheck()
    check.save(obj)
    return check.bad


def save_npz_if_finite(path, obj):
    """``serializers.save_npz(path, obj)``, or DivergenceError if any value is NaN or inf."""
    bad = non_finite_keys(obj)
    if bad:
        raise DivergenceError('training diverged: %d arrays hold NaN or inf (e.g. %s), so the '
                              'snapshot was not written; %s' % (len(bad), bad[0], ADVICE))
    serializers.save_npz(path, obj)
