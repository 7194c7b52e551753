"""FunctionNode.apply: what it records (inputs as nodes, outputs, rank), what it keeps alive
for backward, and how unchain cuts it out."""
import gc

import numpy
import pytest

import minigan
from minigan import FunctionNode, Variable


class Scale(FunctionNode):
    """y = x * a and z = x * b (two outputs); keeps x or y for backward as told."""

    def __init__(self, keep='inputs'):
        self.keep = keep

    def forward(self, inputs):
        x, = inputs
        if self.keep == 'inputs':
            self.retain_inputs((0,))
        elif self.keep == 'outputs':
            self.retain_outputs((0,))
        return x * 2, x * 3

    def backward(self, indexes, grad_outputs):
        gy, gz = grad_outputs
        total = None
        for g, k in ((gy, 2.0), (gz, 3.0)):
            if g is not None:
                total = g * k if total is None else total + g * k
        return total,


def test_apply_records_nodes_ranks_and_creators():
    x = Variable(numpy.ones(2))
    f = Scale()
    y, z = f.apply((x,))
    assert f.inputs == (x.node,) and [ref() for ref in f.outputs] == [y.node, z.node]
    assert y.creator is f and z.creator is f and x.creator is None
    g = Scale()
    w, _ = g.apply((y,))
    assert (x.rank, f.rank, y.rank, g.rank, w.rank) == (0, 0, 1, 1, 2)


def test_no_backprop_mode_records_nothing():
    x = Variable(numpy.ones(2))
    f = Scale()
    with minigan.no_backprop_mode():
        y, _ = f.apply((x,))
    assert f.inputs is None and y.creator is None


def test_retained_input_outlives_the_users_variable():
    x = Variable(numpy.arange(3.0))
    f = Scale(keep='inputs')
    y, _ = f.apply((x,))
    del x
    gc.collect()
    kept, = f.get_retained_inputs()
    numpy.testing.assert_array_equal(kept.array, [0.0, 1.0, 2.0])


def test_an_input_not_retained_is_freed():
    x = Variable(numpy.arange(3.0))
    f = Scale(keep=None)
    f.apply((x,))
    node = x.node
    del x
    gc.collect()
    assert node.get_variable_or_none() is None and node.retained_array is None


def test_retained_output_is_rebuilt_linked_to_its_creator():
    x = Variable(numpy.arange(3.0))
    f = Scale(keep='outputs')
    y, _ = f.apply((x,))
    del y
    gc.collect()
    kept, = f.get_retained_outputs()
    numpy.testing.assert_array_equal(kept.array, [0.0, 2.0, 4.0])
    assert kept.creator is f


def test_gradients_of_both_outputs_add_up():
    x = Variable(numpy.ones(2))
    y, z = Scale().apply((x,))
    gx, = minigan.grad([y, z], [x])
    numpy.testing.assert_array_equal(gx.array, [5.0, 5.0])


def test_unchain_forgets_inputs_and_outputs_forget_it():
    x = Variable(numpy.ones(2))
    f = Scale()
    y, z = f.apply((x,))
    f.unchain()
    assert f.inputs is None and y.creator is None and z.creator is None


def test_forward_must_return_a_tuple():
    class Bad(FunctionNode):
        def forward(self, inputs):
            return inputs[0]
    with pytest.raises(TypeError, match='tuple'):
        Bad().apply((numpy.ones(2),))
