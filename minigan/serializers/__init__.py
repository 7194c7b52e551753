"""NPZ checkpoints with Chainer's key layout: ``save_npz(file, obj)``, ``load_npz(file, obj)``."""
from minigan.serializers.npz import (  # NOQA
    NONE_MARKER, DictionarySerializer, NpzDeserializer, load_npz, save_npz)
from minigan.serializers.serializer import Deserializer, Serializer  # NOQA
