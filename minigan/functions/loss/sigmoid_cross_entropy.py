"""Binary cross entropy on logits: loss = softplus(x) - t x, for labels t in {0, 1}.

The same as -t log sigmoid(x) - (1 - t) log(1 - sigmoid(x)), but it never takes the
log of 0. Labels equal to -1 are ignored. This is the loss of the original GAN
(Goodfellow et al., "Generative Adversarial Nets", NIPS 2014) in Chainer's DCGAN.
"""
from minigan.core.variable import as_array, as_variable
from minigan.functions.activation.softplus import softplus
from minigan.functions.math.sum import sum


def sigmoid_cross_entropy(x, t, normalize=True, reduce='mean'):
    """Chainer's F.sigmoid_cross_entropy.

    ``x``: logits of any shape, e.g. (N,) or (N, K); ``t``: int labels of the same shape,
    1, 0 or -1 (ignored). ``reduce='mean'`` returns a scalar: the sum over valid elements
    divided by their count (``normalize=True``) or by N (``normalize=False``);
    ``reduce='no'`` returns the per-element loss, 0 where ignored.
    """
    if reduce not in ('mean', 'no'):
        raise ValueError("reduce must be 'mean' or 'no', got %r" % (reduce,))
    x = as_variable(x)
    t = as_array(t)
    if t.shape != x.shape:
        raise ValueError('x of shape %s and t of shape %s differ' % (x.shape, t.shape))
    valid = t != -1
    loss = (softplus(x) - x * t.astype(x.dtype)) * valid.astype(x.dtype)
    if reduce == 'no':
        return loss
    count = int(valid.sum()) if normalize else len(x)
    return sum(loss) * (1.0 / max(count, 1))
