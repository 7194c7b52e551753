"""broadcast_to and its adjoint sum_to: the pair behind every broadcasting operator."""
from minigan.backend import get_array_module
from minigan.core.function_node import FunctionNode


def sum_to_array(x, shape):
    """Sum a raw array down to ``shape`` (undoing NumPy broadcasting)."""
    shape = tuple(shape)
    if x.shape == shape:
        return x
    lead = x.ndim - len(shape)
    axes = tuple(range(lead)) + tuple(
        i + lead for i, n in enumerate(shape) if n == 1 and x.shape[i + lead] != 1)
    y = x.sum(axis=axes, keepdims=True)
    return y.reshape(shape) if lead else y


class BroadcastTo(FunctionNode):
    """y = x broadcast to ``shape``; gx = sum_to(gy, x.shape)."""

    def __init__(self, shape):
        self.shape = tuple(shape)

    def forward(self, inputs):
        x, = inputs
        self._in_shape = x.shape
        xp = get_array_module(x)
        return xp.broadcast_to(x, self.shape),

    def backward(self, indexes, grad_outputs):
        return sum_to(grad_outputs[0], self._in_shape),


class SumTo(FunctionNode):
    """y = x summed down to ``shape`` (broadcast_to's adjoint); gx = broadcast_to(gy, x.shape)."""

    def __init__(self, shape):
        self.shape = tuple(shape)

    def forward(self, inputs):
        x, = inputs
        self._in_shape = x.shape
        return sum_to_array(x, self.shape),

    def backward(self, indexes, grad_outputs):
        return broadcast_to(grad_outputs[0], self._in_shape),


def broadcast_to(x, shape):
    """Broadcast ``x`` to ``shape``; backward sums the gradient back to x's shape."""
    if tuple(shape) == getattr(x, 'shape', None):
        from minigan.core.variable import as_variable
        return as_variable(x)
    return BroadcastTo(shape).apply((x,))[0]


def sum_to(x, shape):
    """Sum ``x`` over the axes that broadcasting to x's shape would have added."""
    if tuple(shape) == x.shape:
        from minigan.core.variable import as_variable
        return as_variable(x)
    return SumTo(shape).apply((x,))[0]


def broadcast(*xs):
    """Broadcast several Variables against each other (Chainer's F.broadcast)."""
    xp = get_array_module(*[getattr(x, 'array', x) for x in xs])
    shape = xp.broadcast_shapes(*[x.shape for x in xs]) if hasattr(xp, 'broadcast_shapes') \
        else xp.broadcast(*[getattr(x, 'array', x) for x in xs]).shape
    out = tuple(broadcast_to(x, shape) for x in xs)
    return out if len(out) > 1 else out[0]
