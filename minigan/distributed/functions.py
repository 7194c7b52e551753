"""allreduce_sum: the sum over processes of a Variable, differentiable (and twice).

y = sum_k x_k on every process k. Process j's input reaches every process's output, so
dL/dx_j = sum_k dL/dy_k: the backward is the same all-reduce applied to the gradients. Every
process must run forward and backward through it in the same order (they run the same model).
"""
from minigan.core.function_node import FunctionNode


class AllReduceSum(FunctionNode):

    def __init__(self, comm):
        self.comm = comm

    def forward(self, inputs):
        x, = inputs
        return self.comm.allreduce(x),

    def backward(self, target_input_indexes, grad_outputs):
        gy, = grad_outputs
        return AllReduceSum(self.comm).apply((gy,))


def allreduce_sum(comm, x):
    """The elementwise sum of every process's ``x`` (same shape everywhere), as a Variable."""
    y, = AllReduceSum(comm).apply((x,))
    return y
