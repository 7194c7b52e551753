import json
import os

import numpy
import pytest
from PIL import Image

from minigan.gan import cli, model_io, progressive
from tests.examples_tests.conftest import load_example

# 4x4 stable, 8x8 fade, 8x8 stable, 16x16 fade, 16x16 stable: 10 iterations each
ARGS = ['--max-size', '16', '--images-per-phase', '40', '--batch-size', '4', '--ch', '16',
        '--z-dim', '8', '--n-samples', '4', '--log-every', '5', '--snapshot-every', '5',
        '--flip']


@pytest.fixture(scope='module')
def folder(tmp_path_factory):
    """Eight random 32x32 RGB pictures."""
    path = tmp_path_factory.mktemp('pics')
    rng = numpy.random.RandomState(0)
    for i in range(8):
        Image.fromarray(rng.randint(0, 256, (32, 32, 3)).astype(numpy.uint8)).save(
            path / ('%d.png' % i))
    return str(path)


def train(folder, out, *extra):
    load_example('train_pggan').main(['--data', folder, '--out', str(out)] + ARGS + list(extra))


def test_cpu_preset_quick_preset_and_paper_defaults(monkeypatch, tmp_path):
    # NOTE: a fresh --out: README's first command leaves a run in result/pggan, which the
    # default --out would refuse to overwrite
    def parse(argv):
        return load_example('train_pggan').parse_args(argv + ['--out', str(tmp_path / 'r')])
    quick = parse(['--quick'])
    assert (quick.size, quick.ch, quick.z_dim) == (32, 32, 64)
    assert quick.images_per_phase == progressive.QUICK['images_per_phase']
    assert quick.iterations == quick.schedule.total_iterations == 7 * 150
    for argv in ([], ['--device', '-1'], ['--device', '@numpy']):
        cpu = parse(argv)
        assert (cpu.size, cpu.ch, cpu.z_dim, cpu.ema_decay) == (64, 32, 64, 0.99)
        assert 'CPU preset' in cpu.preset
        assert cpu.schedule.batch_sizes == {4: 16, 8: 16, 16: 16, 32: 16, 64: 8}
        assert [p.iterations for p in cpu.schedule.phases[-2:]] == [150, 150]
        assert cpu.iterations == cpu.schedule.total_iterations == 2250
        assert cpu.augment == 'off'  # NOTE: too short a run for DiffAugment (progressive.CPU)
    assert parse(['--augment', 'diffaugment']).augment == 'diffaugment'
    assert quick.augment == 'off'
    mine = parse(['--max-size', '32', '--ch', '16', '--images-per-phase', '160'])
    assert (mine.size, mine.ch, mine.z_dim) == (32, 16, 64)
    assert all(p.iterations == 10 for p in mine.schedule.phases)
    monkeypatch.setattr(cli, 'device', str)  # NOTE: --device 0 names a GPU this machine may lack
    paper = parse(['--device', '0'])
    assert paper.augment == 'auto'
    assert (paper.size, paper.ch, paper.z_dim, paper.lr) == (256, 512, 512, 1e-3)
    assert (paper.beta1, paper.beta2, paper.gp_lambda, paper.drift) == (0.0, 0.99, 10, 0.001)
    assert paper.schedule.batch_sizes[256] == 14 and paper.ema_decay == 0.999


def test_grows_to_16_writes_outputs_and_resumes_exactly_mid_fade(folder, tmp_path):
    full, part = tmp_path / 'full', tmp_path / 'part'
    train(folder, full)
    for name in ['log', 'loss.png', 'gen.npz', 'model.json', 'snapshot_iter_50.npz',
                 'samples/iter_0000005.png', 'samples/iter_0000050.png']:
        assert (full / name).exists(), name
    log = json.loads((full / 'log').read_text())
    assert [e['resolution'] for e in log] == [4, 4, 8, 8, 8, 8, 16, 16, 16, 16]
    assert log[2]['alpha'] == pytest.approx(0.2) and log[-1]['alpha'] == 1
    assert 'stage' in log[-1] and 'loss/gp' in log[-1] and 'loss/gen' in log[-1]
    spec = json.loads((full / 'model.json').read_text())
    assert spec['family'] == 'pggan' and spec['generator'] == {'size': 16, 'z_dim': 8, 'ch': 16}
    small = Image.open(full / 'samples' / 'iter_0000005.png').size
    assert Image.open(full / 'samples' / 'iter_0000050.png').size > small

    gen, _ = model_io.load_generator(str(full))
    assert (gen.stage, gen.alpha) == (2, 1.0)
    load_example('generate').main(['--model', str(full), '--n', '2',
                                   '--out-dir', str(tmp_path / 'imgs')])
    assert Image.open(tmp_path / 'imgs' / '00000.png').size == (16, 16)

    # stop at 15 (in the middle of the 8x8 fade-in), then resume from that snapshot
    train(folder, part, '--iterations', '15')
    assert json.loads((part / 'log').read_text())[-1]['alpha'] < 1
    train(folder, part, '--resume', str(part / 'snapshot_iter_15.npz'))
    a, b = numpy.load(full / 'snapshot_iter_50.npz'), numpy.load(part / 'snapshot_iter_50.npz')
    weights = [k for k in a.files if k.startswith('updater/')]
    assert any('model:gen' in k for k in weights) and any('ema' in k for k in weights)
    for key in weights:
        numpy.testing.assert_array_equal(a[key], b[key], err_msg=key)
    a, b = numpy.load(full / 'gen.npz'), numpy.load(part / 'gen.npz')
    for key in a.files:
        numpy.testing.assert_array_equal(a[key], b[key], err_msg=key)

    walk = Image.open(full / 'walk.gif')  # NOTE: every finished run ends with one
    assert walk.size == (16, 16) and walk.n_frames > 1

    load_example('progress_gif').main(['--run', str(full), '--hold', '0'])
    gif = Image.open(full / 'progress.gif')
    assert gif.n_frames == len(os.listdir(full / 'samples')) == 10
    assert gif.size == Image.open(full / 'samples' / 'iter_0000050.png').size
