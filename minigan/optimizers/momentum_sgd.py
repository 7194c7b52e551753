"""Stochastic gradient descent with (heavy-ball) momentum."""
from minigan.optimizers.optimizer import (
    GradientMethod, HyperparameterProxy, UpdateRule, make_hyperparameter)


class MomentumSGDRule(UpdateRule):
    """v <- momentum * v - lr * gW;  W <- W + v.  State: ``v`` (starts at zero)."""

    default_hyperparam = make_hyperparameter(lr=0.01, momentum=0.9)

    def __init__(self, parent_hyperparam=None, lr=None, momentum=None):
        super().__init__(parent_hyperparam, lr=lr, momentum=momentum)

    def state_keys(self):
        return ('v',)

    def update_core(self, param):
        v = self.state['v']
        v *= self.hyperparam.momentum
        v -= self.hyperparam.lr * param.grad
        param.array += v


class MomentumSGD(GradientMethod):
    """``MomentumSGD(lr=0.01, momentum=0.9)``: v <- momentum * v - lr * gW; W <- W + v.

    Polyak, "Some methods of speeding up the convergence of iteration methods", 1964.
    """

    lr = HyperparameterProxy('lr')
    momentum = HyperparameterProxy('momentum')

    def __init__(self, lr=0.01, momentum=0.9):
        super().__init__()
        self.hyperparam.lr = lr
        self.hyperparam.momentum = momentum

    def create_update_rule(self):
        return MomentumSGDRule(self.hyperparam)
