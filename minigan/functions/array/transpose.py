"""Permute axes; backward applies the inverse permutation."""
import numpy

from minigan.core.function_node import FunctionNode


class Transpose(FunctionNode):
    """y = x with its axes permuted; gx = gy with the inverse permutation."""

    def __init__(self, axes=None):
        self.axes = None if axes is None else tuple(axes)

    def forward(self, inputs):
        x, = inputs
        if self.axes is None:
            self.axes = tuple(range(x.ndim))[::-1]
        return x.transpose(self.axes),

    def backward(self, indexes, grad_outputs):
        inverse = tuple(int(i) for i in numpy.argsort(self.axes))
        return transpose(grad_outputs[0], inverse),


def transpose(x, axes=None):
    """Chainer's F.transpose: reverse the axes when ``axes`` is None."""
    return Transpose(axes).apply((x,))[0]
