"""NPZ checkpoints with Chainer's key layout: ``save_npz(file, obj)``, ``load_npz(file, obj)``."""
from minigan.serializers.npz import (  # NOQA
    NONE_MARKER, DictionarySerializer, NpzDeserializer, NpzMismatchError, load_npz, save_npz)
from minigan.serializers.npz_reader import NpzFileError, NpzReader  # NOQA
from minigan.serializers.serializer import Deserializer, Serializer  # NOQA
