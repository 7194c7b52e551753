"""How the define-by-run graph behaves: sharing, retention, cutting, modes and operators."""
import numpy
import pytest

import minigan
import minigan.functions as F
from minigan import FunctionNode, Variable
from minigan.testing import check_backward


def _var(values):
    return Variable(numpy.asarray(values, numpy.float32))


# ---- gradients through shared subgraphs ----
def test_shared_subgraph_sums_both_paths():
    x = _var([0.5, -1.0, 2.0])
    y = F.tanh(x)
    z = y * y + y
    F.sum(z).backward()
    t = numpy.tanh(x.array)
    numpy.testing.assert_allclose(x.grad, (2 * t + 1) * (1 - t * t), rtol=1e-5)


def test_diamond_dag():
    x = _var([0.3, 1.2])
    a = x * 2.0
    b = F.exp(x)
    c = a * b  # x reaches c along two paths
    F.sum(c).backward()
    ex = numpy.exp(x.array)
    numpy.testing.assert_allclose(x.grad, 2 * ex + 2 * x.array * ex, rtol=1e-6)


def test_variable_used_twice_in_one_op():
    x = _var([3.0])
    (x * x).backward()
    numpy.testing.assert_allclose(x.grad, [6.0])


# ---- which gradients are kept ----
def test_retain_grad_keeps_intermediate_gradients():
    x = _var([1.0, 2.0])
    h = x * 3.0
    y = F.sum(h * h)
    y.backward(retain_grad=True)
    numpy.testing.assert_allclose(h.grad, 2 * h.array)
    numpy.testing.assert_allclose(y.grad, 1.0)
    numpy.testing.assert_allclose(x.grad, 18 * x.array)


def test_without_retain_grad_intermediates_have_no_gradient():
    x = _var([1.0, 2.0])
    h = x * 3.0
    F.sum(h * h).backward()
    assert h.grad is None
    assert x.grad is not None


def test_backward_accumulates_into_existing_grad():
    x = _var([1.0, 2.0])
    F.sum(x * 2.0).backward()
    F.sum(x * 3.0).backward()
    numpy.testing.assert_allclose(x.grad, [5.0, 5.0])
    x.cleargrad()
    assert x.grad is None


def test_backward_on_non_scalar_needs_a_seed():
    x = _var([1.0, 2.0])
    y = x * 2.0
    with pytest.raises(ValueError):
        y.backward()
    y.grad = numpy.array([1.0, 10.0], numpy.float32)
    y.backward()
    numpy.testing.assert_allclose(x.grad, [2.0, 20.0])


def test_requires_grad_false_leaf_gets_no_grad():
    x = _var([1.0])
    c = Variable(numpy.array([2.0], numpy.float32), requires_grad=False)
    (x * c).backward()
    assert c.grad is None
    numpy.testing.assert_allclose(x.grad, [2.0])


# ---- minigan.grad ----
def test_grad_leaves_other_grads_untouched():
    w = minigan.Parameter(numpy.array([2.0, -1.0], numpy.float32))
    w.grad = numpy.array([7.0, 7.0], numpy.float32)
    x = _var([1.0, 3.0])
    y = F.sum(w * x)
    gx, = minigan.grad([y], [x])
    numpy.testing.assert_allclose(gx.array, w.array)
    numpy.testing.assert_array_equal(w.grad, [7.0, 7.0])
    assert x.grad is None


def test_grad_seeds_ones_for_non_scalar_outputs():
    x = _var([1.0, 2.0, 3.0])
    gx, = minigan.grad([x * x], [x])
    numpy.testing.assert_allclose(gx.array, 2 * x.array)


def test_grad_of_intermediate_and_unreachable_inputs():
    x = _var([1.0, 2.0])
    h = x * 2.0
    other = _var([5.0])
    gh, gother = minigan.grad([F.sum(h * h)], [h, other])
    numpy.testing.assert_allclose(gh.array, 2 * h.array)
    assert gother is None


def test_enable_double_backprop_gives_a_differentiable_gradient():
    x = _var([0.5, 2.0])
    gx, = minigan.grad([F.sum(x * x * x)], [x], enable_double_backprop=True)
    assert gx.creator is not None
    numpy.testing.assert_allclose(gx.array, 3 * x.array ** 2)
    F.sum(gx * gx).backward()  # d/dx sum((3x^2)^2) = 36 x^3
    numpy.testing.assert_allclose(x.grad, 36 * x.array ** 3, rtol=1e-6)


def test_without_double_backprop_the_gradient_has_no_graph():
    x = _var([0.5, 2.0])
    gx, = minigan.grad([F.sum(x * x * x)], [x])
    assert gx.creator is None


def test_backward_with_enable_double_backprop_builds_grad_graph():
    x = _var([1.5])
    (x * x * x).backward(enable_double_backprop=True)
    gx = x.grad_var
    x.cleargrad()
    gx.backward()
    numpy.testing.assert_allclose(x.grad, 6 * x.array)


# ---- cutting the graph and backprop modes ----
def test_unchain_backward_cuts_the_graph():
    x = _var([1.0, 2.0])
    h = x * 2.0
    y = F.sum(h * h)
    h.unchain_backward()
    assert h.creator is None
    y.backward()
    assert x.grad is None


def test_no_backprop_mode_builds_no_graph():
    x = _var([1.0])
    with minigan.no_backprop_mode():
        y = x * 2.0
        with minigan.force_backprop_mode():
            z = x * 2.0
    assert y.creator is None
    assert z.creator is not None
    assert minigan.config.enable_backprop is True


def test_using_config_restores_after_exit_and_exception():
    assert minigan.config.train is True
    with minigan.using_config('train', False):
        assert minigan.config.train is False
    assert minigan.config.train is True
    with pytest.raises(RuntimeError):
        with minigan.using_config('train', False):
            raise RuntimeError
    assert minigan.config.train is True


# ---- operators and Variable's array-like surface ----
@pytest.mark.parametrize('op', [
    lambda x: x + 1, lambda x: 1 + x, lambda x: x - 0.5, lambda x: 2 - x, lambda x: x * 3.0,
    lambda x: 2.5 * x, lambda x: x / 2, lambda x: 1 / x, lambda x: x ** 2, lambda x: -x,
    lambda x: abs(x), lambda x: x * numpy.float64(2.0), lambda x: x + numpy.ones(2),
    lambda x: numpy.float64(2.0) * x, lambda x: numpy.ones(2) - x, lambda x: 2 ** x])
def test_operators_keep_float32(op):
    x = _var([1.0, 2.0])
    y = op(x)
    assert y.dtype == numpy.float32
    F.sum(y).backward()
    assert x.grad.dtype == numpy.float32


def test_operator_values():
    x = _var([1.0, 4.0])
    numpy.testing.assert_allclose((2 - x).array, [1.0, -2.0])
    numpy.testing.assert_allclose((1 / x).array, [1.0, 0.25])
    numpy.testing.assert_allclose((x ** 0.5).array, [1.0, 2.0])
    numpy.testing.assert_allclose((x.reshape(1, 2) @ x.reshape(2, 1)).array, [[17.0]])


def test_comparisons_return_bool_arrays():
    x, y = _var([1.0, 2.0, 3.0]), _var([2.0, 2.0, 2.0])
    for result, expected in [(x < y, [True, False, False]), (x <= y, [True, True, False]),
                             (x > 2.0, [False, False, True]), (x >= y, [False, True, True]),
                             (x == y, [False, True, False]), (x != 2.0, [True, False, True])]:
        assert isinstance(result, numpy.ndarray) and result.dtype == bool
        numpy.testing.assert_array_equal(result, expected)


def test_variable_surface():
    a = numpy.arange(6, dtype=numpy.float32).reshape(2, 3)
    x = Variable(a, name='x')
    assert len(x) == 2 and x.shape == (2, 3) and x.ndim == 2 and x.size == 6
    assert x.data is x.array and x.xp is numpy
    assert 'x' in repr(x) and repr(x).startswith('variable')
    numpy.testing.assert_array_equal(x.T.array, a.T)
    numpy.testing.assert_array_equal(x.reshape(3, 2).array, a.reshape(3, 2))
    numpy.testing.assert_array_equal(x.reshape((6,)).array, a.ravel())
    numpy.testing.assert_array_equal(x.transpose(1, 0).array, a.T)
    numpy.testing.assert_array_equal(x.transpose().array, a.T)
    numpy.testing.assert_array_equal(x[1].array, a[1])
    numpy.testing.assert_array_equal(x[:, [0, 2]].array, a[:, [0, 2]])
    F.sum(x[:, 1:] * 2.0).backward()
    numpy.testing.assert_array_equal(x.grad, [[0, 2, 2], [0, 2, 2]])
    with pytest.raises(TypeError):
        bool(x)


# ---- the gradient checker itself ----
class _WrongSquare(FunctionNode):
    """y = x^2 with a deliberately wrong gradient (x instead of 2x)."""

    def forward(self, inputs):
        self.retain_inputs((0,))
        return inputs[0] ** 2,

    def backward(self, indexes, grad_outputs):
        x, = self.get_retained_inputs()
        return grad_outputs[0] * x,


def test_check_backward_rejects_a_wrong_gradient():
    rng = numpy.random.RandomState(0)
    x, gy = rng.randn(3, 4), rng.randn(3, 4)
    with pytest.raises(AssertionError):
        check_backward(lambda x: _WrongSquare().apply((x,))[0], x, gy)
    check_backward(F.square, x, gy)  # the correct version passes
