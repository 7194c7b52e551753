"""CuPy runs of the loss functions must match NumPy (on a GPU, and emulated on the CPU)."""
import numpy
import pytest

import minigan.functions as F

from tests.functions_tests.cupy_helpers import (
    DEVICES, assert_cupy_matches_numpy, signed as _signed)


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


@pytest.mark.parametrize('device', DEVICES)
@pytest.mark.parametrize('name', sorted(CASES))
def test_cupy_matches_numpy(name, device):
    assert_cupy_matches_numpy(*CASES[name], device)
