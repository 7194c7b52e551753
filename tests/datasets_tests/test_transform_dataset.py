import numpy

from minigan import datasets


def test_transform_dataset_applies_lazily():
    calls = []

    def transform(example):
        calls.append(example)
        return example * 2

    d = datasets.TransformDataset(numpy.arange(4), transform)
    assert len(d) == 4
    assert calls == []
    assert d[3] == 6
    assert [int(v) for v in d[1:3]] == [2, 4]
    assert [int(v) for v in d[[0, 3]]] == [0, 6]
    assert len(calls) == 5
