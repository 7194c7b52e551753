import numpy

import minigan
from minigan import links as L
from minigan.testing import check_backward, check_double_backward
from tests.links_tests.helpers import load, save, to_float64


def _x(shape, seed=9):
    return numpy.random.RandomState(seed).uniform(-1, 1, shape).astype(numpy.float32)


def _reference(link, x):
    """The SAGAN block as a loop over images and positions."""
    n, c, h, w = x.shape
    Wq, Wk, Wv = (conv.W.array[:, :, 0, 0] for conv in (link.query, link.key, link.value))
    y = numpy.empty_like(x, dtype=numpy.float64)
    for b in range(n):
        feats = x[b].reshape(c, h * w)
        q, k, v = Wq @ feats, Wk @ feats, Wv @ feats
        out = numpy.zeros((c, h * w))
        for i in range(h * w):
            scores = numpy.array([q[:, i] @ k[:, j] for j in range(h * w)])
            a = numpy.exp(scores - scores.max())
            a /= a.sum()
            out[:, i] = v @ a
        y[b] = feats.reshape(c, h, w) + link.gamma.array * out.reshape(c, h, w)
    return y


def test_structure():
    link = L.SelfAttention(16)
    assert link.query.W.shape == (2, 16, 1, 1) and link.key.W.shape == (2, 16, 1, 1)
    assert link.value.W.shape == (16, 16, 1, 1)
    assert link.gamma.shape == () and link.gamma.array == 0
    assert [n for n, _ in link.namedparams()] == [
        '/gamma', '/query/W', '/key/W', '/value/W']


def test_starts_as_identity():
    link = L.SelfAttention(8)
    x = _x((2, 8, 3, 3))
    y = link(x)
    assert y.shape == x.shape
    numpy.testing.assert_array_equal(y.array, x)


def test_forward_against_loop():
    link = L.SelfAttention(8, ratio=4)
    link.gamma.array[...] = 0.7
    x = _x((2, 8, 2, 3))
    numpy.testing.assert_allclose(link(x).array, _reference(link, x), rtol=1e-4, atol=1e-5)


def test_gradients():
    link = to_float64(L.SelfAttention(4, ratio=2))
    link.gamma.array[...] = 0.5
    x, gy = _x((2, 4, 2, 2)), _x((2, 4, 2, 2), seed=1)
    params = tuple(link.params())
    check_backward(link, x, gy, params=params)
    check_double_backward(link, x, gy, _x((2, 4, 2, 2), seed=2), params=params)


def test_spectral_norm_option_and_serialize():
    link = L.SelfAttention(8, sn=True)
    for conv in (link.query, link.key, link.value):
        assert 'SpectralNormalization' in conv.local_link_hooks
    link.gamma.array[...] = 1.0
    x = _x((1, 8, 2, 2))
    with minigan.using_config('train', False):
        y = link(x)
    saved = save(link)
    assert sorted(saved) == ['gamma', 'key/W', 'key/W_u', 'query/W', 'query/W_u',
                             'value/W', 'value/W_u']
    fresh = L.SelfAttention(8, sn=True)
    load(fresh, saved)
    with minigan.using_config('train', False):
        numpy.testing.assert_allclose(fresh(x).array, y.array, rtol=1e-6)
    deep = link.copy('copy')
    with minigan.using_config('train', False):
        numpy.testing.assert_allclose(deep(x).array, y.array, rtol=1e-6)


def _softmax(a, axis):
    e = numpy.exp(a - a.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def _sn_matrix(conv):
    """W[:, :, 0, 0] / sigma after the hook's one power-iteration step from W_u (float64)."""
    W = conv.W.array[:, :, 0, 0].astype(numpy.float64)
    v = W.T @ conv.W_u
    v /= numpy.linalg.norm(v) + 1e-6
    u = W @ v
    u /= numpy.linalg.norm(u) + 1e-6
    return W / (u @ W @ v), u


def test_spectral_norm_attention_against_numpy_formula_in_train_mode():
    # y = x + gamma V A^T, A = softmax over keys j of Q^T K: A[i, j] is how much query
    # position i attends to key position j; every weight divided by its own sigma.
    numpy.random.seed(3)
    link = L.SelfAttention(16, sn=True)
    link.gamma.array[...] = 0.7
    x = _x((2, 16, 3, 5))
    (Wq, uq), (Wk, uk), (Wv, uv) = (_sn_matrix(c) for c in (link.query, link.key, link.value))
    feats = x.reshape(2, 16, 15).astype(numpy.float64)
    q, k, v = (numpy.einsum('oc,ncp->nop', W, feats) for W in (Wq, Wk, Wv))
    A = _softmax(numpy.einsum('nci,ncj->nij', q, k), axis=2)
    expected = x + 0.7 * numpy.einsum('ncj,nij->nci', v, A).reshape(x.shape)
    y = link(x)
    numpy.testing.assert_allclose(y.array, expected, rtol=1e-4, atol=1e-5)
    for conv, u in ((link.query, uq), (link.key, uk), (link.value, uv)):
        numpy.testing.assert_allclose(conv.W_u, u, rtol=1e-5, atol=1e-6)  # u moved in train


def test_each_query_position_mixes_values_of_every_key_position():
    link = L.SelfAttention(8, ratio=2)
    link.gamma.array[...] = 1.0
    x = _x((1, 8, 2, 2))
    base = link(x).array
    moved = x.copy()
    moved[0, :, 1, 1] += 1.0  # NOTE: one key/value position changes ...
    diff = numpy.abs(link(moved).array - base).sum(axis=1)[0]
    assert (diff > 1e-4).all()  # ... and every output position feels it
