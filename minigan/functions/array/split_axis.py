"""Split an array into pieces along an axis; backward concatenates the gradients."""
import numpy

from minigan.backend import get_array_module
from minigan.core.function_node import FunctionNode


class SplitAxis(FunctionNode):
    """x -> pieces along ``axis``; gx = the pieces' gradients concatenated."""

    def __init__(self, indices_or_sections, axis):
        self.indices_or_sections, self.axis = indices_or_sections, axis

    def forward(self, inputs):
        x, = inputs
        self._axis = self.axis % x.ndim
        self._shape, self._dtype = x.shape, x.dtype
        ys = get_array_module(x).split(x, self.indices_or_sections, self._axis)
        self._sizes = [y.shape[self._axis] for y in ys]
        return tuple(ys)

    def backward(self, indexes, grad_outputs):
        # NOTE: a late import, because concat and split_axis are each other's gradient
        from minigan.functions.array.concat import concat
        gys = []
        for gy, size in zip(grad_outputs, self._sizes):
            if gy is None:  # NOTE: an unused piece contributes zeros
                shape = list(self._shape)
                shape[self._axis] = size
                xp = next(g for g in grad_outputs if g is not None).xp
                gy = xp.zeros(shape, self._dtype)
            gys.append(gy)
        return concat(gys, self._axis),


def split_axis(x, indices_or_sections, axis, force_tuple=True):
    """Chainer's F.split_axis: split ``x`` along ``axis`` into a tuple of Variables.

    ``indices_or_sections``: an int (that many equal pieces) or the split points, as in
    ``numpy.split``. With ``force_tuple=False`` a single piece is returned bare.
    """
    if isinstance(indices_or_sections, numpy.ndarray):
        indices_or_sections = indices_or_sections.tolist()
    ys = SplitAxis(indices_or_sections, axis).apply((x,))
    if not force_tuple and len(ys) == 1:
        return ys[0]
    return ys
