"""CuPy runs of the noise functions must match NumPy (on a GPU, and emulated on the CPU)."""
import numpy
import pytest

import minigan.functions as F
from minigan import Variable

from tests.functions_tests.cupy_helpers import (
    DEVICES, RNG, assert_cupy_matches_numpy, signed as _signed)


CASES = {
    'dropout': (lambda x, m: F.dropout(x, 0.5, mask=m.array),
                [_signed(3, 4), (RNG.rand(3, 4) > 0.5).astype(numpy.float32) * 2]),
    'gaussian': (lambda m, v, e: F.gaussian(m, v, eps=e.array),
                 [_signed(3, 4), _signed(3, 4), _signed(3, 4)]),
}


@pytest.mark.parametrize('device', DEVICES)
@pytest.mark.parametrize('name', sorted(CASES))
def test_cupy_matches_numpy(name, device):
    assert_cupy_matches_numpy(*CASES[name], device)


@pytest.mark.parametrize('device', DEVICES)
def test_random_draws_run_on_the_gpu(device):
    send, context = device
    with context():
        x = Variable(send(numpy.ones((50, 40), numpy.float32)))
        y = F.dropout(x, 0.25)
        z = F.gaussian(x, x)
    assert y.dtype == numpy.float32 and z.dtype == numpy.float32
    assert abs(float((y.array == 0).mean()) - 0.25) < 0.05
