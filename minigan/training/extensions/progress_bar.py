"""ProgressBar: overall and per-epoch progress, speed and estimated time to finish."""
import datetime
import sys
import time

from minigan.training import extension


class ProgressBar(extension.Extension):
    """Every ``update_interval`` iterations, print::

             total [##########........................................]  20.00%
        this epoch [#########################.........................]  50.00%
               100 iter, 2 epoch / 10 epochs
            25.031 iters/sec. Estimated time to finish: 0:00:16.

    On a terminal the block is redrawn in place; on a file or pipe it is printed once per
    update. training_length: ``(length, unit)``, by default read from the trainer's stop
    trigger. status: an extra line, either a function ``status(trainer) -> str`` or a list
    of observation keys printed as ``key=value``. out: a text stream (None: ``sys.stdout``).
    """

    def __init__(self, training_length=None, update_interval=100, bar_length=50, out=None,
                 status=None):
        self._training_length = training_length
        self._update_interval = update_interval
        self._bar_length = bar_length
        self._out = out
        self._status = status
        self._recent = []

    @property
    def out(self):
        return sys.stdout if self._out is None else self._out

    def __call__(self, trainer):
        iteration = trainer.updater.iteration
        if iteration % self._update_interval:
            return
        if self._training_length is None:
            self._training_length = trainer.stop_trigger.get_training_length()
        epoch_detail = trainer.updater.epoch_detail
        self._recent.append((iteration, epoch_detail, time.perf_counter()))
        del self._recent[:-10]
        lines = self.render(iteration, trainer.updater.epoch, epoch_detail,
                            self._status_line(trainer))
        out = self.out
        tty = getattr(out, 'isatty', lambda: False)()
        if tty:
            out.write('\033[J')
        out.write('\n'.join(lines) + '\n')
        if tty:
            out.write('\033[%dA' % len(lines))  # NOTE: move up so the next draw overwrites it
        out.flush()

    def render(self, iteration, epoch, epoch_detail, status=None):
        """The lines of the progress block (without ANSI codes)."""
        length, unit = self._training_length
        done = iteration if unit == 'iteration' else epoch_detail
        lines = [self._bar('total', done / length),
                 self._bar('this epoch', epoch_detail - epoch)]
        lines.append('{:10} iter, {} epoch / {} {}s'.format(iteration, epoch, length, unit))
        speed_line = '{:10} iters/sec. Estimated time to finish: {}.'
        iters_per_sec, eta = self._speed_and_eta(length, unit)
        if iters_per_sec is None:
            lines.append('{:>10} iters/sec. Estimated time to finish: unknown.'.format('--'))
        else:
            lines.append(speed_line.format('%.5g' % iters_per_sec, eta))
        if status:
            lines.append(status)
        return lines

    def _bar(self, label, rate):
        rate = min(max(rate, 0.0), 1.0)
        marks = int(rate * self._bar_length + 1e-6)  # NOTE: 2.4 - 2 is 0.3999...
        return '{:>10} [{}{}] {:7.2%}'.format(label, '#' * marks,
                                              '.' * (self._bar_length - marks), rate)

    def _speed_and_eta(self, length, unit):
        if len(self._recent) < 2:
            return None, None
        (it0, ep0, t0), (it1, ep1, t1) = self._recent[0], self._recent[-1]
        if t1 <= t0:
            return None, None
        iters_per_sec = (it1 - it0) / (t1 - t0)
        if unit == 'iteration':
            remaining = (length - it1) / iters_per_sec if iters_per_sec > 0 else 0.0
        else:
            epochs_per_sec = (ep1 - ep0) / (t1 - t0)
            remaining = (length - ep1) / epochs_per_sec if epochs_per_sec > 0 else 0.0
        eta = datetime.timedelta(seconds=int(round(max(remaining, 0.0))))
        return iters_per_sec, eta

    def _status_line(self, trainer):
        if self._status is None:
            return None
        if callable(self._status):
            return self._status(trainer)
        observation = trainer.observation
        return '  '.join('%s=%.4g' % (key, _to_float(observation[key]))
                         for key in self._status if key in observation)

    def finalize(self):
        out = self.out
        if getattr(out, 'isatty', lambda: False)():
            out.write('\033[J')
            out.flush()


def _to_float(value):
    return float(getattr(value, 'array', value))
