"""CuPy runs of the array functions must match NumPy (skipped without a GPU)."""
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


CASES = {
    'concat': (lambda a, b: F.concat((a, b)), [_signed(2, 3), _signed(2, 2)]),
    'stack': (lambda a, b: F.stack((a, b), axis=1), [_signed(2, 3), _signed(2, 3)]),
    'split_axis': (lambda x: F.split_axis(x, [1], 1), [_signed(2, 3)]),
    'expand_dims': (lambda x: F.expand_dims(x, 1), [_signed(2, 3)]),
    'squeeze': (F.squeeze, [_signed(2, 1, 3)]),
    'flatten': (F.flatten, [_signed(2, 3)]),
    'tile': (lambda x: F.tile(x, (2, 3)), [_signed(2, 3)]),
    'repeat': (lambda x: F.repeat(x, 2, 1), [_signed(2, 3)]),
    'repeat_list': (lambda x: F.repeat(x, [2, 0, 1], 1), [_signed(2, 3)]),
    'where': (lambda x, y: F.where(x.array > 0, x, y), [_signed(2, 3), _signed(2, 3)]),
    'pad': (lambda x: F.pad(x, ((0, 1), (2, 0)), constant_values=0.5), [_signed(2, 3)]),
    'depth2space': (lambda x: F.depth2space(x, 2), [_signed(1, 8, 2, 3)]),
    'space2depth': (lambda x: F.space2depth(x, 2), [_signed(1, 2, 4, 6)]),
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
