"""Reporter: how a training step hands named values (losses, accuracies) to the extensions.

Inside ``trainer.run`` every iteration opens a fresh observation dict; code anywhere below it
(an updater, a model's forward) calls ``report({'loss': loss}, observer=model)``, which stores
``observation['main/loss']`` when ``model`` was registered under the name ``'main'``.
LogReport and PlotReport then average the values with ``DictSummary``.
"""
import collections
import contextlib
import json

import numpy

from minigan import backend
from minigan.configuration import config
from minigan.core.variable import Variable

_reporters = []


class Reporter:
    """Collects reported values into ``observation``, prefixing them with observer names."""

    def __init__(self):
        self._observer_names = {}
        self.observation = {}

    def __enter__(self):
        _reporters.append(self)
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        _reporters.pop()

    @contextlib.contextmanager
    def scope(self, observation):
        """Make this the current reporter, writing into ``observation``, inside the block."""
        old = self.observation
        self.observation = observation
        self.__enter__()
        try:
            yield
        finally:
            self.__exit__(None, None, None)
            self.observation = old

    def add_observer(self, name, observer):
        """Register ``observer`` (any object, usually a Link) under ``name``."""
        self._observer_names[id(observer)] = name

    def add_observers(self, prefix, observers):
        """Register ``(name, observer)`` pairs under ``prefix + name``."""
        for name, observer in observers:
            self._observer_names[id(observer)] = prefix + name

    def report(self, values, observer=None):
        """Store ``values`` (a dict) in the observation, as ``'<observer name>/<key>'``.

        Variables are stored without their graph, unless ``config.keep_graph_on_report``.
        """
        if not getattr(config, 'keep_graph_on_report', False):
            values = {k: _detach(v) for k, v in values.items()}
        if observer is None:
            self.observation.update(values)
            return
        name = self._observer_names.get(id(observer))
        if name is None:
            raise KeyError('the observer %r is not registered in the reporter; register it '
                           'with reporter.add_observer(name, observer)' % type(observer).__name__)
        for key, value in values.items():
            self.observation['%s/%s' % (name, key)] = value


def _detach(value):
    if isinstance(value, Variable):
        return Variable(value.array, requires_grad=False)
    return value


def get_current_reporter():
    """The innermost active Reporter."""
    return _reporters[-1]


def report(values, observer=None):
    """Report ``values`` to the current reporter; a no-op when none is active."""
    if _reporters:
        _reporters[-1].report(values, observer)


@contextlib.contextmanager
def report_scope(observation):
    """Send the current reporter's reports into ``observation`` inside the block."""
    with get_current_reporter().scope(observation):
        yield


class Summary:
    """Running weighted mean and standard deviation of scalars.

    mean = sum(w x) / sum(w); std = sqrt(sum(w x^2) / sum(w) - mean^2).
    """

    def __init__(self):
        self._x = 0.0
        self._x2 = 0.0
        self._n = 0  # NOTE: an int unless weights are fractional; saved as int64, as Chainer

    def add(self, value, weight=1):
        """Add a scalar (a number, a 0-dim array or a Variable) with ``weight``."""
        if isinstance(value, Variable):
            value = value.array
        if not backend.is_cupy_array(value):
            # NOTE: host values add up in float64, which a snapshot restores exactly; GPU
            # values stay on the device so that reporting a loss does not synchronize.
            value = float(value)
        self._x += weight * value
        self._x2 += weight * value * value
        self._n += weight

    def compute_mean(self):
        """The weighted mean."""
        return self._x / self._n

    def make_statistics(self):
        """``(mean, std)``."""
        mean = self._x / self._n
        var = self._x2 / self._n - mean * mean
        xp = backend.get_array_module(var)
        return mean, xp.sqrt(xp.maximum(var, 0))

    def serialize(self, serializer):
        self._x = _host_scalar(serializer('_x', _host_scalar(self._x)))
        self._x2 = _host_scalar(serializer('_x2', _host_scalar(self._x2)))
        self._n = _host_scalar(serializer('_n', _host_scalar(self._n)))


def _host_scalar(x):
    return float(backend.to_cpu(x)) if not isinstance(x, (int, float)) else x


class DictSummary:
    """A Summary per key of the observation dicts added to it; non-scalars are skipped.

    A value may be ``(value, weight)`` to weight it, for example by the minibatch size.
    """

    def __init__(self):
        self._summaries = collections.defaultdict(Summary)

    def add(self, d):
        for key, value in d.items():
            weight = 1
            if isinstance(value, tuple):
                value, weight = value
                if isinstance(weight, Variable):
                    weight = weight.array
            if isinstance(value, Variable):
                value = value.array
            if numpy.isscalar(value) or getattr(value, 'ndim', -1) == 0:
                self._summaries[key].add(value, weight=weight)

    def compute_mean(self):
        """``{key: mean}``."""
        return {key: s.compute_mean() for key, s in self._summaries.items()}

    def make_statistics(self):
        """``{key: mean, key + '.std': std}``."""
        stats = {}
        for key, s in self._summaries.items():
            stats[key], stats[key + '.std'] = s.make_statistics()
        return stats

    def serialize(self, serializer):
        # NOTE: the key list travels as a JSON string: npz holds arrays, and pickles are banned.
        names = json.loads(serializer('_names', json.dumps(list(self._summaries))))
        old = self._summaries
        self._summaries = collections.defaultdict(Summary)
        for index, name in enumerate(names):
            self._summaries[name] = old.get(name, Summary())
            self._summaries[name].serialize(serializer['_summaries'][str(index)])
