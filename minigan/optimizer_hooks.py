"""Optimizer hooks: functions of the gradients that run before each update.

``optimizer.add_hook(WeightDecay(1e-4))``. Both hooks here run at 'pre' timing, i.e. after
backward and before the update rules, so the rules see the modified gradients.
"""
import math


class WeightDecay:
    """``WeightDecay(rate)``: L2 regularization, gW <- gW + rate * W (in place).

    Called once per parameter as ``hook(rule, param)``; parameters without a gradient are
    left alone.
    """

    name = 'WeightDecay'
    call_for_each_param = True
    timing = 'pre'

    def __init__(self, rate):
        self.rate = rate

    def __call__(self, rule, param):
        W, gW = param.array, param.grad
        if W is None or gW is None:
            return
        gW += self.rate * W


class GradientClipping:
    """``GradientClipping(threshold)``: rescale all gradients so their joint L2 norm is at most
    ``threshold``.

    norm = sqrt(sum over every parameter of sum(gW^2)); if norm > threshold, every gW is
    multiplied by threshold / norm (in place). Pascanu et al., "On the difficulty of
    training recurrent neural networks", ICML 2013.
    """

    name = 'GradientClipping'
    timing = 'pre'

    def __init__(self, threshold):
        self.threshold = threshold

    def __call__(self, optimizer):
        grads = [param.grad for param in optimizer.target.params() if param.grad is not None]
        sqnorm = sum(float((gW * gW).sum()) for gW in grads)
        norm = math.sqrt(sqnorm)
        if norm <= self.threshold:
            return
        rate = self.threshold / norm
        for gW in grads:
            gW *= rate
