"""--augment, --ema, --init-from, --init-optimizer and --freeze-d in every training script."""
import json

import numpy
import pytest

from tests.examples_tests.conftest import load_example

SMALL = {
    'train_dcgan': ['--size', '16', '--batch-size', '4', '--ch', '4', '--z-dim', '8'],
    'train_sagan': ['--size', '16', '--batch-size', '4', '--ch', '4', '--z-dim', '8',
                    '--attn'],
    'train_mlp_gan': ['--size', '12', '--batch-size', '4', '--hidden', '8', '--z-dim', '4'],
    'train_pggan': ['--max-size', '8', '--images-per-phase', '8', '--batch-size', '4',
                    '--ch', '8', '--z-dim', '8'],
}


def train(script, folder, out, *extra):
    load_example(script).main(['--data', folder, '--out', str(out), '--n-samples', '4',
                               '--log-every', '1'] + SMALL[script] + list(extra))


@pytest.mark.parametrize('script', sorted(SMALL))
def test_ada_logs_and_plots_p_in_every_script(script, tiny_folder, tmp_path):
    out = tmp_path / 'ada'
    train(script, tiny_folder, out, '--iterations', '4', '--augment', 'ada', '--ada-speed', '8')
    log = json.loads((out / 'log').read_text())
    p = [entry['ada/p'] for entry in log]
    assert len(p) == 4 and all(0 <= v <= 1 for v in p)
    assert (out / 'ada.png').exists()
    assert json.loads((out / 'model.json').read_text())['augment'] == 'ada'


@pytest.mark.parametrize('script', ['train_dcgan', 'train_mlp_gan'])
def test_diffaugment_and_ema_in_the_scripts_that_lacked_them(script, tiny_folder, tmp_path):
    out = tmp_path / 'ema'
    train(script, tiny_folder, out, '--iterations', '2', '--augment', 'diffaugment',
          '--diffaugment-policy', 'translation,cutout', '--ema', '0.9')
    spec = json.loads((out / 'model.json').read_text())
    assert spec['augment'] == 'diffaugment' and spec['diffaugment'] == 'translation,cutout'
    assert (out / 'gen_ema.npz').exists() and (out / 'ema' / 'samples').is_dir()


def test_ada_resume_matches_uninterrupted_run(tiny_folder, tmp_path):
    full, part = tmp_path / 'full', tmp_path / 'part'
    common = ['--iterations', '10', '--snapshot-every', '8', '--augment', 'ada',
              '--ada-speed', '64', '--ada-target', '0.2']
    train('train_dcgan', tiny_folder, full, *common)
    train('train_dcgan', tiny_folder, part, *common,
          '--resume', str(full / 'snapshot_iter_8.npz'))
    log_full = json.loads((full / 'log').read_text())
    log_part = json.loads((part / 'log').read_text())
    assert [e['ada/p'] for e in log_full] == [e['ada/p'] for e in log_part]
    assert log_part[7]['ada/p'] == 0.25  # r_t passed 0.2 at iteration 8: p rose by 16 / 64
    a, b = numpy.load(full / 'gen.npz'), numpy.load(part / 'gen.npz')
    for key in a.files:
        numpy.testing.assert_array_equal(a[key], b[key], err_msg=key)


@pytest.fixture
def source_run(tiny_folder, tmp_path):
    out = tmp_path / 'source'
    train('train_dcgan', tiny_folder, out, '--iterations', '3', '--augment', 'off')
    return out


def _weights(npz, prefix):
    return {k[len(prefix):]: npz[k] for k in npz.files
            if k.startswith(prefix) and k.endswith(('/W', '/b', '/gamma', '/beta'))}


def test_init_from_starts_from_the_source_and_freeze_d_keeps_blocks(
        source_run, tiny_folder, tmp_path):
    out = tmp_path / 'tuned'
    train('train_dcgan', tiny_folder, out, '--iterations', '2', '--augment', 'off',
          '--init-from', str(source_run), '--init-optimizer', '--freeze-d', '1',
          '--snapshot-every', '2')
    source = numpy.load(source_run / 'snapshot_iter_3.npz')
    tuned = numpy.load(out / 'snapshot_iter_2.npz')
    before = _weights(source, 'updater/model:dis/')
    after = _weights(tuned, 'updater/model:dis/')
    numpy.testing.assert_array_equal(after['c0/W'], before['c0/W'])   # frozen block 1
    assert not numpy.array_equal(after['out/W'], before['out/W'])     # trained
    # the optimizer went on counting from the source's 3 steps
    assert int(tuned['updater/optimizer:gen/t']) == 3 + 2
    spec = json.loads((out / 'model.json').read_text())
    assert spec['init_from'].endswith('source') and spec['freeze_d'] == 1


def test_init_from_a_different_architecture_names_the_keys(source_run, tiny_folder, tmp_path):
    out = tmp_path / 'wrong'
    with pytest.raises(SystemExit) as info:
        train('train_dcgan', tiny_folder, out, '--iterations', '1', '--ch', '8',
              '--init-from', str(source_run))
    text = str(info.value)
    assert text.startswith('error: ') and '\n' not in text
    assert 'generator' in text and 'bn0/gamma (8,) vs (16,)' in text and 'shape differs' in text
    assert not out.exists()


@pytest.mark.parametrize('extra, message', [
    (['--freeze-d', '1'], '--init-from'),
    (['--init-from', 'nowhere'], 'does not exist'),
    (['--augment', 'ada', '--ada-target', '1.5'], '--ada-target'),
    (['--diffaugment-policy', 'color,flip'], 'flip'),
])
def test_remedy_mistakes_stop_with_one_line(tiny_folder, tmp_path, capsys, extra, message):
    with pytest.raises(SystemExit) as info:
        train('train_dcgan', tiny_folder, tmp_path / 'x', '--iterations', '1', *extra)
    assert message in capsys.readouterr().err + str(info.value)
    assert not (tmp_path / 'x').exists()


def test_pggan_fine_tuning_trains_at_full_size_from_the_first_iteration(
        tiny_folder, tmp_path):
    source, tuned = tmp_path / 'grown', tmp_path / 'tuned'
    train('train_pggan', tiny_folder, source)
    train('train_pggan', tiny_folder, tuned, '--init-from', str(source), '--iterations', '3',
          '--freeze-d', '1')
    log = json.loads((tuned / 'log').read_text())
    assert [e['stage'] for e in log] == [1, 1, 1] and log[0]['alpha'] == 1.0


def test_pggan_with_diffaugment_from_4x4_up(tiny_folder, tmp_path):
    out = tmp_path / 'pg'
    train('train_pggan', tiny_folder, out, '--augment', 'diffaugment')
    log = json.loads((out / 'log').read_text())
    assert {e['resolution'] for e in log} == {4, 8}
    assert json.loads((out / 'model.json').read_text())['augment'] == 'diffaugment'
