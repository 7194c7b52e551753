"""Adam: steps scaled by running estimates of the gradient's first and second moments."""
import math

import numpy

from minigan.optimizers.optimizer import (
    GradientMethod, HyperparameterProxy, UpdateRule, make_hyperparameter)
from minigan.utils import parallel


def bias_corrected_lr(hp, t):
    """alpha_t = alpha * sqrt(1 - beta2^t) / (1 - beta1^t), the step size at step t >= 1."""
    if t == 0:
        raise ValueError("Adam's learning rate is undefined before the first update (t == 0)")
    fix1 = 1.0 - math.pow(hp.beta1, t)
    fix2 = 1.0 - math.pow(hp.beta2, t)
    return hp.alpha * math.sqrt(fix2) / fix1


class AdamRule(UpdateRule):
    """One parameter's Adam step; its own ``t`` drives the bias correction.

    m <- m + (1 - beta1)(g - m);  v <- v + (1 - beta2)(g^2 - v);  (amsgrad: vhat <- max(vhat, v))
    W <- W - eta * (alpha_t * m / (sqrt(v) + eps) + weight_decay_rate * W).
    State: ``m``, ``v`` (and ``vhat`` with amsgrad).
    """

    default_hyperparam = make_hyperparameter(alpha=0.001, beta1=0.9, beta2=0.999, eps=1e-8,
                                             eta=1.0, weight_decay_rate=0, amsgrad=False)

    def __init__(self, parent_hyperparam=None, alpha=None, beta1=None, beta2=None, eps=None,
                 eta=None, weight_decay_rate=None, amsgrad=None):
        super().__init__(parent_hyperparam, alpha=alpha, beta1=beta1, beta2=beta2, eps=eps,
                         eta=eta, weight_decay_rate=weight_decay_rate, amsgrad=amsgrad)

    def state_keys(self):
        return ('m', 'v', 'vhat') if self.hyperparam.amsgrad else ('m', 'v')

    @property
    def lr(self):
        """The bias-corrected step size alpha_t at this rule's step count."""
        return bias_corrected_lr(self.hyperparam, self.t)

    def update_core(self, param):
        hp = self.hyperparam
        xp = param.xp
        gW = param.grad
        m, v = self.state['m'], self.state['v']
        vhat = self.state['vhat'] if hp.amsgrad else v
        if xp is numpy:
            self._update_numpy(param.array, gW, m, v, vhat)
            return
        m += (1 - hp.beta1) * (gW - m)
        v += (1 - hp.beta2) * (gW * gW - v)
        if hp.amsgrad:
            xp.maximum(vhat, v, out=vhat)
        step = self.lr * m / (xp.sqrt(vhat) + hp.eps)
        if hp.weight_decay_rate != 0:
            step += hp.weight_decay_rate * param.array
        param.array -= hp.eta * step

    def _update_numpy(self, W, gW, m, v, vhat):
        """The same arithmetic in the same order, one cached block at a time on every core."""
        hp = self.hyperparam
        lr, amsgrad, decay = self.lr, hp.amsgrad, hp.weight_decay_rate
        dtype = numpy.result_type(W, gW, m)

        def kernel(W, gW, m, v, vhat):
            t, u = numpy.empty(W.shape, dtype), numpy.empty(W.shape, dtype)
            numpy.subtract(gW, m, out=t)
            t *= 1 - hp.beta1
            m += t
            numpy.multiply(gW, gW, out=t)
            t -= v
            t *= 1 - hp.beta2
            v += t
            if amsgrad:
                numpy.maximum(vhat, v, out=vhat)
            numpy.multiply(m, lr, out=t)
            numpy.sqrt(vhat, out=u)
            u += hp.eps
            t /= u
            if decay != 0:
                numpy.multiply(W, decay, out=u)
                t += u
            if hp.eta != 1:
                t *= hp.eta
            W -= t
        parallel.elementwise(kernel, W, gW, m, v, vhat)


class Adam(GradientMethod):
    """``Adam(alpha=0.001, beta1=0.9, beta2=0.999, eps=1e-8, eta=1.0, weight_decay_rate=0,
    amsgrad=False)``.

    W <- W - eta * (alpha_t * m / (sqrt(v) + eps) + weight_decay_rate * W), with
    alpha_t = alpha * sqrt(1 - beta2^t) / (1 - beta1^t). ``optimizer.lr`` (alias
    ``alpha_t``) is that step size at the optimizer's ``t``.
    Kingma and Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015; AMSGrad:
    Reddi et al., "On the Convergence of Adam and Beyond", ICLR 2018; decoupled weight
    decay: Loshchilov and Hutter, ICLR 2019.
    """

    alpha = HyperparameterProxy('alpha')
    beta1 = HyperparameterProxy('beta1')
    beta2 = HyperparameterProxy('beta2')
    eps = HyperparameterProxy('eps')
    eta = HyperparameterProxy('eta')
    weight_decay_rate = HyperparameterProxy('weight_decay_rate')
    amsgrad = HyperparameterProxy('amsgrad')

    def __init__(self, alpha=0.001, beta1=0.9, beta2=0.999, eps=1e-8, eta=1.0,
                 weight_decay_rate=0, amsgrad=False):
        super().__init__()
        hp = self.hyperparam
        hp.alpha, hp.beta1, hp.beta2, hp.eps, hp.eta = alpha, beta1, beta2, eps, eta
        hp.weight_decay_rate = weight_decay_rate
        hp.amsgrad = amsgrad

    def create_update_rule(self):
        return AdamRule(self.hyperparam)

    @property
    def alpha_t(self):
        return bias_corrected_lr(self.hyperparam, self.t)

    lr = alpha_t
