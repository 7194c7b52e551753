"""Matrix products: matmul (with optional transposes) and batch_matmul.

For y = a @ b: ga = gy @ b^T and gb = a^T @ gy, each itself a matmul, so the
gradient is differentiable again.
"""
from minigan.backend import get_array_module
from minigan.core.function_node import FunctionNode
from minigan.functions.array.broadcast import sum_to
from minigan.functions.array.reshape import reshape


def _t(x):
    return x.swapaxes(-1, -2) if x.ndim >= 2 else x


class MatMul(FunctionNode):
    """y = a @ b over the last two axes (with optional transposes); ga = gy b^T, gb = a^T gy."""

    def __init__(self, transa=False, transb=False):
        self.transa, self.transb = transa, transb

    def forward(self, inputs):
        self.retain_inputs((0, 1))
        a, b = inputs
        a = _t(a) if self.transa else a
        b = _t(b) if self.transb else b
        return get_array_module(a).matmul(a, b),

    def backward(self, indexes, grad_outputs):
        a, b = self.get_retained_inputs()
        gy, = grad_outputs
        ret = []
        for i in indexes:
            if i == 0:
                ga = matmul(b, gy, transa=self.transb, transb=True) if self.transa else \
                    matmul(gy, b, transb=not self.transb)
                ret.append(sum_to(ga, a.shape))
            else:
                gb = matmul(gy, a, transa=True, transb=self.transa) if self.transb else \
                    matmul(a, gy, transa=not self.transa)
                ret.append(sum_to(gb, b.shape))
        return tuple(ret)


def matmul(a, b, transa=False, transb=False):
    """Matrix product of the last two axes, broadcasting leading (batch) axes.

    y[..., i, k] = sum_j a[..., i, j] b[..., j, k], for a (..., N, M) and b (..., M, K), after
    ``transa`` / ``transb`` swap the last two axes. As in numpy.matmul and Chainer, a 1-D a
    is a row (1, M) and a 1-D b a column (M, 1) whose added axis is dropped from y (so two
    vectors give their dot product); a transpose flag on a 1-D operand does nothing.
    """
    a_vec, b_vec = a.ndim == 1, b.ndim == 1
    if a.ndim == 0 or b.ndim == 0:
        raise ValueError('matmul needs arrays of at least 1 dimension')
    if a_vec:
        a, transa = reshape(a, (1, a.shape[0])), False
    if b_vec:
        b, transb = reshape(b, (b.shape[0], 1)), False
    y = MatMul(transa, transb).apply((a, b))[0]
    if not (a_vec or b_vec):
        return y
    shape = list(y.shape)
    if b_vec:
        shape.pop(-1)
    if a_vec:
        shape.pop(-1 if b_vec else -2)
    return reshape(y, tuple(shape))


def batch_matmul(a, b, transa=False, transb=False):
    """Chainer's F.batch_matmul: (B, N, M) @ (B, M, K) with the batch axis first."""
    return matmul(a, b, transa, transb)
