"""Optimizers with Chainer's names and defaults: ``optimizer = Adam(alpha=2e-4).setup(model)``."""
from minigan.optimizers.adam import Adam, AdamRule  # NOQA
from minigan.optimizers.momentum_sgd import MomentumSGD, MomentumSGDRule  # NOQA
from minigan.optimizers.optimizer import (  # NOQA
    GradientMethod, Hyperparameter, HyperparameterProxy, Optimizer, UpdateRule)
from minigan.optimizers.rmsprop import RMSprop, RMSpropRule  # NOQA
from minigan.optimizers.sgd import SGD, SGDRule  # NOQA
