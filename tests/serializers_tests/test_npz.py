"""save_npz / load_npz: Chainer's key layout, in-place loads, clear errors, no pickles."""
import io
import os
import zipfile

import numpy
import pytest

from minigan import serializers


class Node:
    """A tiny serializable object: one array, two scalars and a child."""

    def __init__(self, child=None):
        self.W = numpy.arange(6, dtype=numpy.float32).reshape(2, 3)
        self.count = 3
        self.rate = 0.5
        self.lazy = None
        self.child = child

    def serialize(self, serializer):
        self.W = serializer('W', self.W)
        self.count = serializer('count', self.count)
        self.rate = serializer('rate', self.rate)
        self.lazy = serializer('lazy', self.lazy)
        if self.child is not None:
            self.child.serialize(serializer['child'])


def saved_dict(obj):
    s = serializers.DictionarySerializer()
    s.save(obj)
    return s.target


def test_keys_are_slash_joined_paths_and_scalars_are_0d():
    d = saved_dict(Node(child=Node()))
    assert set(d) == {'W', 'count', 'rate', 'lazy',
                      'child/W', 'child/count', 'child/rate', 'child/lazy'}
    assert d['count'].shape == () and d['count'].dtype == numpy.int64 and int(d['count']) == 3
    assert d['rate'].dtype == numpy.float64
    assert d['lazy'].dtype != object and d['lazy'].dtype == serializers.NONE_MARKER.dtype
    numpy.testing.assert_array_equal(d['child/W'], numpy.arange(6).reshape(2, 3))


def test_deserializer_copies_in_place_and_keeps_scalar_types():
    src = Node(child=Node())
    src.child.W = src.child.W * 10
    src.count, src.rate = 7, 0.25
    dst = Node(child=Node())
    W = dst.child.W
    serializers.NpzDeserializer(saved_dict(src)).load(dst)
    assert dst.child.W is W
    numpy.testing.assert_array_equal(W, numpy.arange(6).reshape(2, 3) * 10)
    assert dst.count == 7 and type(dst.count) is int
    assert dst.rate == 0.25 and type(dst.rate) is float
    assert dst.lazy is None


def test_value_none_returns_the_stored_array():
    d = {'a/b': numpy.ones((2, 2))}
    got = serializers.NpzDeserializer(d)['a']('b', None)
    numpy.testing.assert_array_equal(got, numpy.ones((2, 2)))


def test_numpy_scalar_value_keeps_its_type():
    got = serializers.NpzDeserializer({'x': numpy.asarray(2.5)})('x', numpy.float32(0))
    assert type(got) is numpy.float32 and got == 2.5


def test_shape_mismatch_names_the_key_and_both_shapes():
    d = {'child/W': numpy.zeros((3, 2), numpy.float32)}
    with pytest.raises(ValueError) as info:
        serializers.NpzDeserializer(d)['child']('W', numpy.zeros((2, 3), numpy.float32))
    message = str(info.value)
    assert 'child/W' in message and '(3, 2)' in message and '(2, 3)' in message


def test_missing_key_strict_names_the_key():
    d = {'x': numpy.zeros(1), 'y': numpy.zeros(1)}
    with pytest.raises(KeyError) as info:
        serializers.NpzDeserializer(d)['l0']('W', numpy.zeros(1))
    assert 'l0/W' in str(info.value) and 'x' in str(info.value)


def test_missing_key_not_strict_leaves_the_value():
    value = numpy.full(2, 3.0)
    got = serializers.NpzDeserializer({}, strict=False)('W', value)
    assert got is value
    numpy.testing.assert_array_equal(value, [3.0, 3.0])


@pytest.mark.parametrize('ignore', ['W', ['count', 'W'], lambda key: key == 'W',
                                    [lambda key: False, 'W']])
def test_ignore_names(ignore):
    src, dst = Node(), Node()
    src.W = src.W + 100
    src.count = 9
    serializers.NpzDeserializer(saved_dict(src), ignore_names=ignore).load(dst)
    numpy.testing.assert_array_equal(dst.W, numpy.arange(6).reshape(2, 3))
    assert dst.rate == 0.5


def test_save_and_load_a_path_with_a_sub_tree(tmp_path):
    outer = Node(child=Node())
    outer.child.W = outer.child.W - 1
    outer.child.count = 11
    path = tmp_path / 'snapshot.npz'
    serializers.save_npz(str(path), outer)
    inner = Node()
    serializers.load_npz(str(path), inner, path='child/')
    numpy.testing.assert_array_equal(inner.W, numpy.arange(6).reshape(2, 3) - 1)
    assert inner.count == 11


def test_file_objects_and_compression_flag():
    for compression, kind in ((True, zipfile.ZIP_DEFLATED), (False, zipfile.ZIP_STORED)):
        f = io.BytesIO()
        serializers.save_npz(f, Node(), compression=compression)
        with zipfile.ZipFile(io.BytesIO(f.getvalue())) as z:
            assert {info.compress_type for info in z.infolist()} == {kind}
        f.seek(0)
        dst = Node()
        dst.W[...] = 0
        serializers.load_npz(f, dst)
        numpy.testing.assert_array_equal(dst.W, numpy.arange(6).reshape(2, 3))


def test_failed_save_leaves_the_existing_file_intact(tmp_path, monkeypatch):
    path = tmp_path / 'model.npz'
    serializers.save_npz(path, Node())
    before = path.read_bytes()

    def broken_savez(f, **arrays):
        f.write(b'half a file')
        raise OSError('disk full')

    monkeypatch.setattr(numpy, 'savez_compressed', broken_savez)
    with pytest.raises(OSError, match='disk full'):
        serializers.save_npz(path, Node())
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ['model.npz']  # the temporary file is gone


def test_chainer_none_object_array_loads_without_unpickling(tmp_path):
    # Chainer writes an uninitialized parameter as numpy.asarray(None), a pickled object
    path = tmp_path / 'chainer.npz'
    numpy.savez(path, W=numpy.ones((2, 3), 'f'), count=numpy.asarray(1),
                rate=numpy.asarray(0.5), lazy=numpy.asarray(None, dtype=object))
    dst = Node()
    with pytest.warns(UserWarning, match="'lazy'"):
        serializers.load_npz(path, dst)
    assert dst.lazy is None
    numpy.testing.assert_array_equal(dst.W, numpy.ones((2, 3)))


def test_saving_an_object_array_is_refused():
    with pytest.raises(TypeError, match='pickle'):
        serializers.DictionarySerializer()('x', numpy.array([{}, 1], dtype=object))


def test_saved_file_gets_the_usual_permissions(tmp_path):
    path = tmp_path / 'model.npz'
    serializers.save_npz(path, Node())
    mask = os.umask(0)
    os.umask(mask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~mask
