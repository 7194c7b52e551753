"""Embedding lookup, composed from get_item (whose backward scatter-adds into W)."""
from minigan.backend import get_array_module
from minigan.core.variable import as_array
from minigan.functions.array.get_item import get_item


def embed_id(x, W, ignore_label=None):
    """Look up the rows of W named by the integer ids x: y[..., :] = W[x[...], :].

    x: int array of any shape (a Variable or an array); W: (n_ids, D); y: x.shape + (D,).
    Ids equal to ``ignore_label`` give zero rows and send no gradient to W. Used for the class
    embedding of conditional GANs (cGAN with projection discriminator, SAGAN).
    """
    x = as_array(x)
    if ignore_label is None:
        return get_item(W, x)
    xp = get_array_module(x)
    keep = x != ignore_label
    y = get_item(W, xp.where(keep, x, 0))
    return y * keep[..., None].astype(y.dtype)
