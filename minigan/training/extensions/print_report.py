"""PrintReport: print LogReport's entries as the rows of a table."""
import sys

from minigan.training import extension
from minigan.training.extensions.log_report import LogReport


class PrintReport(extension.Extension):
    """Print the listed ``entries`` of each new LogReport entry as one aligned row.

    entries: column names, e.g. ``['epoch', 'iteration', 'loss/gen', 'elapsed_time']``; a
    missing value leaves its cell blank. log_report: the LogReport's name in the trainer, or
    the LogReport itself. out: a text stream (None means ``sys.stdout`` at print time).
    """

    def __init__(self, entries, log_report='LogReport', out=None):
        self._entries = list(entries)
        self._log_report = log_report
        self._out = out
        self._log_len = 0
        self._header_done = False
        self._widths = [max(10, len(e)) for e in self._entries]

    @property
    def out(self):
        return sys.stdout if self._out is None else self._out

    def __call__(self, trainer):
        out = self.out
        if not self._header_done:
            header = '  '.join(e.ljust(w) for e, w in zip(self._entries, self._widths))
            out.write(header.rstrip() + '\n')
            self._header_done = True
        log_report = self._log_report
        if isinstance(log_report, str):
            log_report = trainer.get_extension(log_report)
        elif isinstance(log_report, LogReport):
            log_report(trainer)
        else:
            raise TypeError('log_report must be a name or a LogReport, not %s'
                            % type(log_report).__name__)
        log = log_report.log
        while self._log_len < len(log):
            if getattr(out, 'isatty', lambda: False)():
                out.write('\033[J')  # NOTE: erase a progress bar drawn below the cursor
            out.write(self.format_row(log[self._log_len]) + '\n')
            self._log_len += 1
        out.flush()

    def format_row(self, entry):
        """One row: each value left-aligned in its column, ``'{:g}'`` for numbers."""
        cells = []
        for key, width in zip(self._entries, self._widths):
            value = entry.get(key)
            if value is None:
                cells.append(' ' * width)
            elif isinstance(value, (int, float)):
                cells.append(('{:<%dg}' % width).format(value))
            else:
                cells.append(str(value).ljust(width))
        return '  '.join(cells).rstrip()

    def serialize(self, serializer):
        """Chainer's key ``_log_report/...`` (an own LogReport) and minigan's ``_log_len``.

        Without ``_log_len`` (a Chainer snapshot) the rows restored are printed again, as
        Chainer does.
        """
        if isinstance(self._log_report, LogReport):
            self._log_report.serialize(serializer['_log_report'])
        try:
            self._log_len = int(serializer('_log_len', self._log_len))
        except KeyError:
            pass
