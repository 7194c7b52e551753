import numpy
import pytest

import minigan.functions as F
from minigan import Variable
from minigan.testing import check_backward, check_double_backward


def _ref(x, t, norm, reduce):
    d = x.astype(numpy.float64).copy()
    for n, label in enumerate(t):
        d[n, label] *= -1
    loss = numpy.maximum(0, 1 + d)
    if norm == 'L2':
        loss = loss ** 2
    return loss if reduce == 'no' else loss.sum() / len(x)


def _data(rng, n=4, k=3):
    x = rng.uniform(-2, 2, (n, k))
    # NOTE: keep every 1 -+ x away from the hinge's kink at 0
    x[numpy.abs(numpy.abs(x) - 1) < 0.1] = 0.0
    t = rng.randint(0, k, n).astype(numpy.int32)
    return x.astype(numpy.float32), t


@pytest.mark.parametrize('norm', ['L1', 'L2'])
@pytest.mark.parametrize('reduce', ['mean', 'no'])
def test_forward(norm, reduce):
    x, t = _data(numpy.random.RandomState(0))
    y = F.hinge(Variable(x), t, norm=norm, reduce=reduce)
    assert y.dtype == numpy.float32
    numpy.testing.assert_allclose(y.array, _ref(x, t, norm, reduce), rtol=1e-6)


def test_hand_computed_values():
    x = numpy.array([[0.5, -2.0, 0.3]], numpy.float32)
    t = numpy.array([0], numpy.int32)
    numpy.testing.assert_allclose(F.hinge(x, t).array, 0.5 + 0.0 + 1.3, rtol=1e-6)
    numpy.testing.assert_allclose(F.hinge(x, t, norm='L2').array, 0.25 + 1.69, rtol=1e-6)


@pytest.mark.parametrize('norm', ['L1', 'L2'])
def test_backward_and_double_backward(norm):
    rng = numpy.random.RandomState(1)
    x, t = _data(rng)
    gy = numpy.asarray(rng.randn())

    def f(x, t):
        return F.hinge(x, t, norm=norm)
    check_backward(f, (x, t), gy)
    check_double_backward(f, (x, t), gy, rng.randn(4, 3))


def test_bad_arguments_raise():
    x, t = _data(numpy.random.RandomState(2))
    with pytest.raises(ValueError):
        F.hinge(x, t, norm='L3')
    with pytest.raises(ValueError):
        F.hinge(x, t, reduce='sum')
