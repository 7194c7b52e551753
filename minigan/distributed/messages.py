"""Python objects as bytes for MPI messages, without pickle.

ChainerMN's ``bcast_obj`` and ``gather_obj`` pickle; minigan never unpickles (a pickle runs
code when loaded), so objects travel as a JSON header followed by the raw bytes of their
arrays. What can travel: None, bool, int, float, str, and lists, tuples and dicts of them,
and NumPy arrays and scalars of any non-object dtype (CuPy arrays arrive as NumPy arrays).
Anything else raises a TypeError naming its type.
"""
import json
import struct

import numpy

from minigan.backend import is_cupy_array, to_cpu

_HEADER_SIZE = struct.Struct('<Q')


def dumps(obj):
    """``obj`` as bytes: an 8-byte header length, the JSON header, then each array's bytes."""
    arrays = []

    def encode(o):
        if o is None or isinstance(o, (bool, int, float, str)):
            return o
        if is_cupy_array(o):
            o = to_cpu(o)
        if isinstance(o, (numpy.ndarray, numpy.generic)):
            a = numpy.asarray(o)
            if a.dtype.hasobject:
                raise TypeError('an array of Python objects cannot be sent without pickle')
            arrays.append(a)
            return {'array': [a.dtype.str, list(a.shape), isinstance(o, numpy.generic)]}
        if isinstance(o, list):
            return [encode(v) for v in o]
        if isinstance(o, tuple):
            return {'tuple': [encode(v) for v in o]}
        if isinstance(o, dict):
            return {'dict': [[encode(k), encode(v)] for k, v in o.items()]}
        raise TypeError('%s cannot be sent between processes: minigan.distributed sends '
                        'None, bool, int, float, str, lists, tuples, dicts and arrays'
                        % type(o).__name__)

    header = json.dumps(encode(obj)).encode('utf-8')
    return b''.join([_HEADER_SIZE.pack(len(header)), header] + [a.tobytes() for a in arrays])


def loads(data):
    """The object ``dumps`` turned into ``data`` (bytes, bytearray or a uint8 array)."""
    data = memoryview(numpy.frombuffer(data, dtype=numpy.uint8))
    (n,) = _HEADER_SIZE.unpack(data[:_HEADER_SIZE.size])
    offset = [_HEADER_SIZE.size + n]

    def decode(o):
        if isinstance(o, list):
            return [decode(v) for v in o]
        if not isinstance(o, dict):
            return o
        (kind, value), = o.items()
        if kind == 'tuple':
            return tuple(decode(v) for v in value)
        if kind == 'dict':
            return {_hashable(decode(k)): decode(v) for k, v in value}
        dtype, shape, is_scalar = numpy.dtype(value[0]), tuple(value[1]), value[2]
        size = dtype.itemsize * int(numpy.prod(shape, dtype=numpy.int64))
        a = numpy.frombuffer(data[offset[0]:offset[0] + size], dtype=dtype).reshape(shape)
        offset[0] += size
        return a[()] if is_scalar else a.copy()

    return decode(json.loads(bytes(data[_HEADER_SIZE.size:_HEADER_SIZE.size + n])))


def _hashable(key):
    return tuple(_hashable(k) for k in key) if isinstance(key, list) else key
