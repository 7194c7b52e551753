"""The serialization protocol shared by savers and loaders (Chainer's).

An object that can be saved has ``serialize(serializer)``: it calls
``value = serializer(key, value)`` for each of its values and ``child.serialize(
serializer[name])`` for each sub-object. The same method then both saves (the serializer
records the value and returns it unchanged) and loads (the deserializer returns the
stored value, or copies it into the given array in place).
"""


class Serializer:
    """Base of the saving side: ``serializer[key]`` is a child, ``serializer(key, value)``
    records a value."""

    def __getitem__(self, key):
        raise NotImplementedError

    def __call__(self, key, value):
        raise NotImplementedError

    def save(self, obj):
        """Serialize ``obj`` (anything with a ``serialize`` method) into this serializer."""
        obj.serialize(self)


class Deserializer:
    """Base of the loading side; ``isinstance(s, Deserializer)`` tells a load from a save."""

    def __getitem__(self, key):
        raise NotImplementedError

    def __call__(self, key, value):
        raise NotImplementedError

    def load(self, obj):
        """Load ``obj``'s values (through its ``serialize`` method) from this deserializer."""
        obj.serialize(self)
