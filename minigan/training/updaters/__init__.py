"""Updaters: one training step per call."""
from minigan.training.updaters.standard_updater import StandardUpdater  # NOQA
