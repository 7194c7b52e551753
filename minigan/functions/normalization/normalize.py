"""L2 normalization along an axis, composed from minigan functions."""
from minigan.core.variable import as_variable
from minigan.functions.math.sqrt import sqrt
from minigan.functions.math.square import square
from minigan.functions.math.sum import sum


def normalize(x, eps=1e-5, axis=1):
    """Divide each vector along ``axis`` by its L2 norm (Chainer's F.normalize).

    y = x / (||x||_2 + eps), the norm taken over ``axis`` (an int or a tuple); x of any
    shape, e.g. (N, D) with axis=1. Note eps is added to the norm, not under the root, so a
    vector of all zeros has a NaN gradient.
    """
    x = as_variable(x)
    return x / (sqrt(sum(square(x), axis=axis, keepdims=True)) + eps)
