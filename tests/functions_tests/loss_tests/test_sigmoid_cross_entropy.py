import math

import numpy
import pytest

import minigan.functions as F
from minigan import Variable
from minigan.testing import check_backward, check_double_backward


def _ref(x, t, normalize=True, reduce='mean'):
    x = x.astype(numpy.float64)
    p = 1 / (1 + numpy.exp(-x))
    loss = -(t * numpy.log(p) + (1 - t) * numpy.log(1 - p)) * (t != -1)
    if reduce == 'no':
        return loss
    count = (t != -1).sum() if normalize else len(x)
    return loss.sum() / max(count, 1)


def _data(shape, rng):
    x = rng.randn(*shape).astype(numpy.float32)
    t = rng.randint(-1, 2, shape).astype(numpy.int32)
    return x, t


@pytest.mark.parametrize('normalize', [True, False])
@pytest.mark.parametrize('reduce', ['mean', 'no'])
@pytest.mark.parametrize('shape', [(5,), (3, 4)])
def test_forward(normalize, reduce, shape):
    x, t = _data(shape, numpy.random.RandomState(0))
    y = F.sigmoid_cross_entropy(Variable(x), t, normalize=normalize, reduce=reduce)
    assert y.dtype == numpy.float32
    assert y.shape == (() if reduce == 'mean' else shape)
    numpy.testing.assert_allclose(y.array, _ref(x, t, normalize, reduce), rtol=1e-5, atol=1e-6)


def test_hand_computed_values():
    x = numpy.array([0.0, 2.0, 5.0], numpy.float32)
    t = numpy.array([1, 0, -1], numpy.int32)
    expected = (math.log(2) + math.log(1 + math.exp(2))) / 2
    numpy.testing.assert_allclose(F.sigmoid_cross_entropy(x, t).array, expected, rtol=1e-6)
    numpy.testing.assert_allclose(F.sigmoid_cross_entropy(x, t, normalize=False).array,
                                  expected * 2 / 3, rtol=1e-6)


def test_gradient_is_sigmoid_minus_label():
    x = Variable(numpy.array([0.0, 2.0, 5.0], numpy.float32))
    t = numpy.array([1, 0, -1], numpy.int32)
    F.sigmoid_cross_entropy(x, t).backward()
    assert x.grad.dtype == numpy.float32
    s = 1 / (1 + numpy.exp(-x.array))
    numpy.testing.assert_allclose(x.grad, [(s[0] - 1) / 2, s[1] / 2, 0.0], rtol=1e-6)


def test_extreme_logits_stay_finite():
    x = Variable(numpy.array([-200.0, 200.0], numpy.float32))
    loss = F.sigmoid_cross_entropy(x, numpy.array([1, 0], numpy.int32))
    loss.backward()
    numpy.testing.assert_allclose(loss.array, 200.0)
    numpy.testing.assert_allclose(x.grad, [-0.5, 0.5])


def test_all_ignored_gives_zero():
    x = numpy.ones(3, numpy.float32)
    assert float(F.sigmoid_cross_entropy(x, -numpy.ones(3, numpy.int32)).array) == 0.0


@pytest.mark.parametrize('reduce', ['mean', 'no'])
def test_backward_and_double_backward(reduce):
    rng = numpy.random.RandomState(1)
    x, t = _data((3, 4), rng)
    gy = numpy.asarray(rng.randn()) if reduce == 'mean' else rng.randn(3, 4)

    def f(x, t):
        return F.sigmoid_cross_entropy(x, t, reduce=reduce)
    check_backward(f, (x, t), gy)
    check_double_backward(f, (x, t), gy, rng.randn(3, 4))
