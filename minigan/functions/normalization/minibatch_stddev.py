"""Minibatch standard deviation, composed from minigan functions."""
from minigan.core.variable import as_variable
from minigan.functions.array.broadcast import broadcast_to
from minigan.functions.array.concat import concat
from minigan.functions.array.reshape import reshape
from minigan.functions.math.sqrt import sqrt
from minigan.functions.math.square import square
from minigan.functions.math.sum import mean


def minibatch_stddev(x, group_size=None, eps=1e-8):
    """Append one channel holding the average standard deviation of features across a group.

    For each group of samples: s = mean_{c,h,w} sqrt(var_group(x[:, c, h, w]) + eps), with the
    biased variance over the group; s is replicated over (H, W) and concatenated as an extra
    channel of each sample in the group. x: (N, C, H, W) -> (N, C + 1, H, W) (also (N, C)).
    ``group_size=None`` uses the whole minibatch as one group (the paper's text); an int G uses
    groups of min(G, N) samples, sample n in group n % (N / G) as in the official code, and N
    must be divisible by it. ``eps`` keeps the gradient of sqrt finite when a feature is
    constant. It lets the discriminator see the variety of a batch, against mode collapse.
    Karras et al., "Progressive Growing of GANs", ICLR 2018, section 3.
    """
    x = as_variable(x)
    n, rest = x.shape[0], x.shape[1:]
    g = n if group_size is None else min(group_size, n)
    if n % g:
        raise ValueError('minibatch_stddev: batch size %d is not divisible by the group size '
                         '%d' % (n, g))
    groups = reshape(x, (g, n // g) + rest)
    centered = groups - mean(groups, axis=0, keepdims=True)
    std = sqrt(mean(square(centered), axis=0) + eps)                   # (N/G, C, H, W)
    s = mean(std, axis=tuple(range(1, std.ndim)))                        # (N/G,)
    s = reshape(s, (1, n // g) + (1,) * len(rest))
    s = broadcast_to(s, (g, n // g, 1) + rest[1:])
    return concat((x, reshape(s, (n, 1) + rest[1:])), axis=1)
