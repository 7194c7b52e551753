"""EqualizedLearningRate: c W at every call, W itself untouched, fan_in by the link's layout."""
import math

import numpy
import pytest

import minigan
from minigan import links as L
from minigan.link_hooks import EqualizedLearningRate


@pytest.mark.parametrize('make, x_shape, fan_in', [
    (lambda: L.Linear(6, 4), (2, 6), 6),
    (lambda: L.Convolution2D(3, 4, 3, 1, 1), (2, 3, 4, 4), 27),
    (lambda: L.Deconvolution2D(3, 2, 4, 2, 1), (2, 3, 2, 2), 48),
])
def test_call_uses_c_times_w_and_leaves_w_as_it_was(make, x_shape, fan_in):
    numpy.random.seed(0)
    plain, hooked = make(), make()
    hooked.copyparams(plain)
    hook = EqualizedLearningRate(gain=2.0)
    hooked.add_hook(hook)
    assert hook.scale(hooked) == pytest.approx(2.0 / math.sqrt(fan_in))
    x = numpy.random.RandomState(1).normal(size=x_shape).astype(numpy.float32)
    W = hooked.W
    y = hooked(x)
    assert hooked.W is W and isinstance(W, minigan.Parameter)
    plain.W.array *= numpy.float32(hook.scale(hooked))
    numpy.testing.assert_allclose(y.array, plain(x).array, rtol=1e-6, atol=1e-6)


def test_the_gradient_reaches_the_stored_weight_scaled_by_c():
    link = L.Linear(3, 1, nobias=True).add_hook(EqualizedLearningRate(gain=1.0))
    x = numpy.ones((1, 3), numpy.float32)
    link(x).backward()
    numpy.testing.assert_allclose(link.W.grad, numpy.full((1, 3), 1 / math.sqrt(3)), rtol=1e-6)


def test_lazy_links_are_initialized_on_first_call_and_global_use_is_refused():
    link = L.Linear(None, 2).add_hook(EqualizedLearningRate())
    assert link.local_link_hooks['EqualizedLearningRate'].scale(link) is None
    assert link(numpy.zeros((1, 5), numpy.float32)).shape == (1, 2)
    with pytest.raises(NotImplementedError):
        with EqualizedLearningRate():
            pass
