"""Iterator: the interface an updater pulls minibatches from."""


class Iterator:
    """Base class of dataset iterators.

    ``next()`` returns a list of examples; ``epoch``, ``epoch_detail`` and ``is_new_epoch``
    say where the iteration stands, and ``serialize`` saves that position in a snapshot.
    """

    def __iter__(self):
        return self

    def __next__(self):
        raise NotImplementedError

    def next(self):
        """Return the next minibatch (a list of examples)."""
        return self.__next__()

    def finalize(self):
        """Release resources (worker processes, files); a no-op here."""

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        self.finalize()

    def serialize(self, serializer):
        """Save or load the iteration state."""
