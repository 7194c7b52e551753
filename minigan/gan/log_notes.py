"""Words in the training log: alarms and rollbacks written into the next ``log`` entry.

LogReport averages numbers; an event such as "mode collapse?" or "rolled back to iteration
2000" is a sentence. ``LogNotes`` is LogReport's ``postprocess``: extensions ``add`` notes and
the next entry written to ``log`` carries them as text under their key, so the log stays one
JSON list that any reader of Chainer's log still reads.
"""


class LogNotes:
    """Pending notes, attached to the next log entry and then cleared."""

    def __init__(self):
        self.pending = {}

    def add(self, key, text):
        """Note ``text`` under ``key`` ('alarm', 'rollback', ...); repeated keys are joined."""
        if key in self.pending:
            text = self.pending[key] + '; ' + text
        self.pending[key] = text

    def __call__(self, entry):
        entry.update(self.pending)
        self.pending = {}
