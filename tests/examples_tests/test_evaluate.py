import json

import numpy
import pytest
from PIL import Image

from minigan.gan import metrics
from tests.examples_tests.conftest import load_example

TRAIN = ['--size', '16', '--batch-size', '4', '--ch', '4', '--z-dim', '8', '--n-samples', '4',
         '--iterations', '2', '--eval-every', '0']


@pytest.fixture
def trained(tiny_folder, tmp_path):
    out = tmp_path / 'run'
    load_example('train_dcgan').main(['--data', tiny_folder, '--out', str(out)] + TRAIN)
    return out


def test_prints_the_table_and_writes_the_sheet(trained, capsys):
    load_example('evaluate').main(['--model', str(trained), '--n', '10'])
    printed = capsys.readouterr().out
    assert 'scoring 10 samples' in printed and 'against 8 training images' in printed
    for key in metrics.KEYS:
        assert '\n  %s ' % key in printed
    assert "not with papers' Inception FIDs" in printed
    sheet = Image.open(trained / 'nearest.png')
    # 10 rows of [sample | 3 neighbours], 16x16 images enlarged to 64x64 cells
    assert sheet.size[0] > 4 * 64 and sheet.size[1] > 10 * 64
    result = json.loads((trained / 'evaluation.json').read_text())
    assert set(metrics.KEYS) <= set(result) and result['n_fake'] == 10
    assert result['weights'] == 'gen.npz' and result['nearest'] == 'nearest.png'


def test_the_likeliest_copies_come_first(trained, tiny_folder, tmp_path):
    # a sheet's first row is the sample with the smallest memorization ratio
    from minigan.gan import data
    real = data.ImageFolder(tiny_folder, 16, log=lambda m: None).images
    reference = metrics.Reference(real)
    fake = numpy.concatenate([real[3:4] // 2 + 60, real[5:6]])  # row 1 is an exact copy
    index, distance, suspicion = reference.nearest(fake)
    assert suspicion[1] == pytest.approx(0, abs=1e-6) and index[1, 0] == 5
    assert suspicion[0] > suspicion[1]


def test_errors_are_one_line(trained, tmp_path, tiny_folder):
    evaluate = load_example('evaluate').main
    with pytest.raises(SystemExit, match='error: .*model.json not found'):
        evaluate(['--model', str(tmp_path)])
    spec = json.loads((trained / 'model.json').read_text())
    del spec['data']
    (trained / 'model.json').write_text(json.dumps(spec))
    with pytest.raises(SystemExit, match='error: pass --data DIR'):
        evaluate(['--model', str(trained)])
    with pytest.raises(SystemExit, match='error: no generator weights .*--eval-every'):
        evaluate(['--model', str(trained), '--best', '--data', tiny_folder])
    evaluate(['--model', str(trained), '--data', tiny_folder, '--n', '4',
              '--out', str(tmp_path / 'sheet.png')])
    assert (tmp_path / 'sheet.png').exists()
