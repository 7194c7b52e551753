"""Concatenate arrays along an axis; backward splits the gradient at the same points."""
import numpy

from minigan.backend import get_array_module
from minigan.core.function_node import FunctionNode
from minigan.functions.array.split_axis import split_axis


class Concat(FunctionNode):
    """y = inputs joined along ``axis``; each gx is its slice of gy."""

    def __init__(self, axis=1):
        self.axis = axis

    def forward(self, inputs):
        axis = self.axis % inputs[0].ndim
        self._axis = axis
        self._points = numpy.cumsum([x.shape[axis] for x in inputs[:-1]]).tolist()
        return get_array_module(*inputs).concatenate(inputs, axis=axis),

    def backward(self, indexes, grad_outputs):
        gxs = split_axis(grad_outputs[0], self._points, self._axis)
        return tuple(gxs[i] for i in indexes)


def concat(xs, axis=1):
    """Join Variables ``xs`` along ``axis`` (Chainer's default is the channel axis, 1)."""
    return Concat(axis).apply(tuple(xs))[0]
