import html
import html.parser
import json
import os

import numpy
from PIL import Image

from minigan.gan import report, sampling


class Sources(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.src, self.scripts = [], 0

    def handle_starttag(self, tag, attrs):
        self.scripts += tag == 'script'
        self.src += [value for name, value in attrs if name == 'src']


def fake_run(folder):
    """A run folder as a short training run, evaluate.py and interpolate.py leave it."""
    rng = numpy.random.RandomState(0)
    for iteration in (50, 100):
        sampling.save_grid(os.path.join(folder, 'samples', 'iter_%07d.png' % iteration),
                           rng.randint(0, 255, (4, 8, 8, 3)).astype(numpy.uint8))
    for name in ('loss.png', 'quality.png', 'nearest.png'):
        Image.new('RGB', (20, 10)).save(os.path.join(folder, name))
    sampling.save_animation(os.path.join(folder, 'my walk.gif'),
                            [numpy.zeros((8, 8, 3), numpy.uint8)] * 2)
    scores = {'quality/' + k: 0.5 for k in ('kd', 'precision', 'recall', 'density', 'coverage',
                                            'diversity', 'duplicates', 'memorized',
                                            'memorized_pixels')}
    log = [dict(scores, iteration=50, **{'quality/fd': 30.0}),
           dict(scores, iteration=100, alarm='mode collapse? <everything>',
                **{'quality/fd': 20.0}),
           {'iteration': 120, 'rollback': 'diverged at 120; back to 100'}]
    with open(os.path.join(folder, 'log'), 'w') as f:
        json.dump(log, f)
    with open(os.path.join(folder, 'model.json'), 'w') as f:
        json.dump({'family': 'dcgan', 'generator': {'size': 8}}, f)
    os.makedirs(os.path.join(folder, 'report'))
    with open(os.path.join(folder, 'report', 'run.json'), 'w') as f:
        json.dump({'launches': [{'command': ['python', 'train.py', '--data', 'a b/<x>'],
                                 'cwd': '/w', 'started': 'today', 'resume': None}],
                   'options': {'iterations': 200, 'eval_samples': 64},
                   'dataset': {'root': '/pics', 'count': 5, 'skipped': ['notes.txt'],
                               'size': 8, 'fit': 'crop', 'background': 'white'}}, f)


def test_the_page_links_only_files_beside_it(tmp_path):
    fake_run(str(tmp_path))
    page = open(report.write_report(str(tmp_path))).read()
    parser = Sources()
    parser.feed(page)
    assert parser.scripts == 0 and 'http-equiv="refresh"' not in page
    assert set(parser.src) == {'samples/iter_0000100.png', 'report/progress.gif',
                               'loss.png', 'quality.png', 'nearest.png', 'my%20walk.gif'}
    for src in parser.src:
        assert os.path.exists(os.path.join(tmp_path, src.replace('%20', ' '))), src
    assert 'best quality so far: fd 20 at iteration 100' in page
    assert 'mode collapse? &lt;everything&gt;' in page and 'back to 100' in page
    assert html.escape("--data 'a b/<x>'") in page  # the exact command, quoted for a shell
    assert 'notes.txt' in page and 'iteration 120 of 200' in page
    for row in (('fd', '20', 'lower'), ('precision', '0.5', 'higher'), ('diversity', '0.5', '~1')):
        assert '<td>%s</td><td>%s</td><td>%s</td>' % row in page  # which way is better
    progress = Image.open(tmp_path / 'report' / 'progress.gif')
    assert progress.n_frames == 2  # GIF merges the held copies of the newest grid into one
    progress.seek(1)
    assert progress.info['duration'] == (1 + report.HOLD) * 1000 // report.FPS


def test_a_running_trainers_page_reloads_and_an_empty_folder_works(tmp_path):
    page = open(report.write_report(str(tmp_path), status={
        'iteration': 0, 'total': 10, 'elapsed': 0.0, 'running': True})).read()
    assert 'http-equiv="refresh"' in page and 'No sample grid yet' in page
    assert report.refresh(str(tmp_path / 'missing')) is None
