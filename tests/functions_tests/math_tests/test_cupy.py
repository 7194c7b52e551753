"""CuPy runs of the math functions must match NumPy (on a GPU, and emulated on the CPU)."""
import numpy
import pytest

import minigan.functions as F

from tests.functions_tests.cupy_helpers import (
    DEVICES, RNG, assert_cupy_matches_numpy, signed as _signed)


def _distinct(*shape):
    """float32 values without ties, so max and min have one winner."""
    return (RNG.permutation(int(numpy.prod(shape))).reshape(shape) * 0.1).astype(numpy.float32)


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


@pytest.mark.parametrize('device', DEVICES)
@pytest.mark.parametrize('name', sorted(CASES))
def test_cupy_matches_numpy(name, device):
    assert_cupy_matches_numpy(*CASES[name], device)
