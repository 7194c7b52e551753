"""Softmax over an axis: y_i = exp(x_i) / sum_j exp(x_j).

Backward: gx = y * (gy - sum(y * gy)) from the retained output, one SoftmaxGrad node. When
the axis is the last one of a C-contiguous NumPy array (self-attention's (N, n, n) weights),
both passes run row block by row block on every core (minigan.utils.parallel): each block's
max, exp, sum and division, or product, sum and subtraction, stay in the cache.
"""
import numpy

from minigan.backend import get_array_module
from minigan.core.function_node import FunctionNode
from minigan.functions.math.sum import sum
from minigan.utils import parallel


def _rows(axis, *arrays):
    """2-D (rows, K) views of C-contiguous NumPy arrays whose softmax axis is the last one."""
    a = arrays[0]
    if (get_array_module(*arrays) is not numpy or a.ndim == 0 or axis % a.ndim != a.ndim - 1
            or not all(x.flags.c_contiguous and x.shape == a.shape for x in arrays)):
        return None
    return [x.reshape(-1, a.shape[-1]) for x in arrays]


class Softmax(FunctionNode):
    """y = exp(x - max x) / sum exp(x - max x) along ``axis``; gx = SoftmaxGrad(y, gy)."""

    def __init__(self, axis=1):
        self.axis = axis

    def forward(self, inputs):
        self.retain_outputs((0,))
        x, = inputs
        xp = get_array_module(x)
        y = xp.empty_like(x)
        rows = _rows(self.axis, x, y)
        if rows is None:
            xp.subtract(x, x.max(axis=self.axis, keepdims=True), out=y)
            xp.exp(y, out=y)
            y /= y.sum(axis=self.axis, keepdims=True)
            return y,
        x2, y2 = rows

        def block(a, b):
            yb = y2[a:b]
            numpy.subtract(x2[a:b], x2[a:b].max(axis=1, keepdims=True), out=yb)
            numpy.exp(yb, out=yb)
            yb /= yb.sum(axis=1, keepdims=True)
        parallel.over_blocks(block, x2.shape[0], x2.shape[1], numpy)
        return y,

    def backward(self, indexes, grad_outputs):
        y, = self.get_retained_outputs()
        return SoftmaxGrad(self.axis).apply((y, grad_outputs[0]))


class SoftmaxGrad(FunctionNode):
    """(y, gy) -> gx = y * gy - y * sum(y * gy), the softmax's gradient at output y.

    Linear in gy through the symmetric matrix diag(y) - y y^T, so its gradient for gy is
    itself; for y it is ggx * (gy - sum(y * gy)) - gy * sum(ggx * y), in minigan functions.
    """

    def __init__(self, axis):
        self.axis = axis

    def forward(self, inputs):
        self.retain_inputs((0, 1))
        y, gy = inputs
        xp = get_array_module(y)
        gx = xp.empty_like(y)
        rows = _rows(self.axis, y, gy, gx)
        if rows is None:
            xp.multiply(y, gy, out=gx)
            gx -= y * gx.sum(axis=self.axis, keepdims=True)
            return gx,
        y2, g2, out = rows

        def block(a, b):
            ob = out[a:b]
            numpy.multiply(y2[a:b], g2[a:b], out=ob)
            ob -= y2[a:b] * ob.sum(axis=1, keepdims=True)
        parallel.over_blocks(block, y2.shape[0], y2.shape[1], numpy)
        return gx,

    def backward(self, indexes, grad_outputs):
        y, gy = self.get_retained_inputs()
        ggx, = grad_outputs
        ret = []
        for i in indexes:
            if i == 0:
                s = sum(y * gy, axis=self.axis, keepdims=True)
                ret.append(ggx * (gy - s) - gy * sum(ggx * y, axis=self.axis, keepdims=True))
            else:
                ret.append(SoftmaxGrad(self.axis).apply((y, ggx))[0])
        return tuple(ret)


def softmax(x, axis=1):
    """Softmax of ``x`` along ``axis`` (default 1: the class axis of (N, K, ...))."""
    return Softmax(axis).apply((x,))[0]
