"""Classification accuracy: the fraction of examples whose arg-max class is the label."""
from minigan.backend import get_array_module
from minigan.core.function_node import FunctionNode


class Accuracy(FunctionNode):
    """The fraction of rows whose argmax is the label (labels ``ignore_label`` not counted);
    not differentiable."""

    def __init__(self, ignore_label=None):
        self.ignore_label = ignore_label

    def forward(self, inputs):
        y, t = inputs
        xp = get_array_module(y)
        pred = y.argmax(axis=1).reshape(t.shape)
        if self.ignore_label is None:
            return xp.asarray((pred == t).mean(), dtype=y.dtype),
        counted = t != self.ignore_label
        total = int(counted.sum())
        # NOTE: Chainer returns 0 when every label is ignored
        correct = int(((pred == t) & counted).sum())
        return xp.asarray(correct / total if total else 0.0, dtype=y.dtype),


def accuracy(y, t, ignore_label=None):
    """Mean of ``argmax(y, axis=1) == t`` over the examples whose label is not ignored.

    y: scores (N, K, ...); t: int labels (N, ...). ignore_label: a label value left out of
    the count. Returns a 0-d Variable of y's dtype, with no gradient.
    """
    return Accuracy(ignore_label).apply((y, t))[0]
