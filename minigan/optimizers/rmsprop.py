"""RMSprop: divide the step by a running root-mean-square of the gradient."""
from minigan.optimizers.optimizer import (
    GradientMethod, HyperparameterProxy, UpdateRule, make_hyperparameter)


class RMSpropRule(UpdateRule):
    """ms <- alpha * ms + (1 - alpha) * gW^2;  W <- W - lr * gW / (sqrt(ms) + eps).

    With ``eps_inside_sqrt=True`` the denominator is sqrt(ms + eps). State: ``ms``.
    """

    default_hyperparam = make_hyperparameter(lr=0.01, alpha=0.99, eps=1e-8,
                                             eps_inside_sqrt=False)

    def __init__(self, parent_hyperparam=None, lr=None, alpha=None, eps=None,
                 eps_inside_sqrt=None):
        super().__init__(parent_hyperparam, lr=lr, alpha=alpha, eps=eps,
                         eps_inside_sqrt=eps_inside_sqrt)

    def state_keys(self):
        return ('ms',)

    def update_core(self, param):
        hp = self.hyperparam
        xp = param.xp
        gW = param.grad
        ms = self.state['ms']
        ms *= hp.alpha
        ms += (1 - hp.alpha) * gW * gW
        if hp.eps_inside_sqrt:
            denom = xp.sqrt(ms + hp.eps)
        else:
            denom = xp.sqrt(ms) + hp.eps
        param.array -= hp.lr * gW / denom


class RMSprop(GradientMethod):
    """``RMSprop(lr=0.01, alpha=0.99, eps=1e-8, eps_inside_sqrt=False)``.

    ms <- alpha * ms + (1 - alpha) * gW^2;  W <- W - lr * gW / (sqrt(ms) + eps).
    Tieleman and Hinton, Lecture 6.5 of "Neural Networks for Machine Learning", 2012.
    """

    lr = HyperparameterProxy('lr')
    alpha = HyperparameterProxy('alpha')
    eps = HyperparameterProxy('eps')
    eps_inside_sqrt = HyperparameterProxy('eps_inside_sqrt')

    def __init__(self, lr=0.01, alpha=0.99, eps=1e-8, eps_inside_sqrt=False):
        super().__init__()
        self.hyperparam.lr = lr
        self.hyperparam.alpha = alpha
        self.hyperparam.eps = eps
        self.hyperparam.eps_inside_sqrt = eps_inside_sqrt

    def create_update_rule(self):
        return RMSpropRule(self.hyperparam)
