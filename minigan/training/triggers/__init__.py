"""Triggers: callables ``trigger(trainer) -> bool`` that decide when an extension runs."""
from minigan.training.triggers.interval_trigger import IntervalTrigger, get_trigger  # NOQA
from minigan.training.triggers.manual_schedule_trigger import ManualScheduleTrigger  # NOQA
