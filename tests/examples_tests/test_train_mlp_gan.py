import json

import numpy

from tests.examples_tests.conftest import load_example


def test_mlp_gan_trains_on_grayscale_and_generate_rebuilds(tiny_folder, tmp_path):
    out = tmp_path / 'mlp'
    load_example('train_mlp_gan').main([
        '--data', tiny_folder, '--out', str(out), '--size', '12', '--batch-size', '4',
        '--hidden', '8', '--z-dim', '4', '--iterations', '3', '--n-samples', '4'])
    spec = json.loads((out / 'model.json').read_text())
    assert spec['family'] == 'mlp' and spec['generator']['channels'] == 1
    assert (out / 'samples' / 'iter_0000003.png').exists()
    weights = numpy.load(out / 'gen.npz')
    assert weights['l2/W'].shape == (12 * 12, 16)
    load_example('generate').main(['--model', str(out), '--n', '2',
                                   '--grid', str(tmp_path / 'grid.png')])
    assert (tmp_path / 'grid.png').exists()
