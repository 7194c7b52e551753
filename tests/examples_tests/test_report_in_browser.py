"""report.html from a short run, opened in headless Chromium: every picture must load.

Needs Debian's ``chromium`` (``apt-get install chromium``); skipped where it is absent. The
report itself holds no script; the check runs in a copy of it with one script appended.
"""
import json
import os
import re
import shutil
import subprocess
import tempfile

import pytest
from PIL import Image

from tests.examples_tests.conftest import load_example

BROWSERS = ('chromium', 'chromium-browser', 'google-chrome')
FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--no-first-run', '--hide-scrollbars']
CHECK = '''<script>
window.addEventListener('load', function () {
  var images = Array.prototype.slice.call(document.images);
  var broken = images.filter(function (i) { return !(i.complete && i.naturalWidth > 0); });
  var out = document.createElement('pre');
  out.id = 'image-check';
  out.textContent = JSON.stringify({total: images.length, broken: broken.map(
    function (i) { return i.getAttribute('src'); })});
  document.body.appendChild(out);
});
</script></body>'''


def find_browser():
    for name in BROWSERS:
        path = shutil.which(name)
        if path:
            return path
    return None


def browse(browser, url, *options):
    with tempfile.TemporaryDirectory() as profile:
        done = subprocess.run([browser] + FLAGS + ['--user-data-dir=' + profile] +
                              list(options) + [url], capture_output=True, text=True,
                              timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def check_images(folder, page):
    """{'total': images on the page, 'broken': the src of each one that did not load}."""
    check = folder / 'image_check.html'
    check.write_text(page.replace('</body>', CHECK))
    try:
        dom = browse(find_browser(), check.as_uri(), '--virtual-time-budget=10000',
                     '--dump-dom')
    finally:
        os.remove(check)
    found = re.search(r'<pre id="image-check">(.*?)</pre>', dom)
    assert found, dom[-2000:]
    return json.loads(found.group(1))


@pytest.fixture
def run_folder(tiny_folder, tmp_path):
    out = tmp_path / 'run'
    load_example('train_dcgan').main([
        '--data', tiny_folder, '--out', str(out), '--size', '16', '--batch-size', '4', '--ch',
        '4', '--z-dim', '8', '--n-samples', '4', '--iterations', '4', '--sample-every', '2',
        '--eval-every', '2', '--eval-samples', '12'])
    load_example('interpolate').main(['--model', str(out), '--points', '2', '--frames', '3'])
    load_example('evaluate').main(['--model', str(out), '--n', '6'])
    return out


@pytest.mark.skipif(find_browser() is None, reason='no chromium here (Debian: apt-get install '
                    'chromium); the report page cannot be opened in a browser')
def test_every_picture_of_the_report_loads_in_chromium(run_folder, tmp_path):
    page = (run_folder / 'report.html').read_text()
    assert '<script' not in page.lower()
    result = check_images(run_folder, page)
    assert result['broken'] == []
    # the newest grid, the animation, the best grid, loss, quality, nearest and the walk
    assert result['total'] >= 7
    os.rename(run_folder / 'loss.png', run_folder / 'moved.png')  # the check can fail
    assert check_images(run_folder, page)['broken'] == ['loss.png']
    shot = tmp_path / 'report.png'
    browse(find_browser(), (run_folder / 'report.html').as_uri(), '--window-size=1280,2400',
           '--screenshot=%s' % shot)
    image = Image.open(shot).convert('L')
    assert image.size == (1280, 2400) and image.getextrema()[0] < 100  # not a blank page
