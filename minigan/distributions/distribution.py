"""Distribution: the interface, and the table of closed-form KL divergences."""
import numpy

from minigan import functions as F


class Distribution:
    """A batch of distributions of one family.

    ``batch_shape`` is the shape of the batch of distributions, ``event_shape`` the shape of
    one draw; ``log_prob(x)`` has shape ``batch_shape``. ``sample(k)`` draws k points per
    distribution, differentiable in the parameters where the family allows (Normal).
    """

    @property
    def batch_shape(self):
        raise NotImplementedError

    @property
    def event_shape(self):
        return ()

    def log_prob(self, x):
        raise NotImplementedError

    def prob(self, x):
        return F.exp(self.log_prob(x))

    def sample_n(self, n):
        """n draws: shape ``(n,) + batch_shape + event_shape``."""
        raise NotImplementedError

    def sample(self, sample_shape=()):
        """Draws of shape ``sample_shape + batch_shape + event_shape`` (an int k is (k,))."""
        if isinstance(sample_shape, int):
            sample_shape = (sample_shape,)
        sample_shape = tuple(sample_shape)
        n = int(numpy.prod(sample_shape, dtype=numpy.int64))
        return F.reshape(self.sample_n(n),
                         sample_shape + tuple(self.batch_shape) + tuple(self.event_shape))

    @property
    def stddev(self):
        return self.variance ** 0.5


_KL = {}


def register_kl(Dist1, Dist2):
    """Decorator: ``f(dist1, dist2)`` computes KL(dist1 || dist2) for these two classes."""
    def decorator(f):
        _KL[Dist1, Dist2] = f
        return f
    return decorator


def kl_divergence(dist1, dist2):
    """KL(dist1 || dist2) = E_{x ~ dist1}[log dist1(x) - log dist2(x)], in closed form.

    Shape: the distributions' ``batch_shape``. Raises NotImplementedError for a pair of
    families without a registered formula.
    """
    for type1 in type(dist1).__mro__:
        for type2 in type(dist2).__mro__:
            if (type1, type2) in _KL:
                return _KL[type1, type2](dist1, dist2)
    raise NotImplementedError('no KL divergence registered between %s and %s'
                              % (type(dist1).__name__, type(dist2).__name__))


def cross_entropy(dist1, dist2):
    """H(dist1, dist2) = H(dist1) + KL(dist1 || dist2)."""
    return dist1.entropy + kl_divergence(dist1, dist2)
