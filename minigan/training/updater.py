"""Updater: the object that performs one training step per ``update()``."""


class Updater:
    """Interface of updaters; the Trainer reads ``iteration``, ``epoch`` and ``epoch_detail``."""

    def connect_trainer(self, trainer):
        """Called by the Trainer that owns this updater, before training starts."""

    def finalize(self):
        """Called when training ends."""

    def get_optimizer(self, name):
        raise NotImplementedError

    def get_all_optimizers(self):
        raise NotImplementedError

    def update(self):
        raise NotImplementedError

    def serialize(self, serializer):
        raise NotImplementedError
