"""Normal distribution N(loc, scale^2), sampled by reparameterization (Kingma and Welling,
"Auto-Encoding Variational Bayes", 2014): x = loc + scale * eps, eps ~ N(0, 1)."""
import math

from minigan import functions as F
from minigan.backend import get_array_module
from minigan.core.variable import as_variable
from minigan.distributions.distribution import Distribution, register_kl

_LOG_SQRT_2PI = 0.5 * math.log(2 * math.pi)


class Normal(Distribution):
    """``Normal(loc, scale=None, log_scale=None)``: elementwise Gaussians of loc's shape.

    Give either ``scale`` or ``log_scale`` (a VAE encoder predicts log sigma).
    log p(x) = -log(2 pi)/2 - log scale - (x - loc)^2 / (2 scale^2).
    """

    def __init__(self, loc, scale=None, log_scale=None):
        if (scale is None) == (log_scale is None):
            raise ValueError('Either `scale` or `log_scale` (not both) must have a value.')
        self._loc, self._scale, self._log_scale = loc, scale, log_scale

    @property
    def loc(self):
        return as_variable(self._loc)

    @property
    def scale(self):
        if self._scale is not None:
            return as_variable(self._scale)
        return F.exp(self.log_scale)

    @property
    def log_scale(self):
        if self._log_scale is not None:
            return as_variable(self._log_scale)
        return F.log(self.scale)

    @property
    def batch_shape(self):
        return self.loc.shape

    @property
    def mean(self):
        return self.loc

    @property
    def variance(self):
        return self.scale ** 2

    @property
    def stddev(self):
        return self.scale

    @property
    def entropy(self):
        return self.log_scale + (0.5 + _LOG_SQRT_2PI)

    def log_prob(self, x):
        return -_LOG_SQRT_2PI - self.log_scale - 0.5 * (x - self.loc) ** 2 / self.variance

    def sample_n(self, n):
        loc = self.loc
        xp = get_array_module(loc.array)
        eps = xp.random.standard_normal((n,) + loc.shape).astype(loc.dtype)
        return loc + self.scale * eps

    @property
    def params(self):
        return {'loc': self.loc, 'scale': self.scale}


@register_kl(Normal, Normal)
def _kl_normal_normal(p, q):
    # KL = log(s_q / s_p) + (s_p^2 + (m_p - m_q)^2) / (2 s_q^2) - 1/2
    return (q.log_scale - p.log_scale
            + 0.5 * (p.variance + (p.loc - q.loc) ** 2) / q.variance - 0.5)
