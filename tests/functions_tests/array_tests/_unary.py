"""The check every shape op's test runs: first and second derivatives of one call."""
import numpy

from minigan.testing import check_backward, check_double_backward


def check_gradients(f, x, seed=1):
    """check_backward of f, and check_double_backward of f squared (f itself is linear)."""
    rng = numpy.random.RandomState(seed)
    y_shape = f(x).shape
    gy = numpy.asarray(rng.normal(size=y_shape))
    check_backward(f, x, gy)

    def squared(x):
        y = f(x)
        return y * y
    check_double_backward(squared, x, gy, rng.normal(size=x.shape))
