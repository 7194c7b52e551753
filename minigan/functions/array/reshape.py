"""Reshape without copying; backward reshapes the gradient back."""
from minigan.core.function_node import FunctionNode


class Reshape(FunctionNode):
    """y = x reshaped (no copy); gx = gy reshaped back."""

    def __init__(self, shape):
        self.shape = tuple(shape)

    def forward(self, inputs):
        x, = inputs
        self._in_shape = x.shape
        return x.reshape(self.shape),

    def backward(self, indexes, grad_outputs):
        return reshape(grad_outputs[0], self._in_shape),


def reshape(x, shape):
    """Chainer's F.reshape: ``shape`` may contain one -1."""
    if tuple(shape) == getattr(x, 'shape', None):
        from minigan.core.variable import as_variable
        return as_variable(x)
    return Reshape(shape).apply((x,))[0]
