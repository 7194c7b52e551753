"""Multi-class cross entropy on logits: loss_n = -log softmax(x_n)[t_n].

Written as -sum_k onehot(t)_k * log_softmax(x)_k, so it is a composition and its
gradient, softmax(x) - onehot(t), is differentiable again.
"""
from minigan.core.variable import as_array, as_variable
from minigan.functions.activation.log_softmax import log_softmax
from minigan.functions.math.sum import sum


def _one_hot(t, n_class, ignore_label, dtype, xp):
    """(N, ...) int labels -> (N, K, ...) float one-hot, all zeros where ignored."""
    classes = xp.arange(n_class).reshape((1, n_class) + (1,) * (t.ndim - 1))
    t = xp.expand_dims(t, 1)
    return ((t == classes) & (t != ignore_label)).astype(dtype)


def softmax_cross_entropy(x, t, normalize=True, cache_score=True, class_weight=None,
                          ignore_label=-1, reduce='mean', enable_double_backprop=False):
    """Chainer's F.softmax_cross_entropy for int labels.

    ``x``: logits (N, K) or (N, K, d1, ...); ``t``: labels (N,) or (N, d1, ...), where
    ``ignore_label`` marks elements to skip. ``class_weight``: optional (K,) array scaling
    each class's loss. ``reduce='mean'`` divides the summed loss by the number of valid
    labels (``normalize=True``) or by N; ``reduce='no'`` returns the loss per label.
    ``cache_score`` and ``enable_double_backprop`` are accepted for compatibility: this
    version is always twice differentiable.
    """
    if reduce not in ('mean', 'no'):
        raise ValueError("reduce must be 'mean' or 'no', got %r" % (reduce,))
    x = as_variable(x)
    t = as_array(t)
    xp = x.xp
    if x.ndim < 2 or t.shape != x.shape[:1] + x.shape[2:]:
        raise ValueError('x of shape %s does not match labels of shape %s' % (x.shape, t.shape))
    weight = _one_hot(t, x.shape[1], ignore_label, x.dtype, xp)
    if class_weight is not None:
        class_weight = xp.asarray(as_array(class_weight), dtype=x.dtype)
        weight *= class_weight.reshape((1, -1) + (1,) * (t.ndim - 1))
    loss = -sum(log_softmax(x, axis=1) * weight, axis=1)
    if reduce == 'no':
        return loss
    count = int((t != ignore_label).sum()) if normalize else len(x)
    return sum(loss) * (1.0 / max(count, 1))
