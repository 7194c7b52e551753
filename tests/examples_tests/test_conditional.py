"""--conditional in train_dcgan.py and train_sagan.py, generate.py --class, interpolate.py
--classes."""
import json
import os

import numpy
import pytest
from PIL import Image

from tests.examples_tests.conftest import load_example

SMALL = {
    'train_dcgan': ['--size', '16', '--batch-size', '4', '--ch', '4', '--z-dim', '8'],
    'train_sagan': ['--size', '16', '--batch-size', '4', '--ch', '4', '--z-dim', '8',
                    '--attn', '8'],
}


@pytest.fixture
def classes(tmp_path):
    root = tmp_path / 'sushi'
    rng = numpy.random.RandomState(0)
    for name, n in (('maguro', 5), ('tamago', 3)):
        (root / name).mkdir(parents=True)
        for i in range(n):
            colour = (200, 30, 40) if name == 'maguro' else (240, 210, 60)
            image = rng.randint(0, 40, (20, 20, 3)) + numpy.array(colour) // 2
            Image.fromarray(image.astype(numpy.uint8)).save(root / name / ('%d.png' % i))
    return str(root)


def train(script, folder, out, *extra):
    load_example(script).main(['--data', folder, '--out', str(out), '--n-samples', '4',
                               '--iterations', '2', '--conditional'] + SMALL[script]
                              + list(extra))


@pytest.mark.parametrize('script', sorted(SMALL))
def test_conditional_run_lists_classes_and_records_them(script, classes, tmp_path, capsys):
    out = tmp_path / 'run'
    train(script, classes, out, '--augment', 'ada')
    assert '2 classes: maguro (5), tamago (3)' in capsys.readouterr().out
    spec = json.loads((out / 'model.json').read_text())
    assert spec['class_names'] == ['maguro', 'tamago'] and spec['generator']['n_classes'] == 2
    assert (out / 'samples' / 'iter_0000002.png').exists()


def test_generate_draws_one_class_or_a_block_per_class(classes, tmp_path, capsys):
    out = tmp_path / 'run'
    train('train_dcgan', classes, out)
    generate = load_example('generate').main
    generate(['--model', str(out), '--n', '3', '--class', 'tamago',
              '--out-dir', str(tmp_path / 'one')])
    assert sorted(os.listdir(tmp_path / 'one')) == ['tamago_00000.png', 'tamago_00001.png',
                                                    'tamago_00002.png']
    generate(['--model', str(out), '--n', '3', '--grid', str(tmp_path / 'all.png')])
    assert 'maguro: 3, tamago: 3' in capsys.readouterr().out
    # two rows of three 16-pixel images with 2-pixel gaps: one row per class
    assert Image.open(tmp_path / 'all.png').size == (2 + 3 * 18, 2 + 2 * 18)
    with pytest.raises(SystemExit) as info:
        generate(['--model', str(out), '--class', 'salmon'])
    assert 'its classes are: maguro, tamago' in str(info.value)


def test_class_option_on_an_unconditional_model_is_refused(tiny_folder, tmp_path):
    out = tmp_path / 'plain'
    load_example('train_dcgan').main(['--data', tiny_folder, '--out', str(out),
                                      '--iterations', '1', '--n-samples', '4']
                                     + SMALL['train_dcgan'])
    with pytest.raises(SystemExit, match='not class-conditional'):
        load_example('generate').main(['--model', str(out), '--class', 'x'])
    with pytest.raises(SystemExit, match='not class-conditional'):
        load_example('interpolate').main(['--model', str(out), '--classes', 'a,b'])


def test_interpolate_morphs_between_classes_with_z_fixed(classes, tmp_path, capsys):
    out = tmp_path / 'run'
    train('train_dcgan', classes, out)
    gif = tmp_path / 'morph.gif'
    load_example('interpolate').main(['--model', str(out), '--classes', 'maguro,tamago',
                                      '--frames', '4', '--out', str(gif)])
    # 2 classes x 4 frames, looping back to maguro (Pillow merges identical GIF frames)
    assert 'wrote 8 frames' in capsys.readouterr().out and gif.exists()
    interp = load_example('interpolate')
    gen, spec = interp.model_io.load_generator(str(out))
    latents, weights = interp.class_walk(gen, spec['class_names'], ['maguro', 'tamago'], 4,
                                         1, True, 0)
    assert (latents == latents[0]).all()  # z fixed
    w = weights[:, 0]
    assert w.shape == (8, 2) and numpy.allclose(w.sum(axis=1), 1)
    numpy.testing.assert_array_equal(w[[0, -1]], [[1, 0], [1, 0]])  # the loop closes
    assert w[:, 1].max() > 0.8 and (numpy.diff(w[:4, 1]) > 0).all()


def test_conditional_with_a_flat_folder_stops_with_one_line(tiny_folder, tmp_path):
    with pytest.raises(SystemExit) as info:
        load_example('train_dcgan').main(['--data', tiny_folder, '--out', str(tmp_path / 'x'),
                                          '--conditional'] + SMALL['train_dcgan'])
    assert str(info.value).startswith('error: ') and 'class subfolder' in str(info.value)
    assert not (tmp_path / 'x').exists()
