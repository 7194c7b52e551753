"""Save and load objects as NPZ files with Chainer 7's key layout, never unpickling.

A model's file maps ``/``-joined paths to arrays: ``l0/W``, ``bn0/avg_mean``, ``bn0/N``; an
optimizer's adds ``t``, ``epoch``, ``l0/W/m``. Python scalars are stored as 0-d arrays.

``None`` (an uninitialized lazy parameter) is stored as ``NONE_MARKER``, a 0-d array of
the structured dtype ``[('minigan_none', 'u1')]``: Chainer stores it as a pickled object
array, which minigan never writes and never unpickles. When a Chainer file holds such an
object array, loading leaves that value as it is and warns with its key.
"""
import warnings

import numpy

from minigan.backend import get_array_module, is_cupy_array, to_cpu
from minigan.serializers.npz_reader import NpzFileError, NpzReader
from minigan.serializers.serializer import Deserializer, Serializer
from minigan.utils.atomic_file import atomic_path

NONE_MARKER = numpy.zeros((), dtype=[('minigan_none', 'u1')])


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
    with atomic_path(file) as tmp_path:
        with open(tmp_path, 'wb') as f:
            savez(f, **serializer.target)


def _matches(key, ignore_names):
    if ignore_names is None:
        return False
    if isinstance(ignore_names, str) or callable(ignore_names):
        ignore_names = [ignore_names]
    return any(name(key) if callable(name) else name == key for name in ignore_names)


class NpzMismatchError(KeyError, ValueError):
    """A readable npz whose arrays do not fit the object loaded: ``missing`` keys and
    ``mismatched`` (key, shape in the file, shape of the target) triples."""

    def __init__(self, message, missing=(), mismatched=()):
        super().__init__(message)
        self.message, self.missing, self.mismatched = message, list(missing), list(mismatched)

    def __str__(self):
        return self.message


def _header(npz, key):
    """(shape, dtype) of ``npz[key]``; an NpzReader reads it without the array's data."""
    if hasattr(npz, 'header'):
        return npz.header(key)
    stored = numpy.asarray(npz[key])
    return stored.shape, stored.dtype


class NpzDeserializer(Deserializer):
    """Loads values from an opened npz (an :class:`NpzReader` or any mapping key -> array).

    ``NpzDeserializer(npz, path='', strict=True, ignore_names=None)``. For
    ``deserializer(key, value)`` with full key ``path + key``:

    - ``value`` is None: returns the stored array;
    - ``value`` is an array: copies the stored array into it in place (same shape);
    - ``value`` is a scalar: returns ``type(value)(stored)``.

    A missing key raises KeyError when ``strict`` and returns ``value`` otherwise.
    ``ignore_names`` is a full key, a callable ``key -> bool``, or a list of them; those
    keys are skipped (``value`` is returned). Shapes are compared before the data is read.
    An object (pickled) array is never loaded: it raises NpzFileError, except where Chainer
    stores an uninitialized parameter (a 0-d object array) and the target is None too.
    """

    def __init__(self, npz, path='', strict=True, ignore_names=None):
        self.npz = npz
        self.path = path
        self.strict = strict
        self.ignore_names = ignore_names

    def __getitem__(self, key):
        return type(self)(self.npz, self.path + key.strip('/') + '/', strict=self.strict,
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
        shape, dtype = _header(self.npz, key)
        if dtype.hasobject:
            if value is None and shape == ():
                warnings.warn('%r holds a pickled object (a parameter Chainer never '
                              'initialized); it is not loaded and that value stays None' % key)
                return value
            raise NpzFileError('%s holds pickled data; not loaded (array %r)'
                               % (getattr(self.npz, 'name', 'the npz file'), key))
        if dtype == NONE_MARKER.dtype:
            return value
        if not _fits(shape, value):
            raise ValueError('shape mismatch for %r: the file has %s, the target has %s'
                             % (key, shape, _target_shape(value)))
        stored = self.npz[key]
        if value is None:
            return stored
        if isinstance(value, numpy.ndarray) or is_cupy_array(value):
            value[...] = get_array_module(value).asarray(stored)
            return value
        return type(value)(stored)


def _target_shape(value):
    return value.shape if hasattr(value, 'shape') else ()


def _fits(shape, value):
    """Whether an array of ``shape`` loads into ``value``: the same shape for an array, one
    element for a number, anything for None (the stored array is returned) or a string."""
    if isinstance(value, numpy.ndarray) or is_cupy_array(value):
        return tuple(shape) == value.shape
    if isinstance(value, (bool, int, float, numpy.number)):
        return int(numpy.prod(shape)) == 1
    return True


class _Check(NpzDeserializer):
    """A dry run of a load: records arrays of other shapes and pickled ones, changes nothing.

    A missing key raises KeyError exactly as in a load, since some objects ask for optional
    keys that way (an optimizer saved before its first update has no state arrays).
    """

    def __init__(self, npz, path='', strict=True, ignore_names=None, problems=None):
        super().__init__(npz, path, strict, ignore_names)
        self.problems = {'mismatched': [], 'pickled': []} if problems is None else problems

    def __getitem__(self, key):
        return _Check(self.npz, self.path + key.strip('/') + '/', self.strict,
                      self.ignore_names, self.problems)

    def __call__(self, key, value):
        full = self.path + key.lstrip('/')
        if _matches(full, self.ignore_names):
            return value
        if full not in self.npz:
            if self.strict:
                raise KeyError(full)
            return value
        shape, dtype = _header(self.npz, full)
        if dtype.hasobject and not (value is None and shape == ()):
            self.problems['pickled'].append(full)
        elif dtype != NONE_MARKER.dtype and not _fits(shape, value):
            self.problems['mismatched'].append((full, shape, _target_shape(value)))
        return value


def _check(npz, obj, path, strict, ignore_names):
    """Raise before anything is loaded: NpzFileError for pickled data, NpzMismatchError for
    an array missing or arrays of other shapes than ``obj``'s."""
    check = _Check(npz, path, strict, ignore_names)
    missing = []
    try:
        check.load(obj)
    except KeyError as e:
        missing.append(e.args[0])
    name = getattr(npz, 'name', 'the npz file')
    problems = check.problems
    if problems['pickled']:
        raise NpzFileError('%s holds pickled data; not loaded (%d object arrays, e.g. %r)'
                           % (name, len(problems['pickled']), problems['pickled'][0]))
    parts = ['array %r is missing' % missing[0]] if missing else []
    if problems['mismatched']:
        key, stored, expected = problems['mismatched'][0]
        n = len(problems['mismatched'])
        parts.append('%d array%s of another shape (%s%r is %s in the file, %s here)'
                     % (n, '' if n == 1 else 's', 'e.g. ' if n > 1 else '', key, stored,
                        expected))
    if parts:
        raise NpzMismatchError('%s does not fit: %s' % (name, '; '.join(parts)),
                               missing, problems['mismatched'])


def load_npz(file, obj, path='', strict=True, ignore_names=None):
    """Load ``obj`` from an NPZ ``file`` (a path or a binary file object).

    ``path`` selects a sub-tree, e.g. ``load_npz('snapshot_iter_100', gen,
    path='updater/model:gen/')``. Nothing is changed unless everything fits: a file that is
    no npz, is damaged or holds pickled data raises NpzFileError, one whose arrays are
    missing or of other shapes raises NpzMismatchError (a KeyError and a ValueError), and
    both say so in one sentence naming the file. Array headers are read before their data.
    """
    with NpzReader(file) as npz:
        _check(npz, obj, path, strict, ignore_names)
        NpzDeserializer(npz, path=path, strict=strict, ignore_names=ignore_names).load(obj)
