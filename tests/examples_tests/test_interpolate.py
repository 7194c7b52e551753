import numpy
import pytest
from PIL import Image, ImageSequence

from minigan import serializers
from minigan.gan import model_io
from minigan.gan.models import dcgan, pggan
from tests.examples_tests.conftest import load_example


def model_dir(tmp_path, family):
    """A run folder with model.json and randomly initialized weights (no training needed)."""
    out = tmp_path / family
    numpy.random.seed(0)
    if family == 'pggan':
        kwargs = dict(size=16, z_dim=8, ch=8)
        gen = pggan.Generator(**kwargs)
        gen.set_stage(1, 0.5)  # NOTE: saved with the weights; the walk is drawn at 8x8
    else:
        kwargs = dict(size=16, z_dim=8, ch=4)
        gen = dcgan.Generator(**kwargs)
    model_io.write_model_json(str(out), family, kwargs)
    serializers.save_npz(str(out / 'gen.npz'), gen)
    return out


def frames(path):
    with Image.open(path) as im:
        info = dict(im.info)
        return [numpy.asarray(f.convert('RGB')) for f in ImageSequence.Iterator(im)], info


def interpolate(*args):
    load_example('interpolate').main([str(a) for a in args])


@pytest.mark.parametrize('family, side', [('pggan', 8), ('dcgan', 16)])
def test_looping_gif_has_the_right_frames(tmp_path, family, side):
    model = model_dir(tmp_path, family)
    out = tmp_path / 'walk.gif'
    interpolate('--model', model, '--out', out, '--points', 3, '--frames', 4, '--fps', 10)
    images, info = frames(out)
    assert len(images) == 12 and images[0].shape == (side, side, 3)
    assert info['loop'] == 0 and info['duration'] == 100
    numpy.testing.assert_array_equal(images[0], images[-1])
    assert not numpy.array_equal(images[0], images[4])


def test_grid_scale_seed_and_no_loop(tmp_path):
    model = model_dir(tmp_path, 'pggan')
    a, b, c = tmp_path / 'a.gif', tmp_path / 'b.gif', tmp_path / 'c.gif'
    common = ['--model', model, '--points', 2, '--frames', 3, '--grid', '2x3', '--scale', 2]
    interpolate(*common, '--out', a, '--seed', 1, '--mode', 'lerp')
    interpolate(*common, '--out', b, '--seed', 1, '--mode', 'lerp')
    interpolate(*common, '--out', c, '--seed', 2, '--no-loop', '--filter', 'lanczos')
    assert a.read_bytes() == b.read_bytes()
    images, info = frames(a)
    assert images[0].shape == (2 * (2 * 10 + 2), 2 * (3 * 10 + 2), 3)
    other, info_c = frames(c)
    assert 'loop' not in info_c and len(other) == 6
    assert not numpy.array_equal(other[0], other[-1])


def test_webp_and_unknown_extension(tmp_path, capsys):
    model = model_dir(tmp_path, 'pggan')
    from PIL import features
    if features.check('webp'):
        interpolate('--model', model, '--out', tmp_path / 'w.webp', '--points', 3,
                    '--frames', 2)
        assert Image.open(tmp_path / 'w.webp').n_frames == 6
    with pytest.raises(SystemExit) as info:
        interpolate('--model', model, '--out', tmp_path / 'w.avi', '--points', 2)
    assert info.value.code == 2 and '.avi' in capsys.readouterr().err


def test_progress_gif_enlarges_the_smaller_grids(tmp_path):
    samples = tmp_path / 'run' / 'samples'
    samples.mkdir(parents=True)
    for i, side in enumerate([6, 10, 18]):
        Image.fromarray(numpy.full((side, side, 3), 40 * i, numpy.uint8)).save(
            samples / ('iter_%07d.png' % (i + 1)))
    load_example('progress_gif').main(['--run', str(tmp_path / 'run'), '--hold', '2'])
    images, info = frames(tmp_path / 'run' / 'progress.gif')
    assert len(images) == 3 and images[0].shape == (18, 18, 3) and info['loop'] == 0
    assert [int(f.mean()) for f in images] == [0, 40, 80]
    with pytest.raises(SystemExit):
        load_example('progress_gif').main(['--run', str(tmp_path)])
