"""config and its context managers: no graph without backprop, values restored on exit."""
import numpy
import pytest

import minigan
from minigan import Variable


def _var(values):
    return Variable(numpy.asarray(values, numpy.float32))


def test_no_backprop_mode_builds_no_graph():
    x = _var([1.0])
    with minigan.no_backprop_mode():
        y = x * 2.0
        with minigan.force_backprop_mode():
            z = x * 2.0
    assert y.creator is None
    assert z.creator is not None
    assert minigan.config.enable_backprop is True


def test_using_config_restores_after_exit_and_exception():
    assert minigan.config.train is True
    with minigan.using_config('train', False):
        assert minigan.config.train is False
    assert minigan.config.train is True
    with pytest.raises(RuntimeError):
        with minigan.using_config('train', False):
            raise RuntimeError
    assert minigan.config.train is True
