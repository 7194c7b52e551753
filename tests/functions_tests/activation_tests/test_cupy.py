"""CuPy runs of the activation functions must match NumPy (skipped without a GPU)."""
import pytest

import minigan.functions as F
from minigan.backend import cuda

from tests.functions_tests.cupy_helpers import assert_cupy_matches_numpy, signed as _signed

pytestmark = pytest.mark.skipif(not cuda.available(), reason='needs CuPy and a GPU')


CASES = {
    'relu': (F.relu, [_signed(3, 4)]),
    'leaky_relu': (F.leaky_relu, [_signed(3, 4)]),
    'leaky_relu_negative_slope': (lambda x: F.leaky_relu(x, -0.5), [_signed(3, 4)]),
    'tanh': (F.tanh, [_signed(3, 4)]),
    'sigmoid': (F.sigmoid, [_signed(3, 4)]),
    'softplus': (lambda x: F.softplus(x, 2.0), [_signed(3, 4)]),
    'softmax': (lambda x: F.softmax(x) * x, [_signed(3, 4)]),
    'log_softmax': (lambda x: F.log_softmax(x) * x, [_signed(3, 4)]),
    'elu': (F.elu, [_signed(3, 4)]),
}


@pytest.mark.parametrize('name', sorted(CASES))
def test_cupy_matches_numpy(name):
    assert_cupy_matches_numpy(*CASES[name])
