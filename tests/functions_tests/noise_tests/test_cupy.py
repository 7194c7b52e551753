"""CuPy runs of the noise functions must match NumPy (skipped without a GPU)."""
import numpy
import pytest

import minigan.functions as F
from minigan import Variable
from minigan.backend import cuda

from tests.functions_tests.cupy_helpers import RNG, assert_cupy_matches_numpy, signed as _signed

pytestmark = pytest.mark.skipif(not cuda.available(), reason='needs CuPy and a GPU')


CASES = {
    'dropout': (lambda x, m: F.dropout(x, 0.5, mask=m.array),
                [_signed(3, 4), (RNG.rand(3, 4) > 0.5).astype(numpy.float32) * 2]),
    'gaussian': (lambda m, v, e: F.gaussian(m, v, eps=e.array),
                 [_signed(3, 4), _signed(3, 4), _signed(3, 4)]),
}


@pytest.mark.parametrize('name', sorted(CASES))
def test_cupy_matches_numpy(name):
    assert_cupy_matches_numpy(*CASES[name])


def test_random_draws_run_on_the_gpu():
    x = Variable(cuda.to_gpu(numpy.ones((50, 40), numpy.float32)))
    y = F.dropout(x, 0.25)
    z = F.gaussian(x, x)
    assert y.dtype == numpy.float32 and z.dtype == numpy.float32
    assert abs(float((y.array == 0).mean()) - 0.25) < 0.05
