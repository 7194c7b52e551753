"""Independent: treat the last batch axes of a distribution as one multivariate event."""
from minigan import functions as F
from minigan.distributions.distribution import Distribution, kl_divergence, register_kl


class Independent(Distribution):
    """``Independent(distribution, reinterpreted_batch_ndims=None)``.

    The last ``reinterpreted_batch_ndims`` axes of ``distribution.batch_shape`` become event
    axes (None: all but the first), so ``log_prob`` sums over them: a diagonal Gaussian
    over (N, D) latents gives one log-density per example, shape (N,).
    """

    def __init__(self, distribution, reinterpreted_batch_ndims=None):
        ndim = len(distribution.batch_shape)
        if reinterpreted_batch_ndims is None:
            reinterpreted_batch_ndims = max(0, ndim - 1)
        elif reinterpreted_batch_ndims > ndim:
            raise ValueError('reinterpreted_batch_ndims must be less than or equal to the '
                             'number of dimensions of `distribution.batch_shape`.')
        self.distribution = distribution
        self.reinterpreted_batch_ndims = reinterpreted_batch_ndims

    @property
    def batch_shape(self):
        shape = self.distribution.batch_shape
        return shape[:len(shape) - self.reinterpreted_batch_ndims]

    @property
    def event_shape(self):
        shape = self.distribution.batch_shape
        return (shape[len(shape) - self.reinterpreted_batch_ndims:]
                + self.distribution.event_shape)

    def _sum_events(self, value):
        if self.reinterpreted_batch_ndims == 0:
            return value
        return F.sum(value, axis=tuple(range(-self.reinterpreted_batch_ndims, 0)))

    def log_prob(self, x):
        return self._sum_events(self.distribution.log_prob(x))

    @property
    def entropy(self):
        return self._sum_events(self.distribution.entropy)

    def sample_n(self, n):
        return self.distribution.sample_n(n)

    @property
    def mean(self):
        return self.distribution.mean

    @property
    def variance(self):
        return self.distribution.variance

    @property
    def stddev(self):
        return self.distribution.stddev

    @property
    def params(self):
        return self.distribution.params


@register_kl(Independent, Independent)
def _kl_independent_independent(p, q):
    if p.reinterpreted_batch_ndims != q.reinterpreted_batch_ndims:
        raise NotImplementedError('KL between Independents with different '
                                  'reinterpreted_batch_ndims')
    return p._sum_events(kl_divergence(p.distribution, q.distribution))
