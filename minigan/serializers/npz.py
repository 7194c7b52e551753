"""Save and load objects as NPZ files with Chainer 7's key layout, never unpickling.

A model's file maps ``/``-joined paths to arrays: ``l0/W``, ``bn0/avg_mean``, ``bn0/N``; an
optimizer's adds ``t``, ``epoch``, ``l0/W/m``. Python scalars are stored as 0-d arrays.

``None`` (an uninitialized lazy parameter) is stored as ``NONE_MARKER``, a 0-d array of
the structured dtype ``[('minigan_none', 'u1')]``: Chainer stores it as a pickled object
array, which minigan never writes and never unpickles. When a Chainer file holds such an
object array, loading leaves that value as it is and warns with its key.
"""
import os
import tempfile
import warnings

import numpy

from minigan.backend import get_array_module, is_cupy_array, to_cpu
from minigan.serializers.serializer import Deserializer, Serializer

NONE_MARKER = numpy.zeros((), dtype=[('minigan_none', 'u1')])


def _is_none_marker(array):
    return array.dtype == NONE_MARKER.dtype


class DictionarySerializer(Serializer):
    """Flattens an object into ``target``, a dict from path to numpy array.

    ``DictionarySerializer(target=None, path='')``; feed ``target`` to ``numpy.savez``.
    """

    def __init__(self, target=None, path=''):
        self.target = {} if target is None else target
        self.path = path

    def __getitem__(self, key):
        return DictionarySerializer(self.target, self.path + key.strip('/') + '/')

    def __call__(self, key, value):
        array = NONE_MARKER if value is None else numpy.asarray(to_cpu(value))
        if array.dtype == object:
            raise TypeError('cannot save %r: object arrays would need pickle'
                            % (self.path + key.lstrip('/')))
        self.target[self.path + key.lstrip('/')] = array
        return value


def _current_umask():
    mask = os.umask(0)
    os.umask(mask)
    return mask


def save_npz(file, obj, compression=True):
    """Save ``obj`` (anything with ``serialize``) to ``file``, a path or a binary file object.

    A path is written atomically: the data goes to a temporary file in the same directory,
    which then replaces ``file``, so a failed save leaves an existing file intact.
    ``compression=True`` uses ``numpy.savez_compressed``.
    """
    serializer = DictionarySerializer()
    serializer.save(obj)
    savez = numpy.savez_compressed if compression else numpy.savez
    if hasattr(file, 'write'):
        savez(file, **serializer.target)
        return
    file = os.fspath(file)
    directory = os.path.dirname(os.path.abspath(file))
    fd, tmp_path = tempfile.mkstemp(prefix='.tmp-', suffix='.npz', dir=directory)
    try:
        with os.fdopen(fd, 'wb') as f:
            savez(f, **serializer.target)
        os.chmod(tmp_path, 0o666 & ~_current_umask())  # NOTE: mkstemp makes it owner-only
        os.replace(tmp_path, file)
    except BaseException:
        os.remove(tmp_path)
        raise


def _matches(key, ignore_names):
    if ignore_names is None:
        return False
    if isinstance(ignore_names, str) or callable(ignore_names):
        ignore_names = [ignore_names]
    return any(name(key) if callable(name) else name == key for name in ignore_names)


class NpzDeserializer(Deserializer):
    """Loads values from an opened npz (or any mapping from key to array).

    ``NpzDeserializer(npz, path='', strict=True, ignore_names=None)``. For
    ``deserializer(key, value)`` with full key ``path + key``:

    - ``value`` is None: returns the stored array;
    - ``value`` is an array: copies the stored array into it in place (same shape);
    - ``value`` is a scalar: returns ``type(value)(stored)``.

    A missing key raises KeyError when ``strict`` and returns ``value`` otherwise.
    ``ignore_names`` is a full key, a callable ``key -> bool``, or a list of them; those
    keys are skipped (``value`` is returned).
    """

    def __init__(self, npz, path='', strict=True, ignore_names=None):
        self.npz = npz
        self.path = path
        self.strict = strict
        self.ignore_names = ignore_names

    def __getitem__(self, key):
        return NpzDeserializer(self.npz, self.path + key.strip('/') + '/', strict=self.strict,
                               ignore_names=self.ignore_names)

    def __call__(self, key, value):
        key = self.path + key.lstrip('/')
        if _matches(key, self.ignore_names):
            return value
        if key not in self.npz:
            if not self.strict:
                return value
            available = sorted(self.npz.keys())
            raise KeyError('%r is not in the npz file (path %r; it has %d keys, e.g. %s)'
                           % (key, self.path, len(available), ', '.join(available[:5])))
        try:
            stored = self.npz[key]
        except ValueError as e:
            if 'allow_pickle' not in str(e):
                raise
            warnings.warn('%r holds a pickled object (a parameter Chainer never initialized); '
                          'it is not loaded and that value stays as it is' % key)
            return value
        if _is_none_marker(stored):
            return value
        if value is None:
            return stored
        if isinstance(value, numpy.ndarray) or is_cupy_array(value):
            if value.shape != stored.shape:
                raise ValueError('shape mismatch for %r: the file has %s, the target has %s'
                                 % (key, stored.shape, value.shape))
            value[...] = get_array_module(value).asarray(stored)
            return value
        return type(value)(stored)


def load_npz(file, obj, path='', strict=True, ignore_names=None):
    """Load ``obj`` from an NPZ ``file`` (a path or a binary file object).

    ``path`` selects a sub-tree, e.g. ``load_npz('snapshot_iter_100', gen,
    path='updater/model:gen/')``. The file is opened with ``allow_pickle=False``.
    """
    with numpy.load(file, allow_pickle=False) as npz:
        NpzDeserializer(npz, path=path, strict=strict, ignore_names=ignore_names).load(obj)
