"""Mean absolute error: loss = sum(|x0 - x1|) / size, a composition."""
from minigan.core.variable import as_variable
from minigan.functions.math.absolute import absolute
from minigan.functions.math.sum import sum


def mean_absolute_error(x0, x1):
    """Mean of the elementwise absolute difference of two same-shaped Variables (a scalar)."""
    x0 = as_variable(x0)
    diff = x0 - x1
    return sum(absolute(diff)) * (1.0 / diff.size)
