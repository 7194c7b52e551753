"""CuPy runs of the activation functions must match NumPy (on a GPU, and emulated on the CPU)."""
import pytest

import minigan.functions as F

from tests.functions_tests.cupy_helpers import (
    DEVICES, assert_cupy_matches_numpy, signed as _signed)


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


@pytest.mark.parametrize('device', DEVICES)
@pytest.mark.parametrize('name', sorted(CASES))
def test_cupy_matches_numpy(name, device):
    assert_cupy_matches_numpy(*CASES[name], device)
