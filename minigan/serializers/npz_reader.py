"""Reading an npz file as data only: each array's header before its bytes, never a pickle.

An npz is a zip archive of ``.npy`` members, each a short header (dtype, shape, order) and
then the raw bytes. ``numpy.load`` decompresses a whole member before its shape can be seen,
so a 1.6 MB file holding a 20000x20000 array of zeros costs 1.6 GB before a loader can say
that the shape is wrong. :class:`NpzReader` reads the header first: ``header(key)`` gives
(shape, dtype) after decompressing a few hundred bytes, and ``reader[key]`` the array.

Object arrays are stored as pickles, and unpickling runs code chosen by whoever wrote the
file. They are never loaded: ``reader[key]`` raises :class:`NpzFileError`.
"""
import os
import zipfile
import zlib

from numpy.lib import format as npy_format

_ZIP_MAGIC = b'PK\x03\x04'
_NPY_MAGIC = b'\x93NUMPY'


class NpzFileError(ValueError):
    """The file is not an npz minigan loads: not a zip of arrays, damaged, or pickled."""


def _name_of(file):
    return os.fspath(file) if isinstance(file, (str, os.PathLike)) else getattr(
        file, 'name', 'the npz file')


def _what_it_is(file, name):
    """One sentence on why ``file`` is no readable zip archive, from its first bytes."""
    if hasattr(file, 'seek'):
        file.seek(0)
        start = file.read(8)
    else:
        with open(file, 'rb') as f:
            start = f.read(8)
    if not start:
        return '%s is empty, not an npz file' % name
    if start.startswith(_ZIP_MAGIC):
        return '%s is damaged or truncated (an incomplete zip archive)' % name
    if start.startswith(_NPY_MAGIC):
        return '%s is a single .npy array, not an npz file' % name
    return '%s is not an npz file (it does not start like a zip archive)' % name


class NpzReader:
    """A read-only mapping from key to array over an npz ``file`` (a path or a binary file).

    ``keys()``, ``in``, ``len``; ``header(key)`` -> (shape, dtype) without reading the data;
    ``reader[key]`` -> the array; ``pickled(key)`` tells whether it holds an object array.
    Use it as a context manager, or call ``close()``.
    """

    def __init__(self, file):
        self.name = _name_of(file)
        try:
            self._zip = zipfile.ZipFile(file)
        except (zipfile.BadZipFile, EOFError):
            raise NpzFileError(_what_it_is(file, self.name)) from None
        self._members = {n[:-4]: n for n in self._zip.namelist() if n.endswith('.npy')}
        self._headers = {}

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        self._zip.close()

    def keys(self):
        return self._members.keys()

    def __contains__(self, key):
        return key in self._members

    def __iter__(self):
        return iter(self._members)

    def __len__(self):
        return len(self._members)

    def header(self, key):
        """(shape, dtype) of the array ``key``, read from its .npy header alone."""
        if key not in self._headers:
            with self._open(key) as f:
                try:
                    version = npy_format.read_magic(f)
                    read = (npy_format.read_array_header_1_0 if version == (1, 0)
                            else npy_format.read_array_header_2_0)
                    shape, _, dtype = read(f)
                except ValueError as e:
                    raise self._damaged(key, e) from None
            self._headers[key] = shape, dtype
        return self._headers[key]

    def pickled(self, key):
        """Whether ``key`` holds an object array, which only a pickle could restore."""
        return self.header(key)[1].hasobject

    def __getitem__(self, key):
        if self.pickled(key):
            raise NpzFileError('%s holds pickled data; not loaded (array %r)'
                               % (self.name, key))
        with self._open(key) as f:
            try:
                return npy_format.read_array(f, allow_pickle=False)
            except ValueError as e:
                raise self._damaged(key, e) from None

    def _damaged(self, key, reason):
        return NpzFileError('%s is damaged: array %r cannot be read (%s)'
                            % (self.name, key, reason))

    def _open(self, key):
        if key not in self._members:
            raise KeyError(key)
        return _CheckedMember(self._zip.open(self._members[key]), self.name, key)


class _CheckedMember:
    """A member stream whose damage (bad CRC, bad deflate data, early end) is an NpzFileError."""

    def __init__(self, stream, name, key):
        self._stream, self._name, self._key = stream, name, key

    def read(self, *args):
        try:
            data = self._stream.read(*args)
        except (zipfile.BadZipFile, zlib.error, EOFError) as e:
            raise NpzFileError('%s is damaged: array %r cannot be read (%s)'
                               % (self._name, self._key, e)) from None
        return data

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._stream.close()
