"""Elementwise minimum of two arrays: y = min(a, b).

The gradient goes to ``a`` where a <= b and to ``b`` elsewhere: Maximum with the comparison
reversed.
"""
import operator

from minigan.functions.math.maximum import Maximum


class Minimum(Maximum):
    """y = min(a, b) elementwise; gy goes to a where a <= b, to b elsewhere."""
    ufunc = 'minimum'
    a_wins = staticmethod(operator.le)


def minimum(a, b):
    """Elementwise minimum of ``a`` and ``b`` (Variables or arrays of broadcastable shapes)."""
    return Minimum().apply((a, b))[0]
