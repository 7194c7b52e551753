"""Matrix products: matmul (with optional transposes) and batch_matmul.

For y = a @ b: ga = gy @ b^T and gb = a^T @ gy, each itself a matmul, so the
gradient is differentiable again.
"""
from minigan.backend import get_array_module
from minigan.core.function_node import FunctionNode
from minigan.functions.array.broadcast import sum_to


def _t(x):
    return x.swapaxes(-1, -2) if x.ndim >= 2 else x


class MatMul(FunctionNode):
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
    """Matrix product of the last two axes, broadcasting leading (batch) axes."""
    a_nd = getattr(a, 'ndim', 2)
    b_nd = getattr(b, 'ndim', 2)
    if a_nd < 2 or b_nd < 2:
        raise ValueError('matmul needs arrays of at least 2 dimensions')
    return MatMul(transa, transb).apply((a, b))[0]


def batch_matmul(a, b, transa=False, transb=False):
    """Chainer's F.batch_matmul: (B, N, M) @ (B, M, K) with the batch axis first."""
    return matmul(a, b, transa, transb)
