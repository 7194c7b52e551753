"""CuPy runs of the loss functions must match NumPy (skipped without a GPU)."""
import numpy
import pytest

import minigan
import minigan.functions as F
from minigan import Variable
from minigan.backend import cuda

pytestmark = pytest.mark.skipif(not cuda.available(), reason='needs CuPy and a GPU')
RNG = numpy.random.RandomState(0)


def _signed(*shape):
    """float32 values with |x| in [0.2, 1]: away from every kink at 0."""
    return (RNG.uniform(0.2, 1.0, shape) * RNG.choice([-1, 1], shape)).astype(numpy.float32)


def _run(func, arrays, send):
    xs = [Variable(send(a)) for a in arrays]
    ys = func(*xs)
    ys = ys if isinstance(ys, tuple) else (ys,)
    targets = [x for x in xs if x.dtype.kind == 'f']
    grads = minigan.grad(list(ys), targets)
    assert all(y.dtype == numpy.float32 for y in ys if y.dtype.kind == 'f')
    return ([cuda.to_cpu(y.array) for y in ys],
            [None if g is None else cuda.to_cpu(g.array) for g in grads])


LABELS = numpy.array([1, 0, -1, 2], numpy.int32)
CASES = {
    'sigmoid_cross_entropy': (F.sigmoid_cross_entropy,
                              [_signed(4), numpy.array([1, 0, -1, 1], numpy.int32)]),
    'softmax_cross_entropy': (F.softmax_cross_entropy, [_signed(4, 3), LABELS]),
    'softmax_cross_entropy_no_reduce':
        (lambda x, t: F.softmax_cross_entropy(x, t, reduce='no'), [_signed(4, 3), LABELS]),
    'mean_squared_error': (F.mean_squared_error, [_signed(3, 4), _signed(3, 4)]),
    'mean_absolute_error': (F.mean_absolute_error, [_signed(3, 4), _signed(3, 4) * 0.1]),
    'hinge': (F.hinge, [_signed(4, 3) * 0.5, numpy.array([1, 0, 2, 2], numpy.int32)]),
}


@pytest.mark.parametrize('name', sorted(CASES))
def test_cupy_matches_numpy(name):
    func, arrays = CASES[name]
    ys_cpu, gs_cpu = _run(func, arrays, cuda.to_cpu)
    ys_gpu, gs_gpu = _run(func, arrays, cuda.to_gpu)
    for a, b in zip(ys_cpu + gs_cpu, ys_gpu + gs_gpu):
        if a is None:
            assert b is None
        else:
            numpy.testing.assert_allclose(b, a, rtol=1e-5, atol=1e-6)
