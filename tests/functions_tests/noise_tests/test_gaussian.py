import numpy

import minigan.functions as F
from minigan import Variable
from minigan.testing import check_backward, check_double_backward


def test_forward_is_mean_plus_scaled_noise():
    rng = numpy.random.RandomState(0)
    mean = rng.randn(3, 4).astype(numpy.float32)
    ln_var = rng.randn(3, 4).astype(numpy.float32)
    z, eps = F.gaussian(Variable(mean), Variable(ln_var), return_eps=True)
    assert z.dtype == numpy.float32 and eps.dtype == numpy.float32
    numpy.testing.assert_allclose(z.array, mean + numpy.exp(ln_var / 2) * eps, rtol=1e-6)


def test_statistics():
    numpy.random.seed(0)
    mean = numpy.full(20000, 2.0, numpy.float32)
    ln_var = numpy.full(20000, numpy.log(9.0), numpy.float32)
    z = F.gaussian(mean, ln_var).array
    assert abs(z.mean() - 2.0) < 0.1 and abs(z.std() - 3.0) < 0.1


def test_backward_and_double_backward_with_fixed_eps():
    rng = numpy.random.RandomState(1)
    mean, ln_var, eps = rng.randn(3, 4), rng.randn(3, 4), rng.randn(3, 4)
    gy = rng.randn(3, 4)

    def f(mean, ln_var):
        return F.gaussian(mean, ln_var, eps=eps)
    check_backward(f, (mean, ln_var), gy)
    check_double_backward(f, (mean, ln_var), gy, (rng.randn(3, 4), rng.randn(3, 4)))
