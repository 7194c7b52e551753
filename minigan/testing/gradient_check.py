"""Finite-difference checks of first and second derivatives (Chainer's check_backward idea).

Both checks compare a directional derivative: for a random direction d,

    analytic  = sum_i <dL/dx_i, d_i>,   L = sum_j <y_j, gy_j>
    numerical = (L(x + eps d) - L(x - eps d)) / (2 eps)

in float64, which catches wrong gradients without needing one perturbation per element.
"""
import numpy

from minigan.backend import get_array_module
from minigan.core.backprop import grad
from minigan.core.variable import Variable


def _as_tuple(x):
    if x is None:
        return ()
    return tuple(x) if isinstance(x, (tuple, list)) else (x,)


def _loss(outputs, y_grads):
    total = 0.0
    for y, gy in zip(outputs, y_grads):
        if gy is not None:
            total = total + float((y.array.astype(numpy.float64) * gy).sum())
    return total


def check_backward(func, x_data, y_grad, params=(), eps=1e-3, atol=1e-5, rtol=1e-4,
                   dtype=numpy.float64, no_grads=None, seed=0):
    """Assert that ``func``'s backward matches central finite differences.

    ``x_data``: array or tuple of arrays (cast to ``dtype`` when they are floats);
    ``y_grad``: array or tuple of arrays, the upstream gradients of the outputs (None for a
    scalar output); ``params``: Parameters also differentiated; ``no_grads``: flags of
    inputs not to check (integer labels are skipped automatically).
    """
    x_data = _as_tuple(x_data)
    xp = get_array_module(*x_data)
    if dtype is not None:
        x_data = tuple(x.astype(dtype) if x.dtype.kind == 'f' else x for x in x_data)
    if no_grads is None:
        no_grads = [x.dtype.kind != 'f' for x in x_data]
    xs = [Variable(x.copy()) for x in x_data]
    params = _as_tuple(params)
    outputs = _as_tuple(func(*xs))
    y_grads = _as_tuple(y_grad)
    if not y_grads:
        y_grads = tuple(xp.ones_like(y.array) for y in outputs)
    y_grads = tuple(None if g is None else xp.asarray(g, dtype=y.dtype)
                    for g, y in zip(y_grads, outputs))
    targets = [x for x, skip in zip(xs, no_grads) if not skip] + list(params)
    seeded = [(y, g) for y, g in zip(outputs, y_grads) if g is not None]
    grads = grad([y for y, _ in seeded], targets,
                 grad_outputs=[Variable(g) for _, g in seeded])
    rng = numpy.random.RandomState(seed)
    directions = [xp.asarray(rng.normal(size=t.shape)).astype(t.dtype) for t in targets]
    analytic = 0.0
    for g, d in zip(grads, directions):
        if g is not None:
            analytic += float((g.array.astype(numpy.float64) * d).sum())

    def evaluate(sign):
        saved = [t.array.copy() for t in targets]
        for t, d in zip(targets, directions):
            t.array = t.array + sign * eps * d
        value = _loss(_as_tuple(func(*xs)), y_grads)
        for t, s in zip(targets, saved):
            t.array = s
        return value

    numerical = (evaluate(+1) - evaluate(-1)) / (2 * eps)
    if not abs(analytic - numerical) <= atol + rtol * abs(numerical):
        raise AssertionError(
            'gradient check failed: analytic directional derivative %.10g, numerical %.10g '
            '(diff %.3g, atol %g, rtol %g)'
            % (analytic, numerical, abs(analytic - numerical), atol, rtol))


def check_double_backward(func, x_data, y_grad, x_grad_grad, params=(), eps=1e-3, atol=1e-4,
                          rtol=1e-3, dtype=numpy.float64, no_grads=None, seed=0):
    """Assert that the gradient of ``func`` is itself correctly differentiated.

    Checks ``g(x, gy) = grad(func(x), x, gy)`` (built with ``enable_double_backprop=True``)
    with check_backward, using ``x_grad_grad`` as the upstream gradient of g's outputs.
    """
    x_data = _as_tuple(x_data)
    y_grads = _as_tuple(y_grad)
    if dtype is not None:
        x_data = tuple(x.astype(dtype) if x.dtype.kind == 'f' else x for x in x_data)
        y_grads = tuple(g.astype(dtype) for g in y_grads)
    if no_grads is None:
        no_grads = [x.dtype.kind != 'f' for x in x_data]
    n_x = len(x_data)
    params = _as_tuple(params)

    def first_order(*args):
        xs, gys = args[:n_x], args[n_x:]
        outputs = _as_tuple(func(*xs))
        diff_xs = [x for x, skip in zip(xs, no_grads) if not skip] + list(params)
        gxs = grad(list(outputs), diff_xs, grad_outputs=list(gys),
                   enable_double_backprop=True)
        return tuple(g if g is not None else Variable(g_zero(x)) for g, x in zip(gxs, diff_xs))

    def g_zero(x):
        return x.xp.zeros_like(x.array)

    ggx = _as_tuple(x_grad_grad)
    check_backward(first_order, x_data + y_grads, ggx, params=params, eps=eps, atol=atol,
                   rtol=rtol, dtype=dtype, no_grads=list(no_grads) + [False] * len(y_grads),
                   seed=seed)
