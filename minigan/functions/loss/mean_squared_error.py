"""Mean squared error: loss = sum((x0 - x1)^2) / size, a composition."""
from minigan.core.variable import as_variable
from minigan.functions.math.sum import sum


def mean_squared_error(x0, x1):
    """Mean of the elementwise squared difference of two same-shaped Variables (a scalar).

    LSGAN's loss (Mao et al., "Least Squares Generative Adversarial Networks", ICCV 2017).
    """
    x0 = as_variable(x0)
    diff = x0 - x1
    return sum(diff * diff) * (1.0 / diff.size)
