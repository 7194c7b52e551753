import hashlib
import json
import os

import numpy
import pytest
from PIL import Image

from minigan.gan.data import ImageFolder
from minigan.gan.prepare import folder, images, report
from tests.gan_tests.prepare_tests.messy import make_messy_folder

FACES = os.path.join(os.path.dirname(__file__), '..', '..', '..', 'examples', 'data',
                     'twemoji-faces-64')
OPTIONS = images.Options(size=32, fit='auto', background=(255, 255, 255), margin=0.08,
                         trim=True, crop=True)


def _fingerprint(root):
    out = {}
    for dirpath, _, names in os.walk(root):
        for name in names:
            path = os.path.join(dirpath, name)
            with open(path, 'rb') as f:
                out[os.path.relpath(path, root)] = (hashlib.sha1(f.read()).hexdigest(),
                                                    os.stat(path).st_mtime_ns)
    return out


@pytest.fixture(scope='module')
def messy(tmp_path_factory):
    root = tmp_path_factory.mktemp('messy')
    faces = sorted(os.path.join(FACES, n) for n in os.listdir(FACES))[::9][:12]
    kinds = make_messy_folder(faces, str(root / 'in'))
    before = _fingerprint(root / 'in')
    result = folder.prepare_folder(str(root / 'in'), str(root / 'out'), OPTIONS, log=None)
    report.write_report(str(root / 'out'), result)
    return root, kinds, result, before


def test_input_is_never_modified(messy):
    root, _, _, before = messy
    assert _fingerprint(root / 'in') == before


def test_unreadable_files_are_named_and_skipped(messy):
    _, kinds, result, _ = messy
    bad = {i['source'] for i in result['items'] if 'error' in i}
    assert bad == {name for name, kind in kinds.items() if kind == 'unreadable'}


def test_exact_and_near_duplicates_are_grouped_and_one_kept(messy):
    root, kinds, result, _ = messy
    dropped = {i['source']: i['dropped_as_duplicate_of'] for i in result['items']
               if 'dropped_as_duplicate_of' in i}
    expected = {name: kind.split(':')[1] for name, kind in kinds.items() if 'dup:' in kind}
    assert dropped == expected
    assert sorted(g['kind'] for g in result['groups']) == ['exact', 'near']
    assert not (root / 'out' / 'copy_of_first.png').exists()


def test_letterbox_bars_are_trimmed_and_do_not_reach_the_output(messy):
    root, _, result, _ = messy
    steps = {i['source']: i['steps'] for i in result['items'] if 'steps' in i}
    assert set(steps['letterbox_lr.jpg']['bars']) == {'left', 'right'}
    assert set(steps['photo_letterbox_tb.png']['bars']) == {'top', 'bottom'}
    assert all(not s['bars'] for n, s in steps.items() if 'letterbox' not in n)
    for name in ('letterbox_lr.png', 'photo_letterbox_tb.png'):
        x = numpy.asarray(Image.open(root / 'out' / name)).astype(int)
        edges = [x[:, 0], x[:, -1], x[0], x[-1]]
        assert min(e.mean() for e in edges) > 60, name  # the black / white bars are gone


def test_objects_are_cropped_and_padded_with_their_background(messy):
    _, _, result, _ = messy
    steps = {i['source']: i['steps'] for i in result['items'] if 'steps' in i}
    odd = steps['odd_size.jpg']
    assert odd['background'] == 'plain' and odd['fit'] == 'pad' and odd['object_box']
    assert odd['fill'][:3] == pytest.approx([250, 240, 200], abs=3)
    assert steps['palette.gif']['background'] == 'alpha'
    assert steps['photo_letterbox_tb.png']['fit'] == 'crop'   # no background: not padded


def test_outputs_are_square_rgb_and_the_loader_skips_the_report(messy):
    root, _, result, _ = messy
    written = [i['out'] for i in result['items']
               if 'out' in i and 'dropped_as_duplicate_of' not in i]
    for name in written:
        image = Image.open(root / 'out' / name)
        assert image.size == (32, 32) and image.mode == 'RGB'
    for name in ('report.html', 'contact_sheet.png', 'prepared.json'):
        assert (root / 'out' / name).exists()
    dataset = ImageFolder(str(root / 'out'), 32, log=lambda m: None)
    assert sorted(os.path.basename(p) for p in dataset.paths) == sorted(written)
    assert dataset.skipped == []
    manifest = json.loads((root / 'out' / 'prepared.json').read_text())
    assert len(manifest['items']) == len(result['items'])
    sheet = Image.open(root / 'out' / 'contact_sheet.png')
    assert sheet.size[0] >= 3 * 32


def test_report_names_every_problem(messy):
    root, kinds, _, _ = messy
    page = (root / 'out' / 'report.html').read_text()
    for name, kind in kinds.items():
        if kind == 'unreadable' or 'letterbox' in kind or 'dup' in kind:
            assert name in page, name
    for heading in ('format', 'mode', 'size (W x H)', 'aspect ratio', 'Duplicate groups'):
        assert heading in page


def test_keep_duplicates_writes_every_copy(tmp_path, messy):
    root, kinds, _, _ = messy
    result = folder.prepare_folder(str(root / 'in'), str(tmp_path / 'all'), OPTIONS, True,
                                   log=None)
    assert not any('dropped_as_duplicate_of' in i for i in result['items'])
    assert (tmp_path / 'all' / 'copy_of_first.png').exists() and result['groups']


def test_refuses_an_output_that_is_not_new_or_inside_the_input(tmp_path, messy):
    root = messy[0]
    (tmp_path / 'full').mkdir()
    (tmp_path / 'full' / 'x.txt').write_text('mine')
    for dst in (tmp_path / 'full', root / 'in' / 'sub', root / 'in'):
        with pytest.raises(folder.PrepareError):
            folder.prepare_folder(str(root / 'in'), str(dst), OPTIONS, log=None)
    assert (tmp_path / 'full' / 'x.txt').read_text() == 'mine'
    assert not (root / 'in' / 'sub').exists()


def test_subfolders_are_kept(tmp_path):
    for cls in ('cats', 'dogs'):
        (tmp_path / 'in' / cls).mkdir(parents=True)
        Image.new('RGB', (20, 30), (10, 20, 30) if cls == 'cats' else (200, 0, 0)).save(
            tmp_path / 'in' / cls / 'a.png')
    folder.prepare_folder(str(tmp_path / 'in'), str(tmp_path / 'out'), OPTIONS, log=None)
    assert (tmp_path / 'out' / 'cats' / 'a.png').exists()
    assert (tmp_path / 'out' / 'dogs' / 'a.png').exists()
