"""Shared by the test_cupy.py files: run a function on NumPy and on CuPy and compare."""
import numpy

import minigan
from minigan import Variable
from minigan.backend import cuda

RNG = numpy.random.RandomState(0)


def signed(*shape):
    """float32 values with |x| in [0.2, 1]: away from every kink at 0."""
    return (RNG.uniform(0.2, 1.0, shape) * RNG.choice([-1, 1], shape)).astype(numpy.float32)


def run(func, arrays, send):
    """Outputs and input gradients of ``func`` on ``arrays`` sent to a device, as NumPy."""
    xs = [Variable(send(a)) for a in arrays]
    ys = func(*xs)
    ys = ys if isinstance(ys, tuple) else (ys,)
    targets = [x for x in xs if x.dtype.kind == 'f']
    grads = minigan.grad(list(ys), targets)
    assert all(y.dtype == numpy.float32 for y in ys if y.dtype.kind == 'f')
    return ([cuda.to_cpu(y.array) for y in ys],
            [None if g is None else cuda.to_cpu(g.array) for g in grads])


def assert_cupy_matches_numpy(func, arrays):
    ys_cpu, gs_cpu = run(func, arrays, cuda.to_cpu)
    ys_gpu, gs_gpu = run(func, arrays, cuda.to_gpu)
    for a, b in zip(ys_cpu + gs_cpu, ys_gpu + gs_gpu):
        if a is None:
            assert b is None
        else:
            numpy.testing.assert_allclose(b, a, rtol=1e-5, atol=1e-6)
