"""CuPy runs of the array functions must match NumPy (on a GPU, and emulated on the CPU)."""
import pytest

import minigan.functions as F

from tests.functions_tests.cupy_helpers import (
    DEVICES, assert_cupy_matches_numpy, signed as _signed)


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


@pytest.mark.parametrize('device', DEVICES)
@pytest.mark.parametrize('name', sorted(CASES))
def test_cupy_matches_numpy(name, device):
    assert_cupy_matches_numpy(*CASES[name], device)
