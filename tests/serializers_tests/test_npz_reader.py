"""Checkpoints are data: npz headers before data, pickles refused, nothing half-loaded."""
import os

import numpy
import pytest

from minigan import serializers
from minigan.serializers import npz_reader


class Node:
    def __init__(self, shape=(2, 3)):
        self.W = numpy.arange(numpy.prod(shape), dtype=numpy.float32).reshape(shape)
        self.b = numpy.zeros(3, numpy.float32)
        self.count = 3

    def serialize(self, serializer):
        self.W = serializer('W', self.W)
        self.b = serializer('b', self.b)
        self.count = serializer('count', self.count)


class Payload:
    """Unpickling this object creates a folder: proof that a pickle was executed."""

    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return os.mkdir, (self.marker,)


def write(path, **arrays):
    with open(path, 'wb') as f:
        numpy.savez(f, **arrays)
    return str(path)


def test_a_pickled_array_is_refused_and_never_executed(tmp_path):
    marker = str(tmp_path / 'executed')
    path = write(tmp_path / 'evil.npz', W=numpy.array([Payload(marker)], dtype=object),
                 b=numpy.ones(3, 'f'), count=numpy.asarray(1))
    node = Node()
    with pytest.raises(serializers.NpzFileError, match='evil.npz holds pickled data; not loaded'):
        serializers.load_npz(path, node)
    assert not os.path.exists(marker)
    numpy.testing.assert_array_equal(node.b, 0)  # b was not loaded either: all or nothing


def test_one_pickled_weight_refuses_the_whole_file(tmp_path):
    good = Node()
    good.W += 10
    arrays = {'W': numpy.array(good.W, dtype=object), 'b': good.b + 1, 'count': 7}
    path = write(tmp_path / 'mixed.npz', **arrays)
    node = Node()
    with pytest.raises(serializers.NpzFileError, match='pickled data'):
        serializers.load_npz(path, node)
    assert node.count == 3 and not node.b.any()


@pytest.mark.parametrize('content, says', [
    (b'hello, this is text\n', 'not an npz file'),
    (b'', 'is empty'),
    (b'\x93NUMPY\x01\x00', 'single .npy array'),
])
def test_a_file_that_is_no_npz_says_what_it_is(tmp_path, content, says):
    path = tmp_path / 'x.npz'
    path.write_bytes(content)
    with pytest.raises(serializers.NpzFileError) as info:
        serializers.load_npz(str(path), Node())
    assert says in str(info.value) and 'pickle' not in str(info.value)


def test_a_truncated_npz_is_called_damaged(tmp_path):
    path = tmp_path / 'model.npz'
    serializers.save_npz(path, Node((200, 300)))
    data = path.read_bytes()
    path.write_bytes(data[:len(data) // 2])
    with pytest.raises(serializers.NpzFileError, match='damaged or truncated'):
        serializers.load_npz(str(path), Node((200, 300)))


def test_a_corrupt_member_is_called_damaged(tmp_path):
    path = tmp_path / 'model.npz'
    serializers.save_npz(path, Node((200, 300)))
    data = bytearray(path.read_bytes())
    middle = len(data) // 3
    data[middle:middle + 64] = bytes(64)
    path.write_bytes(bytes(data))
    with pytest.raises(serializers.NpzFileError, match='damaged'):
        serializers.load_npz(str(path), Node((200, 300)))


def test_shapes_are_read_from_the_header_before_the_data(tmp_path, monkeypatch):
    path = tmp_path / 'big.npz'
    with open(path, 'wb') as f:
        numpy.savez_compressed(f, W=numpy.zeros((2000, 2000), 'f'), b=numpy.zeros(3, 'f'),
                               count=numpy.asarray(1))
    assert path.stat().st_size < 100000
    read = []
    real_read_array = npz_reader.npy_format.read_array
    monkeypatch.setattr(npz_reader.npy_format, 'read_array',
                        lambda f, **kw: read.append(1) or real_read_array(f, **kw))
    with pytest.raises(serializers.NpzMismatchError) as info:
        serializers.load_npz(str(path), Node())
    assert "'W' is (2000, 2000) in the file, (2, 3) here" in str(info.value)
    assert read == []  # not one array was decompressed


def test_a_mismatch_counts_missing_and_reshaped_arrays_and_changes_nothing(tmp_path):
    path = write(tmp_path / 'other.npz', W=numpy.ones((3, 3), 'f'), count=numpy.asarray(9))
    node = Node()
    with pytest.raises(serializers.NpzMismatchError) as info:
        serializers.load_npz(path, node)
    error = info.value
    assert isinstance(error, KeyError) and isinstance(error, ValueError)
    assert error.missing == ['b'] and error.mismatched == [('W', (3, 3), (2, 3))]
    assert str(error).startswith(path + ' does not fit')
    assert node.count == 3 and node.W[0, 1] == 1


def test_reader_headers_and_arrays(tmp_path):
    path = write(tmp_path / 'a.npz', x=numpy.arange(6, dtype='i2').reshape(2, 3),
                 f=numpy.asfortranarray(numpy.ones((2, 4))))
    with serializers.NpzReader(path) as reader:
        assert sorted(reader) == ['f', 'x'] and len(reader) == 2 and 'x' in reader
        assert reader.header('x') == ((2, 3), numpy.dtype('i2'))
        numpy.testing.assert_array_equal(reader['x'], numpy.arange(6).reshape(2, 3))
        assert reader['f'].shape == (2, 4) and not reader.pickled('f')
