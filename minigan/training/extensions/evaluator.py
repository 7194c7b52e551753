"""Evaluator: the model's mean reported values over a validation set, in eval mode."""
import copy
import warnings

from minigan import backend, reporter as reporter_module
from minigan.configuration import no_backprop_mode, using_config
from minigan.dataset import convert
from minigan.training import extension


class Evaluator(extension.Extension):
    """Run ``target`` over every batch of ``iterator`` and report the means of what it reports.

    iterator: an iterator that stops (``repeat=False``), or ``{'main': iterator, ...}``.
    target: the Link to evaluate (its reports go under ``validation/main/...``), or a dict of
    them. converter, device: as the updater's. eval_hook: called with the evaluator before
    each evaluation. eval_func: called with each converted batch instead of
    ``target['main']``. Each batch runs with ``config.train = False`` (BatchNormalization
    uses its running statistics, dropout is off) and without building a graph. Called by a
    trainer once per epoch by default, or on its own: ``result = evaluator()``.
    """

    trigger = 1, 'epoch'
    default_name = 'validation'
    priority = extension.PRIORITY_WRITER
    name = None

    def __init__(self, iterator, target, converter=convert.concat_examples, device=None,
                 eval_hook=None, eval_func=None, *, progress_bar=False):
        self._iterators = {'main': iterator} if not isinstance(iterator, dict) else iterator
        self._targets = {'main': target} if not isinstance(target, dict) else target
        self.converter = converter
        self.device = None if device is None else backend.get_device(device)
        self.eval_hook = eval_hook
        self.eval_func = eval_func
        for key, it in self._iterators.items():
            if getattr(it, 'repeat', False):
                warnings.warn('The `repeat` property of the iterator {} is set to `True`: the '
                              'evaluation may never stop; pass repeat=False'.format(key))

    def get_iterator(self, name):
        return self._iterators[name]

    def get_all_iterators(self):
        return dict(self._iterators)

    def get_target(self, name):
        return self._targets[name]

    def get_all_targets(self):
        return dict(self._targets)

    def __call__(self, trainer=None):
        """Evaluate, report the result (``validation/main/loss``, ...) and return it."""
        reporter = reporter_module.Reporter()
        prefix = '' if self.name is None else self.name + '/'
        for name, target in self._targets.items():
            reporter.add_observer(prefix + name, target)
            reporter.add_observers(prefix + name, target.namedlinks(skipself=True))
        with reporter:
            with using_config('train', False):
                result = self.evaluate()
        reporter_module.report(result)
        return result

    def evaluate(self):
        """``{key: mean over the batches}`` of the values reported while evaluating."""
        iterator = self._iterators['main']
        eval_func = self.eval_func or self._targets['main']
        if self.eval_hook:
            self.eval_hook(self)
        if hasattr(iterator, 'reset'):
            iterator.reset()
        else:
            iterator = copy.copy(iterator)
        summary = reporter_module.DictSummary()
        for batch in iterator:
            observation = {}
            with reporter_module.report_scope(observation):
                in_arrays = self.converter(batch, self.device)
                with no_backprop_mode():
                    if isinstance(in_arrays, tuple):
                        eval_func(*in_arrays)
                    elif isinstance(in_arrays, dict):
                        eval_func(**in_arrays)
                    else:
                        eval_func(in_arrays)
            summary.add(observation)
        return summary.compute_mean()

    def finalize(self):
        for iterator in self._iterators.values():
            iterator.finalize()
