import os

import pytest
from PIL import Image

from tests.examples_tests.conftest import load_example


def _folder(tmp_path):
    src = tmp_path / 'in'
    src.mkdir()
    for i, colour in enumerate([(200, 30, 30), (30, 200, 30), (30, 30, 200)]):
        image = Image.new('RGBA', (40, 30), (0, 0, 0, 0))
        image.paste(colour + (255,), (5 + 5 * i, 5, 25 + 5 * i, 25))
        image.save(src / ('%d.png' % i))
    Image.new('RGB', (40, 30), (200, 30, 30)).save(src / 'flat.jpg')
    (src / 'readme.txt').write_text('not a picture')
    return src


def test_prepares_a_folder_and_prints_a_summary(tmp_path, capsys):
    src = _folder(tmp_path)
    load_example('prepare_data').main([str(src), str(tmp_path / 'out'), '--size', '16',
                                       '--aug-preview'])
    out = capsys.readouterr().out
    assert '4 images written' in out and 'readme.txt' in out and 'report.html' in out
    assert sorted(os.listdir(tmp_path / 'out')) == [
        '0.png', '1.png', '2.png', 'aug_preview.png', 'contact_sheet.png', 'flat.png',
        'prepared.json', 'report.html']
    assert Image.open(tmp_path / 'out' / '0.png').size == (16, 16)
    # 4 rows (all the images) of 1 + 3 * 4 columns of 16 pixels and 2-pixel gaps
    assert Image.open(tmp_path / 'out' / 'aug_preview.png').size == (2 + 13 * 18, 2 + 4 * 18)
    assert 'aug_preview.png' in (tmp_path / 'out' / 'report.html').read_text()


@pytest.mark.parametrize('args, message', [
    (['missing_in', 'out'], 'does not exist'),
    (['in', 'in/sub'], 'must not contain each other'),
])
def test_folder_mistakes_stop_with_one_line(tmp_path, monkeypatch, args, message):
    _folder(tmp_path)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as info:
        load_example('prepare_data').main(args)
    text = str(info.value)
    assert text.startswith('error: ') and message in text and '\n' not in text
    assert not (tmp_path / 'out').exists() and not (tmp_path / 'in' / 'sub').exists()


@pytest.mark.parametrize('option', [['--size', '2'], ['--margin', '3'],
                                    ['--background', 'plaid'], ['--fit', 'zoom']])
def test_bad_options_are_refused_before_anything_is_written(tmp_path, capsys, option):
    src = _folder(tmp_path)
    with pytest.raises(SystemExit) as info:
        load_example('prepare_data').main([str(src), str(tmp_path / 'out')] + option)
    assert info.value.code == 2 and 'error:' in capsys.readouterr().err
    assert not (tmp_path / 'out').exists()
