import numpy
import pytest

import minigan


class ParamSet:
    """The least a target needs for an optimizer: named Parameters and ``serialize``."""

    def __init__(self, **arrays):
        self.named = {name: minigan.Parameter(numpy.array(a)) for name, a in arrays.items()}

    def __getitem__(self, name):
        return self.named[name]

    def params(self):
        return iter(self.named.values())

    def namedparams(self):
        for name, param in self.named.items():
            yield '/' + name, param

    def cleargrads(self):
        for param in self.params():
            param.cleargrad()

    def zerograds(self):
        for param in self.params():
            param.zerograd()

    def serialize(self, serializer):
        for name, param in self.named.items():
            serializer(name, param.array)


@pytest.fixture
def make_params():
    return ParamSet
