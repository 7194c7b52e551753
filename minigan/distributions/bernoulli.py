"""Bernoulli distribution over {0, 1}, parameterized by p or by logit = log(p / (1 - p))."""
from minigan import functions as F
from minigan.backend import get_array_module
from minigan.core.variable import Variable, as_variable
from minigan.distributions.distribution import Distribution, register_kl


class Bernoulli(Distribution):
    """``Bernoulli(p=None, logit=None, binary_check=False)``: give p or logit, not both.

    log P(x) = x * logit - softplus(logit) (= x log p + (1 - x) log(1 - p), without
    overflow). binary_check: log P(x) is -inf where x is neither 0 nor 1.
    """

    def __init__(self, p=None, logit=None, binary_check=False):
        if (p is None) == (logit is None):
            raise ValueError('Either `p` or `logit` (not both) must have a value.')
        self._p, self._logit = p, logit
        self.binary_check = binary_check

    @property
    def p(self):
        return as_variable(self._p) if self._p is not None else F.sigmoid(self.logit)

    @property
    def logit(self):
        if self._logit is not None:
            return as_variable(self._logit)
        return F.log(self.p) - F.log(1 - self.p)

    @property
    def batch_shape(self):
        return self.p.shape

    @property
    def mean(self):
        return self.p

    @property
    def variance(self):
        return self.p * (1 - self.p)

    @property
    def entropy(self):
        return F.softplus(self.logit) - self.p * self.logit

    def log_prob(self, x):
        x = as_variable(x)
        y = x * self.logit - F.softplus(self.logit)
        if self.binary_check:
            xp = get_array_module(x.array)
            valid = (x.array == 0) | (x.array == 1)
            y = F.where(valid, y, xp.full(y.shape, -xp.inf, dtype=y.dtype))
        return y

    def prob(self, x):
        x = as_variable(x)
        prob = x * self.p + (1 - x) * (1 - self.p)
        if self.binary_check:
            prob = prob * ((x.array == 0) | (x.array == 1)).astype(prob.dtype)
        return prob

    def sample_n(self, n):
        p = self.p.array
        xp = get_array_module(p)
        return Variable(xp.random.binomial(1, p, size=(n,) + p.shape))

    @property
    def params(self):
        return {'logit': self.logit}


@register_kl(Bernoulli, Bernoulli)
def _kl_bernoulli_bernoulli(p, q):
    # KL = p_p (l_p - l_q) - softplus(l_p) + softplus(l_q), with l the logits
    return (p.p * (p.logit - q.logit) - F.softplus(p.logit) + F.softplus(q.logit))
