import numpy
import pytest

from minigan import datasets


def test_tuple_dataset_indexing():
    x = numpy.arange(10).reshape(5, 2)
    t = numpy.arange(5) * 10
    d = datasets.TupleDataset(x, t)
    assert len(d) == 5
    xi, ti = d[3]
    numpy.testing.assert_array_equal(xi, [6, 7])
    assert ti == 30
    sliced = d[1:4:2]
    assert len(sliced) == 2
    numpy.testing.assert_array_equal(sliced[1][0], x[3])
    assert sliced[1][1] == t[3]
    listed = d[[4, 0]]
    assert [int(b) for _, b in listed] == [40, 0]


def test_tuple_dataset_rejects_mismatched_lengths():
    with pytest.raises(ValueError, match='length'):
        datasets.TupleDataset(numpy.zeros(3), numpy.zeros(4))
    with pytest.raises(ValueError):
        datasets.TupleDataset()
