"""Exponential linear unit: y = x if x > 0 else alpha (e^x - 1).

dy/dx = 1 if x > 0 else alpha e^x. Clevert et al., "Fast and Accurate Deep Network
Learning by Exponential Linear Units (ELUs)", ICLR 2016.
"""
from minigan.backend import get_array_module
from minigan.core.function_node import FunctionNode


class ELU(FunctionNode):
    """y = x if x > 0 else alpha (e^x - 1); gx = ELUGrad(x, gy) = gy f'(x)."""

    def __init__(self, alpha=1.0):
        self.alpha = alpha

    def forward(self, inputs):
        self.retain_inputs((0,))
        x, = inputs
        xp = get_array_module(x)
        # NOTE: min(x, 0) first so the branch that where() discards never overflows
        neg = xp.expm1(xp.minimum(x, x.dtype.type(0)))
        neg *= x.dtype.type(self.alpha)
        return xp.where(x > 0, x, neg),

    def backward(self, indexes, grad_outputs):
        x, = self.get_retained_inputs()
        return ELUGrad(self.alpha).apply((x, grad_outputs[0]))


class ELUGrad(FunctionNode):
    """gx = gy * f'(x) with f'(x) = 1 if x > 0 else alpha e^x.

    Its gradient: for gy, ELUGrad again; for x, ggx * gy * f''(x), where
    f''(x) = f'(x) - [x > 0], so it reuses this node and stays differentiable.
    """

    def __init__(self, alpha):
        self.alpha = alpha

    def forward(self, inputs):
        self.retain_inputs((0, 1))
        x, gy = inputs
        xp = get_array_module(x)
        slope = xp.exp(xp.minimum(x, x.dtype.type(0)))
        slope *= x.dtype.type(self.alpha)
        return xp.where(x > 0, gy, gy * slope),

    def backward(self, indexes, grad_outputs):
        x, gy = self.get_retained_inputs()
        ggx, = grad_outputs
        ret = []
        for i in indexes:
            if i == 0:
                g = ggx * gy
                positive = (x.array > 0).astype(x.dtype)
                ret.append(ELUGrad(self.alpha).apply((x, g))[0] - g * positive)
            else:
                ret.append(ELUGrad(self.alpha).apply((x, ggx))[0])
        return tuple(ret)


def elu(x, alpha=1.0):
    """Elementwise ELU with negative-side scale ``alpha``, for x of any shape."""
    return ELU(alpha).apply((x,))[0]
