"""Inverted dropout: y = x * m / (1 - ratio), m ~ Bernoulli(1 - ratio), in training only.

Srivastava et al., "Dropout: A Simple Way to Prevent Neural Networks from Overfitting",
JMLR 2014. Scaling at training time keeps E[y] = x, so inference is the identity.
"""
from minigan.backend import get_array_module
from minigan.configuration import config
from minigan.core.function_node import FunctionNode
from minigan.core.variable import as_variable


class Dropout(FunctionNode):
    """y = x m, m the scaled Bernoulli mask; gx = gy m."""

    def __init__(self, ratio, mask=None):
        self.ratio, self.mask = ratio, mask

    def forward(self, inputs):
        x, = inputs
        if self.mask is None:
            xp = get_array_module(x)
            # NOTE: the uniform draw is a temporary; the kept mask has x's dtype
            keep = xp.random.random_sample(x.shape) >= self.ratio
            self.mask = keep.astype(x.dtype)
            self.mask *= x.dtype.type(1.0 / (1.0 - self.ratio))
        return x * self.mask,

    def backward(self, indexes, grad_outputs):
        return grad_outputs[0] * self.mask,


def dropout(x, ratio=0.5, *, mask=None, return_mask=False):
    """Zero each element of ``x`` with probability ``ratio`` and scale the rest by
    1 / (1 - ratio) while ``config.train``; the identity otherwise.

    ``mask``: a scaled mask to reuse (same shape as x); ``return_mask=True`` also returns
    the mask used (None outside training).
    """
    if not 0.0 <= ratio < 1.0:
        raise ValueError('dropout ratio must be in [0, 1), got %r' % (ratio,))
    if not config.train:
        y = as_variable(x)
        return (y, None) if return_mask else y
    func = Dropout(ratio, mask)
    y, = func.apply((x,))
    return (y, func.mask) if return_mask else y
