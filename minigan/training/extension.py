"""Extension: something the Trainer calls after an update when its trigger fires.

Extensions run in decreasing ``priority``: writers (which add to the observation, such as an
evaluator) before editors, editors before readers (LogReport, PrintReport), and snapshots,
at -100, after everything else so that they capture the state the other extensions left.
"""
PRIORITY_WRITER = 300
PRIORITY_EDITOR = 200
PRIORITY_READER = 100
PRIORITY_SNAPSHOT = -100


class Extension:
    """Base class of trainer extensions: override ``__call__(trainer)``.

    Optional hooks: ``initialize(trainer)`` before the first iteration (also after a resume),
    ``finalize()`` when the loop ends, ``on_error(trainer, exc, tb)`` when the loop raises
    (Ctrl-C included), ``serialize(serializer)`` to be saved in snapshots.
    """

    trigger = 1, 'iteration'
    priority = PRIORITY_READER
    name = None

    @property
    def default_name(self):
        """The name used when none is given to ``trainer.extend``: the class name."""
        return type(self).__name__

    def __call__(self, trainer):
        raise NotImplementedError

    def initialize(self, trainer):
        """Called once before the training loop starts."""

    def finalize(self):
        """Called once when the training loop ends, normally or not."""

    def on_error(self, trainer, exc, tb):
        """Called when the training loop raises ``exc``; the exception is re-raised after."""

    def serialize(self, serializer):
        """Save or load the extension's state."""


def make_extension(trigger=None, default_name=None, priority=None, finalizer=None,
                   initializer=None, on_error=None):
    """Decorator that turns a function ``f(trainer)`` into an extension.

    Example::

        @make_extension(trigger=(1, 'epoch'))
        def write_samples(trainer):
            ...
        trainer.extend(write_samples)
    """
    def decorator(ext):
        ext.trigger = (1, 'iteration') if trigger is None else trigger
        ext.default_name = default_name or ext.__name__
        ext.priority = PRIORITY_READER if priority is None else priority
        ext.finalize = finalizer
        ext.initialize = initializer
        ext.on_error = on_error
        return ext
    return decorator
