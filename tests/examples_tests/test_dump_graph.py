"""--dump-graph: graph.dot holds the first D step and G step, and changes nothing else."""
import re

import numpy

from tests.examples_tests.conftest import load_example

ARGS = ['--size', '16', '--batch-size', '4', '--ch', '4', '--z-dim', '8', '--n-samples', '4',
        '--iterations', '2', '--loss', 'wgan-gp', '--augment', 'off']  # NOTE: G feeds D directly


def parse(dot):
    labels = dict(re.findall(r'^(\d+) \[label="([^"]*)"', dot, re.M))
    edges = re.findall(r'^(\d+) -> (\d+);$', dot, re.M)
    return labels, edges


def test_graph_of_a_wgan_gp_iteration_and_the_run_is_unchanged(tiny_folder, tmp_path):
    train = load_example('train_dcgan').main
    train(['--data', tiny_folder, '--out', str(tmp_path / 'plain')] + ARGS)
    train(['--data', tiny_folder, '--out', str(tmp_path / 'drawn'), '--dump-graph'] + ARGS)
    assert not (tmp_path / 'plain' / 'graph.dot').exists()
    dot = (tmp_path / 'drawn' / 'graph.dot').read_text()
    assert dot.startswith('digraph') and dot.rstrip().endswith('}')
    labels, edges = parse(dot)
    assert all(a in labels and b in labels for a, b in edges)
    names = set(labels.values())
    assert {'loss/dis: float32', 'loss/gen: float32', 'Tanh', 'LeakyReLUGrad'} <= names
    assert 'dis/c0/W: (4, 3, 4, 4), float32' in names and 'gen/l0/W: (128, 8), float32' in names
    # NOTE: G's output (Tanh) feeds D's first convolution in the G step
    tanh = [i for i, label in labels.items() if label == 'Tanh'][0]
    fake = [b for a, b in edges if a == tanh]
    assert [labels[b] for a, b in edges if a in fake] == ['Convolution2DFunction']
    plain, drawn = (numpy.load(str(tmp_path / d / 'gen.npz')) for d in ('plain', 'drawn'))
    for key in plain.files:
        numpy.testing.assert_array_equal(plain[key], drawn[key])
