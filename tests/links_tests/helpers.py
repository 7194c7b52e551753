"""Test helpers for links: a dict serializer that follows Chainer's protocol, float64 casts."""
import numpy


class DictSerializer:
    """Saves ``serializer(key, value)`` calls into ``target`` as '/'-joined keys."""

    def __init__(self, target=None, path=''):
        self.target = {} if target is None else target
        self.path = path

    def __getitem__(self, name):
        return DictSerializer(self.target, self.path + name + '/')

    def __call__(self, key, value):
        self.target[self.path + key] = None if value is None else numpy.array(value)
        return value


class DictDeserializer:
    """Loads from ``source``: arrays are filled in place, scalars and None are returned."""

    def __init__(self, source, path=''):
        self.source = source
        self.path = path

    def __getitem__(self, name):
        return DictDeserializer(self.source, self.path + name + '/')

    def __call__(self, key, value):
        data = self.source[self.path + key]
        if value is None or data is None:
            return data
        if isinstance(value, numpy.ndarray):
            numpy.copyto(value, data)
            return value
        return type(value)(data)


def save(link):
    target = {}
    link.serialize(DictSerializer(target))
    return target


def load(link, source):
    link.serialize(DictDeserializer(source))


def to_float64(link):
    """Cast every initialized parameter of ``link`` to float64 for finite differences."""
    for param in link.params(include_uninit=False):
        param.array = param.array.astype(numpy.float64)
    return link
