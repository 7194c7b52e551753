"""Draw the graph define-by-run recorded, as Graphviz DOT (Chainer's ``computational_graph``).

    g = build_computational_graph([loss])
    with open('graph.dot', 'w') as f:
        f.write(g.dump())                        # then: dot -Tpng graph.dot -o graph.png

Ovals are variables (name, shape, dtype), boxes the FunctionNodes that made them. The walk goes
backward from the outputs along each variable's ``creator`` and each function's ``inputs``,
the very edges ``backward`` follows. A gradient taken with ``enable_double_backprop=True`` (the
WGAN-GP penalty) is itself such a graph, so its ``<Op>Grad`` boxes show what a second backward
runs through. Nothing here changes the graph; a graph cut by ``unchain_backward`` ends where
it was cut.
"""
from minigan.core.function_node import FunctionNode
from minigan.core.variable import Variable
from minigan.core.variable_node import VariableNode

DEFAULT_VARIABLE_STYLE = {'shape': 'octagon', 'fillcolor': '#E0E0E0', 'style': 'filled'}
DEFAULT_FUNCTION_STYLE = {'shape': 'record', 'fillcolor': '#6495ED', 'style': 'filled'}
RANKDIRS = ('TB', 'BT', 'LR', 'RL')


def _quote(text):
    """``text`` as a DOT string body: backslashes and double quotes escaped."""
    return str(text).replace('\\', '\\\\').replace('"', '\\"')


class DotNode:
    """One node of the drawing: a VariableNode or a FunctionNode with its DOT attributes.

    ``attribute``: extra DOT attributes (they win over the defaults); ``show_name``: put a
    variable's ``name`` before its shape in the label.
    """

    def __init__(self, node, attribute=None, show_name=True):
        if not isinstance(node, (VariableNode, FunctionNode)):
            raise TypeError('a DotNode draws a VariableNode or a FunctionNode, got %s'
                            % type(node).__name__)
        self.node = node
        self.id_ = id(node)
        label = node.label
        if isinstance(node, VariableNode):
            if show_name and node.name is not None:
                label = '%s: %s' % (node.name, label)
            self.attribute = {'label': label, 'shape': 'oval'}
        else:
            self.attribute = {'label': label, 'shape': 'box'}
        self.attribute.update(attribute or {})

    @property
    def label(self):
        """The DOT statement of this node: ``<id> [key="value",...];``."""
        body = ','.join('%s="%s"' % (key, _quote(value)) for key, value in self.attribute.items())
        return '%d [%s];' % (self.id_, body)


class ComputationalGraph:
    """Nodes and (head, tail) edges of a graph, drawn by ``dump()``.

    nodes: VariableNodes and FunctionNodes; edges: pairs (variable, function it feeds) and
    (function, variable it made). variable_style / function_style: DOT attributes of each kind
    of node, ``'default'`` for grey octagons and blue records, None for Graphviz's plain ones.
    rankdir: 'TB', 'BT', 'LR' or 'RL'. remove_variable: draw only the functions, an edge
    wherever one function's output feeds another. show_name: variables' names in labels.
    """

    def __init__(self, nodes, edges, variable_style='default', function_style='default',
                 rankdir='TB', remove_variable=False, show_name=True):
        if rankdir not in RANKDIRS:
            raise ValueError('rankdir must be one of %s, got %r' % (', '.join(RANKDIRS), rankdir))
        self.nodes = nodes
        self.edges = edges
        self.variable_style = _style(variable_style, DEFAULT_VARIABLE_STYLE)
        self.function_style = _style(function_style, DEFAULT_FUNCTION_STYLE)
        self.rankdir = rankdir
        self.remove_variable = remove_variable
        self.show_name = show_name

    def _dot_node(self, node):
        style = self.variable_style if isinstance(node, VariableNode) else self.function_style
        return DotNode(node, style, self.show_name)

    def _drawn_edges(self):
        """The edges to draw; with ``remove_variable``, function -> function through a variable."""
        if not self.remove_variable:
            return self.edges
        # NOTE: from the edge list alone, so a graph stays drawable after unchain_backward
        creators = {id(tail): head for head, tail in self.edges if isinstance(tail, VariableNode)}
        return _unique((creators[id(head)], tail) for head, tail in self.edges
                       if isinstance(head, VariableNode) and id(head) in creators)

    def _to_dot(self):
        lines = ['digraph graphname{rankdir=%s;' % self.rankdir]
        for node in self.nodes:
            if not (self.remove_variable and isinstance(node, VariableNode)):
                lines.append(self._dot_node(node).label)
        for head, tail in self._drawn_edges():
            lines.append('%d -> %d;' % (id(head), id(tail)))
        lines.append('}')
        return '\n'.join(lines) + '\n'

    def dump(self, format='dot'):
        """The graph as text in ``format``; only 'dot' (Graphviz) exists."""
        if format != 'dot':
            raise NotImplementedError("only format='dot' is supported, got %r" % (format,))
        return self._to_dot()


def _style(style, default):
    if style is None:
        return {}
    return dict(default) if isinstance(style, str) and style == 'default' else dict(style)


def _unique(pairs):
    """The pairs in order of first appearance, each once."""
    seen, out = set(), []
    for head, tail in pairs:
        key = (id(head), id(tail))
        if key not in seen:
            seen.add(key)
            out.append((head, tail))
    return out


def build_computational_graph(outputs, remove_split=True, variable_style='default',
                              function_style='default', rankdir='TB', remove_variable=False,
                              show_name=True):
    """The graph of every variable and function backward-reachable from ``outputs``.

    outputs: a Variable, VariableNode or FunctionNode, or a list of them. A function's other
    outputs, which do not lead to ``outputs``, are left out. The style arguments are
    :class:`ComputationalGraph`'s; ``remove_split`` exists for Chainer's signature and must be
    True. Returns a :class:`ComputationalGraph`; ``.dump()`` gives its DOT text.
    """
    if not remove_split:
        raise ValueError('remove_split=False is not supported (as in Chainer 7)')
    kinds = (Variable, VariableNode, FunctionNode)
    if isinstance(outputs, kinds):
        outputs = [outputs]
    elif not all(isinstance(o, kinds) for o in outputs):
        raise TypeError('outputs must be Variables, VariableNodes or FunctionNodes')

    nodes, seen_nodes, edges, seen_edges = [], set(), [], set()

    def visit(node):
        if id(node) not in seen_nodes:
            seen_nodes.add(id(node))
            nodes.append(node)
            stack.append(node)

    def connect(head, tail):
        if (id(head), id(tail)) not in seen_edges:
            seen_edges.add((id(head), id(tail)))
            edges.append((head, tail))

    stack = []
    for output in outputs:
        visit(output.node if isinstance(output, Variable) else output)
    while stack:
        node = stack.pop()
        if isinstance(node, VariableNode):
            if node.creator is not None:
                visit(node.creator)
                connect(node.creator, node)
        else:
            for input_node in node.inputs or ():
                visit(input_node)
                connect(input_node, node)
    return ComputationalGraph(nodes, edges, variable_style, function_style, rankdir,
                              remove_variable, show_name)
