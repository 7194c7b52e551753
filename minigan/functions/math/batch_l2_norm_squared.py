"""Squared L2 norm of each example: y_n = sum_i x_{n,i}^2, a composition (double
backprop comes from square and sum)."""
from minigan.functions.array.reshape import reshape
from minigan.functions.math.square import square
from minigan.functions.math.sum import sum as sum_
from minigan.utils.type_check import InvalidType


def batch_l2_norm_squared(x):
    """||x_n||^2 for every example n of x (N, ...), all but the batch axis flattened: (N,).

    Used by gradient penalties (WGAN-GP, DRAGAN) on ``grad(D(x), x)``.
    """
    if x.ndim < 2:
        raise InvalidType('x.ndim >= 2', '{} < 2'.format(x.ndim))
    if x.dtype.kind != 'f':
        raise InvalidType('x.dtype.kind == f', '{} != f'.format(x.dtype.kind))
    return sum_(square(reshape(x, (len(x), -1))), axis=1)
