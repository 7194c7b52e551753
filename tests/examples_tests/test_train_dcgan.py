import json
import os

import numpy
from PIL import Image

from tests.examples_tests.conftest import load_example

ARGS = ['--size', '16', '--batch-size', '4', '--ch', '4', '--z-dim', '8', '--n-samples', '4',
        '--log-every', '1']


def run_dcgan(folder, out, *extra):
    load_example('train_dcgan').main(['--data', folder, '--out', str(out)] + ARGS + list(extra))


def test_train_writes_every_output_and_generate_rebuilds(tiny_folder, tmp_path):
    out = tmp_path / 'run'
    run_dcgan(tiny_folder, out, '--iterations', '4', '--sample-every', '2',
              '--snapshot-every', '2')
    for name in ['log', 'loss.png', 'gen.npz', 'model.json', 'snapshot_iter_2.npz',
                 'snapshot_iter_4.npz', 'samples/iter_0000002.png', 'samples/iter_0000004.png']:
        assert (out / name).exists(), name
    log = json.loads((out / 'log').read_text())
    assert log[-1]['iteration'] == 4 and 'loss/gen' in log[-1] and 'loss/dis' in log[-1]
    spec = json.loads((out / 'model.json').read_text())
    assert spec['family'] == 'dcgan' and spec['generator'] == {'size': 16, 'z_dim': 8, 'ch': 4}
    assert spec['loss'] == 'ns' and spec['minigan_version']
    grid = Image.open(out / 'samples' / 'iter_0000004.png')
    assert grid.size[0] >= 2 * 16 and grid.mode == 'RGB'

    gen_out = tmp_path / 'imgs'
    load_example('generate').main(['--model', str(out), '--n', '3', '--out-dir', str(gen_out),
                                   '--grid', str(tmp_path / 'grid.png')])
    assert sorted(os.listdir(gen_out)) == ['00000.png', '00001.png', '00002.png']
    assert Image.open(gen_out / '00000.png').size == (16, 16)
    assert (tmp_path / 'grid.png').exists()


def test_resume_matches_uninterrupted_run(tiny_folder, tmp_path):
    full, part = tmp_path / 'full', tmp_path / 'part'
    run_dcgan(tiny_folder, full, '--iterations', '6', '--snapshot-every', '3', '--flip')
    run_dcgan(tiny_folder, part, '--iterations', '6', '--snapshot-every', '3', '--flip',
              '--resume', str(full / 'snapshot_iter_3.npz'))
    a, b = numpy.load(full / 'gen.npz'), numpy.load(part / 'gen.npz')
    assert sorted(a.files) == sorted(b.files)
    for key in a.files:
        numpy.testing.assert_array_equal(a[key], b[key], err_msg=key)


def test_wgan_gp_run_reports_the_penalty(tiny_folder, tmp_path):
    out = tmp_path / 'wgan'
    run_dcgan(tiny_folder, out, '--iterations', '2', '--loss', 'wgan-gp')
    log = json.loads((out / 'log').read_text())
    assert 'loss/gp' in log[-1]


def test_too_few_images_stops_with_one_line(tiny_folder, tmp_path, capsys):
    import pytest
    with pytest.raises(SystemExit) as info:
        run_dcgan(tiny_folder, tmp_path / 'x', '--batch-size', '64', '--iterations', '1')
    err = capsys.readouterr().err
    assert info.value.code == 1 and err.startswith('error: ') and '64' in err
    assert err.count('\n') == 1 and not (tmp_path / 'x').exists()


def test_generator_step_draws_fresh_fakes_by_default(tiny_folder, tmp_path):
    """--fake-batch fresh is DCGAN's default (README: reuse scored worse on the bundled faces);
    reuse gives G's step the D step's batch, so the same seed ends elsewhere."""
    for name, extra in (('default', ()), ('fresh', ('--fake-batch', 'fresh')),
                        ('reuse', ('--fake-batch', 'reuse'))):
        run_dcgan(tiny_folder, tmp_path / name, '--iterations', '2', *extra)
    default, fresh, reuse = (numpy.load(tmp_path / name / 'gen.npz')
                             for name in ('default', 'fresh', 'reuse'))
    for key in default.files:
        numpy.testing.assert_array_equal(default[key], fresh[key], err_msg=key)
    assert any(not numpy.array_equal(default[key], reuse[key]) for key in default.files)
    for script in ('train_sagan', 'train_pggan'):
        assert load_example(script).parse_args([]).fake_batch == 'reuse', script
