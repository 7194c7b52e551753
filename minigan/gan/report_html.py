"""The HTML of report.html, from the dict that ``report.collect`` reads out of a run folder.

Plain HTML and inline CSS; every picture is a relative link (``samples/iter_0000900.png``)
and no script is loaded from anywhere, so the page works offline and from any copy of the
folder. Each ``_section`` function returns one ``<section>``.
"""
import datetime
import html
import shlex
import urllib.parse

from minigan.gan.metrics import KEYS

CSS = '''
body { font-family: sans-serif; margin: 1.5em auto; max-width: 1180px; color: #222; }
h1 { font-size: 1.5em; margin-bottom: 0.2em; } h2 { font-size: 1.15em; margin-top: 1.6em; }
section { border-top: 1px solid #ddd; }
img { image-rendering: pixelated; max-width: 100%; border: 1px solid #ccc; }
figure { display: inline-block; margin: 0.4em 1em 0.4em 0; vertical-align: top; }
figcaption { font-size: 0.85em; color: #555; }
table { border-collapse: collapse; font-size: 0.9em; }
td, th { border: 1px solid #ddd; padding: 0.2em 0.6em; text-align: left; }
pre { background: #f5f5f5; padding: 0.6em; white-space: pre-wrap; word-break: break-all; }
.note { color: #666; font-size: 0.9em; } .alarm { color: #b00; } .ok { color: #070; }
.scroll { max-height: 900px; overflow-y: auto; }
'''


def render(info):
    """The whole page as a string."""
    status = info['status']
    refresh = '<meta http-equiv="refresh" content="60">' if status.get('running') else ''
    sections = [_samples(info), _curves(info), _events(info), _evaluation(info),
                _walks(info), _nearest(info), _data(info), _command(info)]
    return ('<!doctype html>\n<html lang="en"><head><meta charset="utf-8">%s'
            '<title>minigan run %s</title><style>%s</style></head><body>\n%s\n%s\n'
            '<p class="note">Written %s by minigan %s. A static page: no scripts, every '
            'picture a file in this folder.</p></body></html>\n') % (
        refresh, _e(info['name']), CSS, _header(info), '\n'.join(s for s in sections if s),
        _e(info['written']), _e(info['version']))


def _e(text):
    return html.escape(str(text))


def _img(path, caption='', width=None):
    size = ' width="%d"' % width if width else ''
    img = '<img src="%s" alt="%s"%s>' % (urllib.parse.quote(path), _e(path), size)
    if caption:
        return '<figure>%s<figcaption>%s</figcaption></figure>' % (img, caption)
    return '<figure>%s</figure>' % img


def _section(title, body):
    return '<section><h2>%s</h2>\n%s</section>' % (_e(title), body)


def _header(info):
    model, status = info['model'], info['status']
    parts = ['%s, %s' % (model.get('family', '?'), _image_size(model))]
    if status.get('iteration') is not None:
        total = status.get('total')
        done = 'iteration %d' % status['iteration']
        if total:
            done += ' of %d (%d%%)' % (total, round(100 * status['iteration'] / total))
        parts.append(done)
    if status.get('elapsed') is not None:
        parts.append('%s of training' % datetime.timedelta(seconds=round(status['elapsed'])))
    if status.get('running'):
        parts.append('running; this page reloads every minute')
    return '<h1>minigan run: %s</h1><p>%s</p>' % (_e(info['name']), _e('; '.join(parts)))


def _image_size(model):
    size = model.get('image_size') or model.get('generator', {}).get('size')
    return '%dx%d images' % (size, size) if size else 'image size unknown'


def _quality_entries(log):
    return [entry for entry in log if 'quality/fd' in entry]


def _scored_at(entry):
    """The iteration whose samples a log entry's scores are of (older logs: the entry's)."""
    return int(entry.get('quality/iteration', entry['iteration']))


def _best(log):
    scored = _quality_entries(log)
    return min(scored, key=lambda entry: entry['quality/fd']) if scored else None


def _samples(info):
    grids = info['grids']
    if not grids:
        return _section('Samples', '<p class="note">No sample grid yet.</p>')
    body = []
    for folder, paths in grids.items():
        label = 'moving average of G' if folder.startswith('ema') else 'newest grid'
        body.append(_img(paths[-1], '%s: %s' % (label, _e(paths[-1])), 512))
    if 'report/progress.gif' in info['files']:
        body.append(_img('report/progress.gif', 'training progress: every grid in order '
                         '(%d grids)' % len(grids.get('samples', [])), 512))
    best = _best(info['log'])
    if best:
        grid = 'samples/iter_%07d.png' % _scored_at(best)
        text = 'best quality so far: fd %.4g at iteration %d (gen_best.npz; <code>generate.py ' \
               '--best</code>)' % (best['quality/fd'], _scored_at(best))
        body.append(_img(grid, text, 256) if grid in grids.get('samples', [])
                    else '<p>%s</p>' % text)
    return _section('Samples', '\n'.join(body))


def _curves(info):
    body = [_img(name, caption) for name, caption in (
        ('loss.png', 'losses'), ('quality.png', 'quality, scored on samples during training'))
        if name in info['files']]
    scored = _quality_entries(info['log'])
    if scored:
        last = scored[-1]
        rows = [(key, last.get('quality/' + key)) for key in KEYS]
        n = info['run'].get('options', {}).get('eval_samples', '?')
        body.append('<p>Scores at iteration %d (%s samples against the training images):</p>'
                    % (_scored_at(last), _e(n)) + _score_table(rows))
        if 'quality/seconds' in last:
            body.append('<p class="note">Scoring has taken %.1f s so far, %.1f%% of the '
                        'training time.</p>' % (last['quality/seconds'],
                                                100 * last.get('quality/overhead', 0)))
    if not body:
        return ''
    body.append('<p class="note">The scores compare a random-VGG embedding of samples and '
                'training images (minigan.gan.metrics): comparable between runs on these '
                'images only, not with the Inception FIDs of papers.</p>')
    return _section('Curves', '\n'.join(body))


def _score_table(rows):
    body = ''.join('<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>' % (
        _e(key), '-' if value is None else '%.4g' % value,
        _e(KEYS[key][0]), _e(KEYS[key][1])) for key, value in rows)
    return ('<table><tr><th>score</th><th>value</th><th>better</th><th>meaning</th></tr>%s'
            '</table>' % body)


def _events(info):
    events = [(_scored_at(entry) if key == 'alarm' else entry['iteration'], key, entry[key])
              for entry in info['log'] for key in ('alarm', 'rollback')
              if isinstance(entry.get(key), str)]
    if not events:
        return _section('Alarms and rollbacks', '<p class="ok">None: no collapse alarm, no '
                                                'divergence.</p>')
    items = ''.join('<li class="alarm">iteration %d, %s: %s</li>' % (i, _e(k), _e(t))
                    for i, k, t in events)
    return _section('Alarms and rollbacks', '<ul>%s</ul>' % items)


def _evaluation(info):
    ev = info['evaluation']
    if not isinstance(ev, dict):
        return ''
    rows = [(key, ev.get(key)) for key in KEYS]
    return _section('Evaluation (examples/evaluate.py)', '<p>%s samples of %s against %s '
                    'training images:</p>%s' % (_e(ev.get('n_fake')), _e(ev.get('weights')),
                                                _e(ev.get('n_real')), _score_table(rows)))


def _nearest(info):
    if 'nearest.png' not in info['files']:
        return ''
    # NOTE: evaluate.py's sheet holds every sample (500 by default, 10,000 pixels tall), so
    # it scrolls in a box of its own and the dataset and command below stay in reach
    return _section('Nearest training images', '<p class="note">Each sample, then its 3 '
                    'nearest training images; the likeliest copies first, red when memorized.'
                    '</p><div class="scroll"><a href="nearest.png">%s</a></div>'
                    % _img('nearest.png'))


def _walks(info):
    body = []
    for name in info['animations']:
        if name.lower().endswith('.mp4'):
            body.append('<figure><video src="%s" controls loop muted></video><figcaption>%s'
                        '</figcaption></figure>' % (urllib.parse.quote(name), _e(name)))
        else:
            body.append(_img(name, _e(name), 256))
    if not body:
        body.append('<p class="note">None yet: <code>python examples/interpolate.py --model '
                    '%s</code> makes walk.gif here.</p>' % _e(info['name']))
    return _section('Latent walks', '\n'.join(body))


def _data(info):
    data = info['run'].get('dataset')
    if not data:
        return ''
    skipped = data.get('skipped')
    if skipped is None:
        skipped_text = 'not recorded by this script'
    elif skipped:
        skipped_text = '%d: %s' % (len(skipped), ', '.join(skipped[:20]) +
                                   (', ...' if len(skipped) > 20 else ''))
    else:
        skipped_text = 'none'
    rows = [('folder', data.get('root')), ('images', data.get('count')),
            ('size', '%s (fit %s, background %s)' % (data.get('size'), data.get('fit'),
                                                     data.get('background'))),
            ('files skipped (not images)', skipped_text)]
    return _section('Data', _table(rows))


def _table(rows):
    return '<table>%s</table>' % ''.join('<tr><th>%s</th><td>%s</td></tr>' % (_e(k), _e(v))
                                         for k, v in rows)


def _command(info):
    run = info['run']
    if not run:
        return ''
    body = []
    for launch in run.get('launches', []):
        what = 'resumed from %s' % launch['resume'] if launch.get('resume') else 'started'
        body.append('<p>%s %s, in %s:</p><pre>%s</pre>' % (
            _e(what), _e(launch.get('started')), _e(launch.get('cwd')),
            _e(' '.join(shlex.quote(a) for a in launch.get('command', [])))))
    body.append(_table(sorted(run.get('options', {}).items())))
    return _section('Command and options', '\n'.join(body))
