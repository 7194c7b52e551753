"""CuPy runs of the pooling functions must match NumPy (on a GPU, and emulated on the CPU)."""
import numpy
import pytest

import minigan
import minigan.functions as F
from minigan import Variable
from minigan.backend import cuda

from tests.functions_tests.cupy_helpers import DEVICES

X = numpy.random.RandomState(0).permutation(2 * 3 * 5 * 5).reshape(2, 3, 5, 5).astype(
    numpy.float32) * 0.1

CASES = {
    'average_pooling_2d_tiled': lambda x: F.average_pooling_2d(x[:, :, :4, :4], 2),
    'average_pooling_2d_padded': lambda x: F.average_pooling_2d(x, 3, 2, 1),
    'max_pooling_2d_tiled': lambda x: F.max_pooling_2d(x[:, :, :4, :4], 2),
    'max_pooling_2d_cover_all': lambda x: F.max_pooling_2d(x, 3, 2, 1),
    'unpooling_2d_nearest': lambda x: F.unpooling_2d(x, 2, cover_all=False),
    'unpooling_2d_cover_all': lambda x: F.unpooling_2d(x, 3, 2, 1),
}


def _run(func, send):
    x = Variable(send(X))
    y = func(x)
    gx, = minigan.grad([y], [x], grad_outputs=[y.xp.arange(y.size, dtype=y.dtype).reshape(
        y.shape)])
    assert y.dtype == numpy.float32
    return cuda.to_cpu(y.array), cuda.to_cpu(gx.array)


@pytest.mark.parametrize('device', DEVICES)
@pytest.mark.parametrize('name', sorted(CASES))
def test_cupy_matches_numpy(name, device):
    send, context = device
    expected = _run(CASES[name], cuda.to_cpu)
    with context():
        got = _run(CASES[name], send)
    for a, b in zip(expected, got):
        numpy.testing.assert_allclose(b, a, rtol=1e-5, atol=1e-5)
