"""LogReport: average the observations over an interval and append them to a JSON log."""
import json
import math
import os
import warnings

from minigan import reporter
from minigan.training import extension
from minigan.utils.atomic_file import atomic_path
from minigan.training.triggers import get_trigger


class LogReport(extension.Extension):
    """Every iteration, add the observation to running means; when ``trigger`` fires, append
    ``{key: mean, 'epoch': ..., 'iteration': ..., 'elapsed_time': ...}`` to ``log`` and write
    the whole list as JSON to ``<out>/<filename>`` (atomically: temp file, then rename). A mean
    that is NaN or infinite is written as null, so the file stays valid JSON.

    keys: the observation keys to average (None: every scalar). postprocess: a function that
    may edit each entry in place before it is stored. filename (alias ``log_name``): the file
    name, a format string over the entry (``'log_{iteration}'``), or None to keep it in memory.
    """

    def __init__(self, keys=None, trigger=(1, 'epoch'), postprocess=None, filename=None,
                 log_name='log'):
        self._keys = keys
        self._trigger = get_trigger(trigger)
        self._postprocess = postprocess
        self._log_name = log_name if filename is None else filename
        self._log = []
        self._summary = reporter.DictSummary()

    def __call__(self, trainer):
        observation = trainer.observation
        if self._keys is None:
            self._summary.add(observation)
        else:
            self._summary.add({k: observation[k] for k in self._keys if k in observation})
        if not (getattr(trainer, 'is_before_training', False) or self._trigger(trainer)):
            return
        entry = {key: _json_number(value) for key, value in self._summary.compute_mean().items()}
        entry['epoch'] = trainer.updater.epoch
        entry['iteration'] = trainer.updater.iteration
        entry['elapsed_time'] = trainer.elapsed_time
        if self._postprocess is not None:
            self._postprocess(entry)
        self._log.append(entry)
        if self._log_name is not None:
            write_json_atomic(os.path.join(trainer.out, self._log_name.format(**entry)),
                              self._log)
        self._summary = reporter.DictSummary()

    @property
    def log(self):
        """The list of entries written so far."""
        return self._log

    def serialize(self, serializer):
        if hasattr(self._trigger, 'serialize'):
            self._trigger.serialize(serializer['_trigger'])
        try:
            self._summary.serialize(serializer['_summary'])
        except KeyError:
            warnings.warn('The statistics are not saved.')
            self._summary = reporter.DictSummary()
        self._log = json.loads(serializer('_log', json.dumps(self._log)))


def _json_number(value):
    """A float, or None for NaN and infinities: JSON has no token for them (Python's NaN and
    Infinity make the log unreadable for JSON.parse and most other readers)."""
    value = float(value)
    return value if math.isfinite(value) else None


def write_json_atomic(path, value):
    """Write ``value`` as indented JSON so that readers never see a half-written file."""
    with atomic_path(path) as tmp_path:
        with open(tmp_path, 'w') as f:
            json.dump(value, f, indent=4)
