"""PlotReport: plot averaged observations (loss curves) to a PNG file."""
import json
import os

import numpy

from minigan import reporter
from minigan.training import extension
from minigan.training.extensions import _pil_plot
from minigan.training.triggers import IntervalTrigger, get_trigger
from minigan.utils.atomic_file import atomic_path


def _matplotlib_available():
    try:
        import matplotlib  # NOQA
    except ImportError:
        return False
    return True


class PlotReport(extension.Extension):
    """Average ``y_keys`` over each ``trigger`` interval and redraw ``<out>/<file_name>``.

    y_keys: one observation key or a list (``['loss/gen', 'loss/dis']``); x_key:
    ``'iteration'`` or ``'epoch'``. Drawn with matplotlib when it is installed (then
    ``postprocess(figure, axes, summary)`` may edit the figure), otherwise with Pillow.
    """

    def __init__(self, y_keys, x_key='iteration', trigger=(1, 'epoch'), postprocess=None,
                 filename=None, marker='x', grid=True, file_name='plot.png'):
        self._y_keys = [y_keys] if isinstance(y_keys, str) else list(y_keys)
        self._x_key = x_key
        self._trigger = get_trigger(trigger)
        self._postprocess = postprocess
        self._file_name = file_name if filename is None else filename
        self._marker = marker
        self._grid = grid
        self._summary = reporter.DictSummary()
        self._data = {k: [] for k in self._y_keys}

    def __call__(self, trainer):
        observation = trainer.observation
        self._summary.add({k: observation[k] for k in self._y_keys if k in observation})
        if not (getattr(trainer, 'is_before_training', False) or self._trigger(trainer)):
            return
        stats = {k: float(v) for k, v in self._summary.compute_mean().items()}
        stats['epoch'] = trainer.updater.epoch
        stats['iteration'] = trainer.updater.iteration
        x = stats[self._x_key]
        for k in self._y_keys:
            if k in stats:
                self._data[k].append((x, stats[k]))
        with atomic_path(os.path.join(trainer.out, self._file_name)) as tmp_path:
            if _matplotlib_available():
                self._draw_matplotlib(tmp_path)
            else:
                _pil_plot.draw_plot(tmp_path, self._data, self._x_key, self._marker, self._grid)
        self._summary = reporter.DictSummary()

    def _draw_matplotlib(self, path):
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        figure = Figure()
        FigureCanvasAgg(figure)
        axes = figure.add_subplot(111)
        axes.set_xlabel(self._x_key)
        if self._grid:
            axes.grid()
        for k in self._y_keys:
            if self._data[k]:
                xy = numpy.array(self._data[k])
                axes.plot(xy[:, 0], xy[:, 1], marker=self._marker, label=k)
        if self._postprocess is not None:
            self._postprocess(figure, axes, self._summary)
        legend = axes.legend(bbox_to_anchor=(1.05, 1), loc=2, borderaxespad=0.)
        figure.savefig(path, format='png', bbox_extra_artists=(legend,), bbox_inches='tight')

    @property
    def data(self):
        """``{y_key: [(x, mean), ...]}``: the points plotted so far."""
        return self._data

    def serialize(self, serializer):
        """Chainer's key ``_plot_<file_name>`` (the points as JSON), and minigan's
        ``_trigger/...`` and ``_summary/...``, which a Chainer snapshot lacks: then the
        trigger guesses its previous position and the running means start afresh."""
        data = json.loads(serializer('_plot_' + self._file_name, json.dumps(self._data)))
        self._data = {k: [tuple(p) for p in data.get(k, [])] for k in self._y_keys}
        try:
            self._summary.serialize(serializer['_summary'])
        except KeyError:  # NOTE: a Chainer snapshot: guess, quietly, as its PlotReport does
            self._summary = reporter.DictSummary()
            if isinstance(self._trigger, IntervalTrigger):
                self._trigger._previous_iteration = self._trigger._previous_epoch_detail = -1
            return
        if hasattr(self._trigger, 'serialize'):
            self._trigger.serialize(serializer['_trigger'])
