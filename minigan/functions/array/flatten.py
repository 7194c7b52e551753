"""Flatten to one dimension, as a reshape."""
from minigan.core.variable import as_variable
from minigan.functions.array.reshape import reshape


def flatten(x):
    """Chainer's F.flatten: a 1-D Variable of size ``x.size``.

    NOTE: this flattens the batch axis too; for (N, C, H, W) -> (N, C*H*W) use
    ``reshape(x, (len(x), -1))``.
    """
    x = as_variable(x)
    return reshape(x, (x.size,))
