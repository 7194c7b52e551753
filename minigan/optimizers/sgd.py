"""Plain stochastic gradient descent: W <- W - lr * gW."""
from minigan.optimizers.optimizer import (
    GradientMethod, HyperparameterProxy, UpdateRule, make_hyperparameter)


class SGDRule(UpdateRule):
    """``W -= lr * gW`` for one parameter; no state."""

    default_hyperparam = make_hyperparameter(lr=0.01)

    def __init__(self, parent_hyperparam=None, lr=None):
        super().__init__(parent_hyperparam, lr=lr)

    def update_core(self, param):
        param.array -= self.hyperparam.lr * param.grad


class SGD(GradientMethod):
    """``SGD(lr=0.01)``: vanilla stochastic gradient descent, W <- W - lr * gW."""

    lr = HyperparameterProxy('lr')

    def __init__(self, lr=0.01):
        super().__init__()
        self.hyperparam.lr = lr

    def create_update_rule(self):
        return SGDRule(self.hyperparam)
