import math

import numpy
import pytest

import minigan.functions as F
from minigan import Variable
from minigan.testing import check_backward, check_double_backward


def _ref(x, t, normalize=True, reduce='mean', ignore_label=-1, class_weight=None):
    x = numpy.moveaxis(x.astype(numpy.float64), 1, -1).reshape(-1, x.shape[1])
    flat_t = t.ravel()
    losses = numpy.zeros(len(flat_t))
    for i, label in enumerate(flat_t):
        if label == ignore_label:
            continue
        logp = x[i] - numpy.log(numpy.exp(x[i]).sum())
        w = 1.0 if class_weight is None else class_weight[label]
        losses[i] = -w * logp[label]
    if reduce == 'no':
        return losses.reshape(t.shape)
    count = (t != ignore_label).sum() if normalize else len(t)
    return losses.sum() / max(count, 1)


def _data(x_shape, rng):
    x = rng.randn(*x_shape).astype(numpy.float32)
    t_shape = x_shape[:1] + x_shape[2:]
    t = rng.randint(-1, x_shape[1], t_shape).astype(numpy.int32)
    return x, t


@pytest.mark.parametrize('x_shape', [(4, 3), (2, 3, 2, 2)])
@pytest.mark.parametrize('normalize', [True, False])
@pytest.mark.parametrize('reduce', ['mean', 'no'])
def test_forward(x_shape, normalize, reduce):
    x, t = _data(x_shape, numpy.random.RandomState(0))
    y = F.softmax_cross_entropy(Variable(x), t, normalize=normalize, reduce=reduce)
    assert y.dtype == numpy.float32
    numpy.testing.assert_allclose(y.array, _ref(x, t, normalize, reduce), rtol=1e-5, atol=1e-6)


def test_class_weight_and_ignore_label():
    x, t = _data((5, 3), numpy.random.RandomState(1))
    t[t == -1] = 2
    w = numpy.array([0.5, 2.0, 1.0], numpy.float32)
    y = F.softmax_cross_entropy(x, t, class_weight=w, ignore_label=2)
    numpy.testing.assert_allclose(y.array, _ref(x, t, ignore_label=2, class_weight=w),
                                  rtol=1e-5)


def test_hand_computed_value():
    x = numpy.array([[0.0, 0.0], [math.log(3.0), 0.0]], numpy.float32)
    t = numpy.array([0, 1], numpy.int32)
    expected = (math.log(2.0) + math.log(4.0)) / 2
    numpy.testing.assert_allclose(F.softmax_cross_entropy(x, t).array, expected, rtol=1e-6)


def test_gradient_is_softmax_minus_onehot():
    x = Variable(numpy.array([[1.0, 2.0, 0.5]], numpy.float32))
    F.softmax_cross_entropy(x, numpy.array([1], numpy.int32)).backward()
    assert x.grad.dtype == numpy.float32
    p = numpy.exp(x.array) / numpy.exp(x.array).sum()
    numpy.testing.assert_allclose(x.grad, p - [[0, 1, 0]], rtol=1e-5, atol=1e-7)


@pytest.mark.parametrize('reduce', ['mean', 'no'])
def test_backward_and_double_backward(reduce):
    rng = numpy.random.RandomState(2)
    x, t = _data((4, 3), rng)
    gy = numpy.asarray(rng.randn()) if reduce == 'mean' else rng.randn(4)

    def f(x, t):
        return F.softmax_cross_entropy(x, t, reduce=reduce)
    check_backward(f, (x, t), gy)
    check_double_backward(f, (x, t), gy, rng.randn(4, 3))
