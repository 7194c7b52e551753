import numpy
import pytest

import minigan
from minigan import functions as F
from minigan import links as L
from minigan.link_hooks import SpectralNormalization
from minigan.testing import check_backward, check_double_backward
from tests.links_tests.helpers import load, save, to_float64

# (make the link, input shape, axis of W holding the output units)
CASES = {
    'linear': (lambda: L.Linear(6, 4), (2, 6), 0),
    'conv': (lambda: L.Convolution2D(3, 4, 3, 1, 1), (2, 3, 4, 4), 0),
    'deconv': (lambda: L.Deconvolution2D(3, 5, 4, 2, 1), (2, 3, 2, 2), 1),
}


def _x(shape, seed=8):
    return numpy.random.RandomState(seed).uniform(-1, 1, shape).astype(numpy.float32)


def _matrix(W, axis):
    return numpy.moveaxis(W, axis, 0).reshape(W.shape[axis], -1)


def _with_gap(W, axis):
    """W plus a rank-one spike, so that sigma_1 stands clear of sigma_2."""
    rng = numpy.random.RandomState(0)
    moved = numpy.moveaxis(W, axis, 0).copy()
    a, b = rng.normal(size=moved.shape[0]), rng.normal(size=moved[0].size)
    spike = 3 * numpy.outer(a / numpy.linalg.norm(a), b / numpy.linalg.norm(b))
    return numpy.moveaxis(moved + spike.reshape(moved.shape), 0, axis)


def _one_iteration(W_mat, u, eps=1e-6):
    v = W_mat.T @ u
    v = v / (numpy.linalg.norm(v) + eps)
    u = W_mat @ v
    u = u / (numpy.linalg.norm(u) + eps)
    return u, v, u @ W_mat @ v


@pytest.mark.parametrize('case', sorted(CASES))
def test_u_is_a_persistent_vector_saved_as_W_u(case):
    make, _, axis = CASES[case]
    link = make().add_hook(SpectralNormalization())
    assert link.W_u.shape == (link.W.shape[axis],) and link.W_u.dtype == numpy.float32
    assert 'W_u' in link._persistent and [n for n, _ in link.namedparams()] == ['/W', '/b']
    saved = save(link)
    numpy.testing.assert_array_equal(saved['W_u'], link.W_u)
    other = make().add_hook(SpectralNormalization())
    load(other, saved)
    numpy.testing.assert_array_equal(other.W_u, link.W_u)


@pytest.mark.parametrize('case', sorted(CASES))
def test_forward_divides_by_sigma_and_updates_u(case):
    make, shape, axis = CASES[case]
    link = make().add_hook(SpectralNormalization())
    W = link.W
    u, _, sigma = _one_iteration(_matrix(W.array, axis), link.W_u.copy())
    x = _x(shape)
    u_before = link.W_u.copy()
    y = link(x)
    assert link.W is W  # the Parameter is back after the call
    assert not numpy.allclose(link.W_u, u_before)
    numpy.testing.assert_allclose(link.W_u, u, rtol=1e-5, atol=1e-6)  # one power iteration
    link.delete_hook('SpectralNormalization')
    W.array = W.array / sigma
    numpy.testing.assert_allclose(y.array, link(x).array, rtol=1e-4, atol=1e-6)
    assert not hasattr(link, 'W_u')


@pytest.mark.parametrize('case', sorted(CASES))
def test_a_failed_forward_leaves_the_weight_as_it_was(case):
    make, shape, axis = CASES[case]
    link = make().add_hook(SpectralNormalization())
    W, x = link.W, _x(shape)
    with pytest.raises(Exception):
        link(x[:, :1])  # too few input channels
    assert link.W is W and isinstance(link.W, minigan.Parameter)
    # the next call normalizes the weight once, not W / sigma a second time
    _, _, sigma = _one_iteration(_matrix(W.array, axis), link.W_u.copy())
    y = link(x)
    link.delete_hook('SpectralNormalization')
    W.array = W.array / sigma
    numpy.testing.assert_allclose(y.array, link(x).array, rtol=1e-4, atol=1e-6)


@pytest.mark.parametrize('case', sorted(CASES))
def test_largest_singular_value_becomes_one(case):
    make, shape, axis = CASES[case]
    numpy.random.seed(0)
    link = make().add_hook(SpectralNormalization(n_power_iteration=20))
    hook = link.local_link_hooks['SpectralNormalization']
    for _ in range(5):
        link(_x(shape))
    with minigan.using_config('train', False):
        W_sn = hook.normalized_weight(link).array
    s = numpy.linalg.svd(_matrix(W_sn, axis), compute_uv=False)
    assert abs(s[0] - 1) < 1e-3


def test_u_does_not_move_in_eval_mode():
    link = L.Convolution2D(3, 4, 3).add_hook(SpectralNormalization())
    u = link.W_u.copy()
    x = _x((1, 3, 3, 3))
    with minigan.using_config('train', False):
        y_eval = link(x)
    numpy.testing.assert_array_equal(link.W_u, u)
    # NOTE: eval still runs the power iteration on a copy (Chainer does), so it gives the
    # same output as a training call from the same u.
    y_train = link(x)
    numpy.testing.assert_allclose(y_eval.array, y_train.array, rtol=1e-6)
    assert not numpy.allclose(link.W_u, u)


def test_lazy_linear_is_initialized_by_the_hook():
    link = L.Linear(3).add_hook(SpectralNormalization())
    assert not hasattr(link, 'W_u')
    y = link(_x((2, 2, 5)))
    assert link.W.shape == (3, 10) and link.W_u.shape == (3,) and y.shape == (2, 3)


def test_use_gamma_and_factor():
    link = L.Linear(5, 3).add_hook(SpectralNormalization(use_gamma=True, factor=2.0))
    s = numpy.linalg.svd(link.W.array, compute_uv=False)
    numpy.testing.assert_allclose(link.gamma.array, s[0], rtol=1e-5)
    assert [n for n, _ in link.namedparams()] == ['/W', '/b', '/gamma']
    link.gamma.array[...] = 3.0
    u, _, sigma = _one_iteration(link.W.array, link.W_u.copy())
    x = _x((2, 5))
    numpy.testing.assert_allclose(link(x).array, x @ (3.0 * 2.0 * link.W.array / sigma).T,
                                  rtol=1e-4, atol=1e-6)
    link.delete_hook('SpectralNormalization')
    assert not hasattr(link, 'gamma') or link.gamma is None


def test_cannot_be_used_globally():
    with pytest.raises(NotImplementedError):
        with SpectralNormalization():
            pass


@pytest.mark.parametrize('case', sorted(CASES))
def test_gradients(case):
    make, shape, axis = CASES[case]
    link = to_float64(make())
    link.W.array = _with_gap(link.W.array, axis)
    link.add_hook(SpectralNormalization(n_power_iteration=30))
    link(_x(shape))  # NOTE: converge u so that sigma is stationary in u and v

    def f(x):
        with minigan.using_config('train', False):
            return link(x)

    x = _x(shape, seed=1)
    gy = numpy.random.RandomState(2).normal(size=f(x).shape)
    check_backward(f, x, gy, params=(link.W, link.b), atol=1e-4)
    check_double_backward(f, x, gy, _x(shape, seed=3))

    def gx(x):  # the path of a gradient penalty: d/dW of dL/dx
        gx, = minigan.grad([f(x)], [x], grad_outputs=[minigan.Variable(gy)],
                           enable_double_backprop=True)
        return gx

    # NOTE: not d2L/dW2: u and v are constants in backward but move with W numerically.
    check_backward(gx, x, _x(shape, seed=3), params=(link.W,), atol=1e-4)


def test_gradient_reaches_W_through_sigma():
    link = to_float64(L.Linear(4, 3, nobias=True))
    link.add_hook(SpectralNormalization())
    x = _x((2, 4)).astype(numpy.float64)
    with minigan.using_config('train', False):
        F.sum(link(x)).backward()
    u, v, sigma = _one_iteration(link.W.array, link.W_u.astype(numpy.float64))
    gW_sn = numpy.ones((2, 3)).T @ x  # d sum(x W_sn^T) / d W_sn
    expected = gW_sn / sigma - (gW_sn * link.W.array).sum() / sigma ** 2 * numpy.outer(u, v)
    numpy.testing.assert_allclose(link.W.grad, expected, rtol=1e-4)


def _svd_case(case):
    """A float64 link whose W has a clear top singular value, u random, and its (U, S, V)."""
    make, shape, axis = CASES[case]
    link = to_float64(make())
    link.W.array = _with_gap(link.W.array, axis)
    link.add_hook(SpectralNormalization())
    link.W_u[...] = numpy.random.RandomState(5).normal(size=link.W_u.shape)
    U, S, Vt = numpy.linalg.svd(_matrix(link.W.array, axis))
    return link, shape, axis, U[:, 0], S[0]


def _same_direction(a, b):
    return abs(abs(a @ b) / (numpy.linalg.norm(a) * numpy.linalg.norm(b)) - 1)


@pytest.mark.parametrize('case', sorted(CASES))
def test_train_mode_converges_to_the_svd(case):
    # NOTE: the matrix is W with its OUTPUT axis first (axis 1 of a deconvolution's
    # (in, out, kh, kw)); the wrong axis has other singular values and fails here.
    link, shape, axis, u_svd, s_max = _svd_case(case)
    assert link.W_u.shape == u_svd.shape
    x = _x(shape).astype(numpy.float64)
    W = link.W.array.copy()
    for _ in range(40):
        u_before = link.W_u.copy()
        y = link(x)
        u_step, _, _ = _one_iteration(_matrix(W, axis), u_before)
        numpy.testing.assert_allclose(link.W_u, u_step, rtol=1e-12, atol=1e-14)
    assert _same_direction(link.W_u, u_svd) < 1e-10
    link.delete_hook('SpectralNormalization')
    link.W.array = W / s_max
    numpy.testing.assert_allclose(y.array, link(x).array, rtol=1e-5, atol=1e-10)


@pytest.mark.parametrize('case', sorted(CASES))
def test_test_mode_divides_by_the_svd_sigma_and_keeps_u(case):
    link, shape, axis, u_svd, s_max = _svd_case(case)
    link.W_u[...] = u_svd * 3.0  # NOTE: converged up to scale, as training leaves it
    hook = link.local_link_hooks['SpectralNormalization']
    u = link.W_u.copy()
    with minigan.using_config('train', False):
        W_sn = hook.normalized_weight(link).array
        y = link(_x(shape).astype(numpy.float64))
    numpy.testing.assert_array_equal(link.W_u, u)
    numpy.testing.assert_allclose(W_sn, link.W.array / s_max, rtol=1e-5)
    numpy.testing.assert_allclose(numpy.linalg.svd(_matrix(W_sn, axis), compute_uv=False)[0],
                                  1.0, rtol=1e-5)
    assert y.shape[0] == shape[0]
