"""--dump-graph: draw what one D step and one G step of a run computed, as Graphviz DOT.

``graph.dot`` holds the graph of the first iteration's discriminator loss and generator loss,
from the losses (ovals ``loss/dis`` and ``loss/gen``) back to the parameters and the data:

* the D step: D applied to a real and to a fake batch (the fake one a constant, with no path
  into G) and, for WGAN-GP, the gradient penalty, whose ``<Op>Grad`` boxes are the double
  backprop graph (the gradient of D, itself differentiated with respect to D's weights);
* the G step: G(z) through D, so D's parameters appear in both steps.

Parameters are labelled with their full path (``dis/c0/W``, ``gen/l0/W``).

Render it with Graphviz: ``dot -Tpng graph.dot -o graph.png`` (``apt-get install graphviz``).
"""
import contextlib
import os

from minigan.computational_graph import ComputationalGraph
from minigan.training import make_extension
from minigan.utils import atomic_file


def merge(graphs):
    """One ComputationalGraph with the nodes and edges of ``graphs``, each once."""
    nodes, edges, seen = [], [], set()
    for graph in graphs:
        for node in graph.nodes:
            if id(node) not in seen:
                seen.add(id(node))
                nodes.append(node)
        for head, tail in graph.edges:
            if (id(head), id(tail)) not in seen:
                seen.add((id(head), id(tail)))
                edges.append((head, tail))
    return ComputationalGraph(nodes, edges)


@contextlib.contextmanager
def full_names(**links):
    """Name every parameter of ``links`` by its path (``dis/c0/W``) inside the block."""
    saved = []
    for prefix, link in links.items():
        for path, param in link.namedparams():
            saved.append((param.node, param.node.name))
            param.node.name = prefix + path
    try:
        yield
    finally:
        for node, name in saved:
            node.name = name


def dump_graph(out_dir, filename='graph.dot'):
    """An extension that writes ``out_dir/filename`` once the first D and G steps have run."""
    path = os.path.join(out_dir, filename)

    def start(trainer):
        trainer.updater.graphs = {}

    @make_extension(trigger=(1, 'iteration'), initializer=start)
    def write_graph(trainer):
        graphs = trainer.updater.graphs
        if graphs is None or set(graphs) != {'dis', 'gen'}:
            return
        with full_names(gen=trainer.updater.gen, dis=trainer.updater.dis):
            text = merge([graphs['dis'], graphs['gen']]).dump()
        with atomic_file.atomic_path(path) as tmp_path, open(tmp_path, 'w') as f:
            f.write(text)
        trainer.updater.graphs = None
    return write_graph
