import numpy
import pytest

from minigan import datasets


def test_sub_dataset_view_and_negative_index():
    base = numpy.arange(10) * 3
    sub = datasets.SubDataset(base, 2, 6)
    assert len(sub) == 4
    assert [int(sub[i]) for i in range(4)] == [6, 9, 12, 15]
    assert sub[-1] == 15
    with pytest.raises(IndexError):
        sub[4]
    with pytest.raises(IndexError):
        sub[-5]


def test_sub_dataset_with_order():
    base = numpy.arange(5)
    order = numpy.array([4, 3, 2, 1, 0])
    sub = datasets.SubDataset(base, 1, 3, order)
    assert [int(v) for v in sub[0:2]] == [3, 2]
    with pytest.raises(ValueError):
        datasets.SubDataset(base, 0, 2, order[:3])
    with pytest.raises(ValueError):
        datasets.SubDataset(base, 0, 6)


def test_split_dataset():
    base = numpy.arange(7)
    a, b = datasets.split_dataset(base, 3)
    assert [int(v) for v in a[:]] == [0, 1, 2]
    assert [int(v) for v in b[:]] == [3, 4, 5, 6]
    with pytest.raises(TypeError):
        datasets.split_dataset(base, 2.5)
    with pytest.raises(ValueError):
        datasets.split_dataset(base, 8)


def test_split_dataset_random_is_a_seeded_partition():
    base = numpy.arange(20)
    a, b = datasets.split_dataset_random(base, 12, seed=3)
    expected = numpy.random.RandomState(3).permutation(20)
    assert [int(v) for v in a[:]] == expected[:12].tolist()
    assert sorted(int(v) for v in list(a[:]) + list(b[:])) == list(range(20))
    a2, _ = datasets.split_dataset_random(base, 12, seed=3)
    assert [int(v) for v in a2[:]] == [int(v) for v in a[:]]
