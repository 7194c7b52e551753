"""Pad an array with a constant; backward crops the gradient back out."""
import numpy

from minigan.backend import get_array_module
from minigan.core.function_node import FunctionNode
from minigan.functions.array.get_item import get_item


class Pad(FunctionNode):
    """y = x padded with a constant; gx = gy with the padding cropped off."""

    def __init__(self, pad_width, constant_values):
        self.pad_width, self.constant_values = pad_width, constant_values

    def forward(self, inputs):
        x, = inputs
        xp = get_array_module(x)
        widths = numpy.broadcast_to(numpy.asarray(self.pad_width), (x.ndim, 2)).tolist()
        self._crop = tuple(slice(a, a + n) for (a, _), n in zip(widths, x.shape))
        return xp.pad(x, widths, mode='constant', constant_values=self.constant_values),

    def backward(self, indexes, grad_outputs):
        return get_item(grad_outputs[0], self._crop),


def pad(x, pad_width, mode='constant', constant_values=0):
    """Pad ``x`` with ``constant_values`` (numpy.pad's ``pad_width`` forms are accepted).

    Only ``mode='constant'`` is supported; the gradient of the padding is discarded.
    """
    if mode != 'constant':
        raise NotImplementedError("pad supports only mode='constant', got %r" % (mode,))
    return Pad(pad_width, constant_values).apply((x,))[0]
