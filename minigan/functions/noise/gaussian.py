"""Reparameterized Gaussian sample: z = mean + exp(ln_var / 2) * eps, eps ~ N(0, I).

The randomness sits in eps, a constant, so z is differentiable in mean and ln_var
(Kingma and Welling, "Auto-Encoding Variational Bayes", ICLR 2014).
"""
from minigan.core.variable import as_variable
from minigan.functions.math.exponential import exp


def gaussian(mean, ln_var, *, eps=None, return_eps=False):
    """Draw z ~ N(mean, exp(ln_var)) elementwise; ``mean`` and ``ln_var`` share a shape.

    ``eps``: a standard-normal array to reuse; ``return_eps=True`` returns (z, eps).
    """
    mean = as_variable(mean)
    if eps is None:
        eps = mean.xp.random.standard_normal(mean.shape).astype(mean.dtype)
    z = mean + exp(ln_var * 0.5) * eps
    return (z, eps) if return_eps else z
