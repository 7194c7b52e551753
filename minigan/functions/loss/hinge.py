"""Multi-class hinge loss (one-vs-all): loss_nk = max(0, 1 - s_nk x_nk), L1 or squared.

s_nk = +1 for the true class k = t_n and -1 for every other class, so the true
score is pushed above 1 and the others below -1.
"""
from minigan.core.variable import as_array, as_variable
from minigan.functions.activation.relu import relu
from minigan.functions.math.sum import sum


def hinge(x, t, norm='L1', reduce='mean'):
    """Chainer's F.hinge.

    ``x``: scores (N, K); ``t``: int labels (N,). ``norm``: 'L1' or 'L2' (squared hinge).
    ``reduce='mean'`` sums all N*K terms and divides by N; ``reduce='no'`` returns (N, K).
    """
    if norm not in ('L1', 'L2'):
        raise ValueError("norm must be 'L1' or 'L2', got %r" % (norm,))
    if reduce not in ('mean', 'no'):
        raise ValueError("reduce must be 'mean' or 'no', got %r" % (reduce,))
    x = as_variable(x)
    t = as_array(t)
    xp = x.xp
    if x.ndim != 2 or t.shape != (len(x),):
        raise ValueError('hinge needs x of shape (N, K) and t of shape (N,)')
    # NOTE: -1 everywhere, +1 at the label; 1 + (-sign) x flips the true-class score
    sign = xp.full(x.shape, -1, x.dtype)
    sign[xp.arange(len(x)), t] = 1
    loss = relu(1 - x * sign)
    if norm == 'L2':
        loss = loss * loss
    if reduce == 'no':
        return loss
    return sum(loss) * (1.0 / len(x))
