"""Fully connected layer: y = x W^T + b.

Gradients are matrix products, written with minigan's matmul so they can be differentiated
again:  gx = gy W,  gW = gy^T x,  gb = sum of gy over the batch.
"""
from minigan.backend import get_array_module
from minigan.core.function_node import FunctionNode
from minigan.functions.array.reshape import reshape
from minigan.functions.math.matmul import matmul
from minigan.functions.math.sum import sum as sum_


class LinearFunction(FunctionNode):
    """y = x W^T + b; gx = gy W, gW = gy^T x, gb = sum of gy over the batch."""

    def forward(self, inputs):
        self.retain_inputs((0, 1))
        x, W = inputs[:2]
        if x.shape[1] != W.shape[1]:
            raise ValueError('linear: x has %d features but W expects %d'
                             % (x.shape[1], W.shape[1]))
        y = get_array_module(x).matmul(x, W.T)
        if len(inputs) == 3:
            y += inputs[2]
        return y,

    def backward(self, indexes, grad_outputs):
        x, W = self.get_retained_inputs()
        gy, = grad_outputs
        ret = []
        for i in indexes:
            if i == 0:
                ret.append(matmul(gy, W))
            elif i == 1:
                ret.append(matmul(gy, x, transa=True))
            else:
                ret.append(sum_(gy, axis=0))
        return tuple(ret)


def linear(x, W, b=None, n_batch_axes=1):
    """Affine map of the last axes: y = x W^T + b.

    Args:
        x: (N, ...) input; the axes after the first ``n_batch_axes`` are flattened into
            in_size features, so (N, C, H, W) works as (N, C*H*W).
        W: (out_size, in_size) weight.
        b: (out_size,) bias or None.
        n_batch_axes: how many leading axes are batch axes (kept in the output).

    Returns:
        (batch axes..., out_size).

    Paper: Rosenblatt, The perceptron, 1958.
    """
    if n_batch_axes <= 0:
        raise ValueError('linear: n_batch_axes must be positive, got %d' % n_batch_axes)
    batch_shape = x.shape[:n_batch_axes]
    batch_size = 1
    for d in batch_shape:
        batch_size *= d
    if x.ndim != 2 or n_batch_axes != 1:
        x = reshape(x, (batch_size, -1))
    inputs = (x, W) if b is None else (x, W, b)
    y = LinearFunction().apply(inputs)[0]
    if n_batch_axes != 1:
        y = reshape(y, batch_shape + (W.shape[0],))
    return y
