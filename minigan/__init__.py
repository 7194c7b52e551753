"""minigan: a small, readable, Chainer-compatible deep-learning core and the GANs of the field.

Use it as Chainer: ``import minigan as chainer``, ``import minigan.functions as F``,
``import minigan.links as L``.
"""
from minigan import backend  # NOQA
from minigan import backends  # NOQA
from minigan.backend import get_device  # NOQA
from minigan.backends import cuda  # NOQA
from minigan.configuration import (  # NOQA
    config, force_backprop_mode, get_dtype, global_config, mixed16, no_backprop_mode,
    using_config)
from minigan.core import operators as _operators
from minigan.core.backprop import grad  # NOQA
from minigan.core.function_node import FunctionNode  # NOQA
from minigan.core.parameter import Parameter  # NOQA
from minigan.core.variable import Variable, as_array, as_variable  # NOQA
from minigan import optimizers, optimizer_hooks, serializers  # NOQA
from minigan import initializers, link_hooks, links  # NOQA
from minigan.link_hooks.link_hook import LinkHook  # NOQA
from minigan.links.link import Chain, ChainList, Link  # NOQA
from minigan.links.sequential import Sequential  # NOQA
from minigan import datasets, iterators, dataset, distributions, reporter, training  # NOQA
from minigan.distributions import Distribution, cross_entropy, kl_divergence, register_kl  # NOQA
from minigan.initializers import Initializer  # NOQA
from minigan.optimizers.optimizer import GradientMethod, Optimizer, UpdateRule  # NOQA
from minigan.reporter import (  # NOQA
    DictSummary, Reporter, Summary, get_current_reporter, report, report_scope)
from minigan.serializers.serializer import Deserializer, Serializer  # NOQA

_operators.install()

__version__ = '0.1.0'
