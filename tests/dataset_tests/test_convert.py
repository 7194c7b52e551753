import numpy
import pytest

import minigan
from minigan import dataset


def test_concat_arrays():
    batch = [numpy.full((2, 3), i, numpy.float32) for i in range(4)]
    x = dataset.concat_examples(batch)
    assert x.shape == (4, 2, 3) and x.dtype == numpy.float32
    numpy.testing.assert_array_equal(x, numpy.stack(batch))


def test_concat_tuples_with_scalar_labels():
    batch = [(numpy.arange(3) + i, i) for i in range(5)]
    x, t = dataset.concat_examples(batch)
    numpy.testing.assert_array_equal(x, numpy.arange(3)[None] + numpy.arange(5)[:, None])
    numpy.testing.assert_array_equal(t, numpy.arange(5))
    assert t.dtype.kind == 'i'


def test_concat_dicts():
    batch = [{'x': numpy.ones(2) * i, 'y': numpy.float32(i)} for i in range(3)]
    out = dataset.concat_examples(batch)
    assert set(out) == {'x', 'y'}
    numpy.testing.assert_array_equal(out['x'][:, 0], [0, 1, 2])
    numpy.testing.assert_array_equal(out['y'], [0, 1, 2])


def test_concat_with_padding():
    batch = [(numpy.ones((1, 3)), numpy.arange(2)), (numpy.ones((2, 1)) * 2, numpy.arange(4))]
    x, t = dataset.concat_examples(batch, padding=(-1, 0))
    expected_x = numpy.array([[[1, 1, 1], [-1, -1, -1]], [[2, -1, -1], [2, -1, -1]]])
    numpy.testing.assert_array_equal(x, expected_x)
    numpy.testing.assert_array_equal(t, [[0, 1, 0, 0], [0, 1, 2, 3]])


def test_concat_rejects_empty_and_to_device_cpu():
    with pytest.raises(ValueError):
        dataset.concat_examples([])
    x = numpy.arange(3)
    assert dataset.to_device(None, x) is x
    assert dataset.to_device(-1, x) is x
    y = dataset.concat_examples([x, x], device='@numpy')
    assert isinstance(y, numpy.ndarray) and y.shape == (2, 3)


@pytest.mark.skipif(not minigan.backend.cuda.available(), reason='no GPU with CuPy here')
def test_concat_examples_sends_to_gpu():
    cupy = minigan.backend.cuda.get_cupy()
    batch = [(numpy.full(2, i, numpy.float32), i) for i in range(3)]
    x, t = dataset.concat_examples(batch, device=0)
    assert isinstance(x, cupy.ndarray) and isinstance(t, cupy.ndarray)
    numpy.testing.assert_array_equal(cupy.asnumpy(x), [[0, 0], [1, 1], [2, 2]])
    padded = dataset.concat_examples([cupy.ones(1), cupy.ones(3)], padding=0)
    numpy.testing.assert_array_equal(cupy.asnumpy(padded), [[1, 0, 0], [1, 1, 1]])
