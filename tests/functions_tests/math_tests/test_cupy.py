"""CuPy runs of the math functions must match NumPy (skipped without a GPU)."""
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


def _distinct(*shape):
    """float32 values without ties, so max and min have one winner."""
    return (RNG.permutation(int(numpy.prod(shape))).reshape(shape) * 0.1).astype(numpy.float32)


def _run(func, arrays, send):
    xs = [Variable(send(a)) for a in arrays]
    ys = func(*xs)
    ys = ys if isinstance(ys, tuple) else (ys,)
    targets = [x for x in xs if x.dtype.kind == 'f']
    grads = minigan.grad(list(ys), targets)
    assert all(y.dtype == numpy.float32 for y in ys if y.dtype.kind == 'f')
    return ([cuda.to_cpu(y.array) for y in ys],
            [None if g is None else cuda.to_cpu(g.array) for g in grads])


CASES = {
    'sqrt': (F.sqrt, [RNG.uniform(0.5, 2, (3, 4)).astype(numpy.float32)]),
    'rsqrt': (F.rsqrt, [RNG.uniform(0.5, 2, (3, 4)).astype(numpy.float32)]),
    'square': (F.square, [_signed(3, 4)]),
    'absolute': (F.absolute, [_signed(3, 4)]),
    'maximum': (F.maximum, [_signed(3, 4), _signed(3, 4) * 0.5]),
    'minimum': (F.minimum, [_signed(3, 4), _signed(3, 4) * 0.5]),
    'clip': (lambda x: F.clip(x, -0.5, 0.5), [_signed(3, 4)]),
    'max': (lambda x: F.max(x, axis=1), [_distinct(3, 4)]),
    'min': (lambda x: F.min(x), [_distinct(3, 4)]),
    'average': (lambda x, w: F.average(x, axis=1, weights=w),
                [_signed(3, 4), RNG.uniform(0.5, 1, 4).astype(numpy.float32)]),
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
