"""examples/dcgan_minimal.py: the one-file loop trains, writes its grids and refuses bad input."""
import numpy
import pytest
from PIL import Image

from tests.examples_tests.conftest import load_example


def test_a_few_iterations_write_the_sample_grids_and_move_both_networks(tiny_folder, tmp_path):
    module = load_example('dcgan_minimal')
    out = tmp_path / 'run'
    module.main(['--data', tiny_folder, '--iterations', '3', '--batch-size', '4',
                 '--sample-every', '2', '--out', str(out)])
    names = sorted(p.name for p in (out / 'samples').iterdir())
    assert names == ['iter_0000002.png', 'iter_0000003.png']
    grid = numpy.asarray(Image.open(out / 'samples' / 'iter_0000003.png'))
    assert grid.shape == (8 * 34 + 2, 8 * 34 + 2, 3) and grid.std() > 0


def test_shapes_follow_the_comments():
    module = load_example('dcgan_minimal')
    z = module.sample_z(2)
    x = module.Generator()(z)
    assert x.shape == (2, 3, 32, 32)
    assert module.Discriminator()(x).shape == (2, 1)


@pytest.mark.parametrize('args, message, code', [
    (['--iterations', '0'], "expected a positive integer, got '0'", 2),
    (['--data', '/nonexistent/folder'], 'does not exist', 1),
])
def test_mistakes_get_one_error_line(tmp_path, capsys, args, message, code):
    with pytest.raises(SystemExit) as e:
        load_example('dcgan_minimal').main(args + ['--out', str(tmp_path / 'run')])
    err = capsys.readouterr().err.splitlines()
    assert e.value.code == code and len(err) == 1
    assert err[0].startswith('error:') and message in err[0]
    assert not (tmp_path / 'run').exists()


def test_a_used_output_folder_is_refused(tiny_folder, tmp_path, capsys):
    (tmp_path / 'run').mkdir()
    (tmp_path / 'run' / 'mine.txt').write_text('keep me')
    with pytest.raises(SystemExit):
        load_example('dcgan_minimal').main(['--data', tiny_folder, '--out', str(tmp_path / 'run')])
    assert 'not empty' in capsys.readouterr().err
    assert (tmp_path / 'run' / 'mine.txt').read_text() == 'keep me'
