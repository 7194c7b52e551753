"""The gradient checker itself: it must reject a wrong gradient and pass the right one."""
import numpy
import pytest

import minigan.functions as F
from minigan import FunctionNode
from minigan.testing import check_backward


class _WrongSquare(FunctionNode):
    """y = x^2 with a deliberately wrong gradient (x instead of 2x)."""

    def forward(self, inputs):
        self.retain_inputs((0,))
        return inputs[0] ** 2,

    def backward(self, indexes, grad_outputs):
        x, = self.get_retained_inputs()
        return grad_outputs[0] * x,


def test_check_backward_rejects_a_wrong_gradient():
    rng = numpy.random.RandomState(0)
    x, gy = rng.randn(3, 4), rng.randn(3, 4)
    with pytest.raises(AssertionError):
        check_backward(lambda x: _WrongSquare().apply((x,))[0], x, gy)
    check_backward(F.square, x, gy)  # the correct version passes
