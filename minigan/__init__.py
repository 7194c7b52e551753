"""minigan: a small, readable, Chainer-compatible deep-learning core and the GANs of the field.

Use it as Chainer: ``import minigan as chainer``, ``import minigan.functions as F``,
``import minigan.links as L``.
"""
from minigan import backend  # NOQA
from minigan.backend import get_device  # NOQA
from minigan.configuration import (  # NOQA
    config, force_backprop_mode, global_config, no_backprop_mode, using_config)
from minigan.core import operators as _operators
from minigan.core.backprop import grad  # NOQA
from minigan.core.function_node import FunctionNode  # NOQA
from minigan.core.parameter import Parameter  # NOQA
from minigan.core.variable import Variable, as_array, as_variable  # NOQA

_operators.install()

__version__ = '0.1.0'
