"""Backprop over the recorded graph: rank order sums every path, which gradients are kept,
``grad`` without side effects, and the gradient as a graph (double backprop)."""
import numpy
import pytest

import minigan
import minigan.functions as F
from minigan import Variable


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


# ---- minigan.grad and double backprop ----
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
