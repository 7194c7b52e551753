"""build_computational_graph: which nodes and edges a walk back from the outputs finds, and the
DOT text that dump() writes."""
import re

import numpy
import pytest

import minigan
from minigan import functions as F
from minigan import links as L
from minigan.computational_graph import build_computational_graph


def variable(name=None):
    return minigan.Variable(numpy.zeros((1, 2), numpy.float32), name=name)


def counts(outputs, **kwargs):
    g = build_computational_graph(outputs, **kwargs)
    return len(g.nodes), len(g.edges)


def test_a_chain_x_f_y_g_z():
    x = variable()
    y = F.relu(x)
    z = F.tanh(y)
    assert counts([x]) == (1, 0)
    assert counts([y]) == (3, 2)
    assert counts(z) == (5, 4)
    assert counts([x, y, z]) == (5, 4)
    assert counts([z.node, z.creator]) == (5, 4)


def test_two_branches_and_two_inputs():
    x1, x2 = variable(), variable()
    y1, y2 = F.relu(x1), F.tanh(x1)
    assert counts([y1]) == (3, 2)
    assert counts([y1, y2]) == (5, 4)
    assert counts([x1 + x2]) == (4, 3)


def test_a_function_with_two_outputs_reaches_only_the_one_asked_for():
    a, b = F.split_axis(variable(), 2, axis=1)
    assert counts([a]) == (3, 2)
    assert counts([a, b]) == (4, 3)


def test_unchain_backward_cuts_the_walk():
    y = F.relu(variable())
    z = F.tanh(y)
    y.unchain_backward()
    assert counts([z]) == (3, 2)


def test_outputs_must_be_graph_nodes():
    with pytest.raises(TypeError):
        build_computational_graph([numpy.zeros(2)])
    with pytest.raises(ValueError):
        build_computational_graph([variable()], remove_split=False)
    with pytest.raises(ValueError):
        build_computational_graph([variable()], rankdir='XY')
    with pytest.raises(NotImplementedError):
        build_computational_graph([variable()]).dump('png')


def test_dump_draws_every_node_and_edge_with_labels_and_styles():
    x = variable('x')
    y = F.relu(x)
    dot = build_computational_graph([y], rankdir='LR').dump()
    assert dot.startswith('digraph graphname{rankdir=LR;') and dot.rstrip().endswith('}')
    nodes = dict(re.findall(r'^(\d+) \[(.*)\];$', dot, re.M))
    edges = re.findall(r'^(\d+) -> (\d+);$', dot, re.M)
    assert len(nodes) == 3 and len(edges) == 2
    assert all(a in nodes and b in nodes for a, b in edges)
    assert 'label="x: (1, 2), float32"' in nodes[str(id(x.node))]
    assert 'shape="octagon"' in nodes[str(id(x.node))]
    relu = nodes[str(id(y.creator))]
    assert 'label="ReLU"' in relu and 'fillcolor="#6495ED"' in relu
    assert (str(id(x.node)), str(id(y.creator))) in edges


def test_plain_styles_no_names_and_functions_only():
    x = variable('x')
    z = F.tanh(F.relu(x))
    g = build_computational_graph([z], variable_style=None, function_style=None,
                                  show_name=False)
    dot = g.dump()
    assert 'label="(1, 2), float32",shape="oval"' in dot and 'fillcolor' not in dot
    g = build_computational_graph([z], remove_variable=True)
    dot = g.dump()
    assert dot.count(' [') == 2 and dot.count('->') == 1
    assert '%d -> %d;' % (id(z.creator.inputs[0].creator), id(z.creator)) in dot


def test_the_double_backprop_graph_of_a_gradient_penalty_shows_the_grad_nodes():
    numpy.random.seed(0)
    conv = L.Convolution2D(1, 2, 3)
    x = minigan.Variable(numpy.random.randn(2, 1, 5, 5).astype(numpy.float32))
    g, = minigan.grad([F.sum(F.leaky_relu(conv(x)))], [x], enable_double_backprop=True)
    penalty = F.sum(F.square(g))
    nodes = build_computational_graph([penalty]).nodes
    labels = [n.label for n in nodes]
    # NOTE: the gradient w.r.t. x runs through W: the penalty reaches D's weights
    assert 'LeakyReLUGrad' in labels and 'Deconvolution2DFunction' in labels, labels
    assert any(getattr(n, 'name', None) == 'W' for n in nodes)


def test_a_graph_built_before_unchain_backward_still_dumps_the_same():
    z = F.tanh(F.relu(variable('x')))
    g = build_computational_graph([z], remove_variable=True)
    before = g.dump()
    z.unchain_backward()
    assert g.dump() == before and '->' in before
