"""``report.html`` and ``contact_sheet.png``: what prepare_data.py found and did, to look at.

The page is one self-contained file (thumbnails are embedded as data: URIs), so it can be
mailed or opened anywhere; the contact sheet beside it shows every image that was written.
"""
import base64
import collections
import html
import io
import os

from PIL import Image

from minigan.gan import sampling
from minigan.gan.prepare import folder as prep
from minigan.gan.prepare.images import aspect_name
from minigan.gan.prepare.preview import DESCRIPTION as PREVIEW_COLUMNS

SHEET_MAX = 2500        # NOTE: images on the contact sheet; the rest are only counted
SHOWN_MAX = 60          # NOTE: before/after pairs shown per section

_STYLE = """body{font-family:sans-serif;margin:2em;max-width:70em}
table{border-collapse:collapse;margin-bottom:1em}td,th{border:1px solid #ccc;padding:2px 8px}
figure{display:inline-block;margin:4px;text-align:center;font-size:11px;vertical-align:top}
figure img{image-rendering:pixelated;background:repeating-conic-gradient(#ddd 0 25%,#fff 0 50%)
 0 0/16px 16px;border:1px solid #999}figure.kept img{border:3px solid #2a2}
figure.dropped img{opacity:.5}.pair{display:inline-block;border:1px solid #ddd;margin:4px}"""


def _img(array, width=None):
    buf = io.BytesIO()
    Image.fromarray(array).save(buf, format='PNG')
    size = ' width="%d"' % width if width else ''
    return '<img%s src="data:image/png;base64,%s">' % (
        size, base64.b64encode(buf.getvalue()).decode('ascii'))


def _figure(array, caption, css=''):
    return '<figure class="%s">%s<figcaption>%s</figcaption></figure>' % (
        css, _img(array, 96), html.escape(caption))


def _count_table(title, counter, limit=15):
    rows = counter.most_common()
    if len(rows) > limit:
        rows = rows[:limit] + [('other (%d kinds)' % (len(rows) - limit),
                                sum(n for _, n in rows[limit:]))]
    body = ''.join('<tr><td>%s</td><td>%d</td></tr>' % (html.escape(str(k)), n)
                   for k, n in rows)
    return '<table><tr><th>%s</th><th>files</th></tr>%s</table>' % (title, body)


def _sections(result, preview):
    items = result['items']
    readable = [i for i in items if 'info' in i]
    unreadable = [i for i in items if 'error' in i]
    dropped = [i for i in readable if 'dropped_as_duplicate_of' in i]
    written = len(readable) - len(dropped)
    opts = result['options']
    yield '<h1>Prepared data</h1><p>From <code>%s</code>: %d files, %d readable, %d ' \
        'unreadable; %d duplicates dropped; <b>%d images written</b> at %dx%d (fit %s, ' \
        'margin %.2f).</p>' % (html.escape(result['source']), len(items), len(readable),
                               len(unreadable), len(dropped), written, opts['size'],
                               opts['size'], opts['fit'], opts['margin'])
    yield '<h2>What the folder holds</h2>'
    info = [i['info'] for i in readable]
    yield _count_table('format', collections.Counter(x['format'] for x in info))
    yield _count_table('mode', collections.Counter(x['mode'] for x in info))
    yield _count_table('size (W x H)', collections.Counter('%dx%d' % tuple(x['size'])
                                                           for x in info))
    yield _count_table('aspect ratio', collections.Counter(aspect_name(*x['size'])
                                                           for x in info))
    yield '<h2>Unreadable files (%d, skipped)</h2>' % len(unreadable)
    yield '<table>%s</table>' % ''.join('<tr><td>%s</td><td>%s</td></tr>' % (
        html.escape(i['source']), html.escape(i['error'])) for i in unreadable)
    yield from _duplicates(result, {i['source']: i for i in readable})
    trimmed = [i for i in readable if i['steps']['bars']]
    yield '<h2>Letterbox bars trimmed (%d)</h2><p>Uniform bars ending at an edge; left in, ' \
        'they leak into samples as block noise.</p>' % len(trimmed)
    for i in trimmed[:SHOWN_MAX]:
        sides = ', '.join('%s %d px' % kv for kv in sorted(i['steps']['bars'].items()))
        yield '<span class="pair">%s%s</span>' % (_figure(i['before'], 'before: ' + i['source']),
                                                  _figure(i['thumb'], 'after: ' + sides))
    cropped = [i for i in readable if i['steps']['object_box'] and not i['steps']['bars']]
    yield '<h2>Cropped to the object (%d)</h2><p>On a transparent or plain background; ' \
        'the first %d shown.</p>' % (len(cropped), min(len(cropped), SHOWN_MAX))
    for i in cropped[:SHOWN_MAX]:
        yield '<span class="pair">%s%s</span>' % (
            _figure(i['before'], i['source']),
            _figure(i['thumb'], '%s, %s background' % (i['steps']['fit'],
                                                       i['steps']['background'])))
    yield '<h2>Contact sheet</h2><img src="contact_sheet.png" style="max-width:100%">'
    if preview:
        yield '<h2>What D sees: augmentations</h2><p>Columns: %s.</p><img src="%s" ' \
            'style="max-width:100%%">' % (html.escape(PREVIEW_COLUMNS), preview)


def _duplicates(result, by_name):
    groups = result['groups']
    action = 'All kept (--keep-duplicates)' if result['keep_duplicates'] else \
        'The one framed in green is kept, the others dropped'
    yield '<h2>Duplicate groups (%d)</h2><p>Exact: identical pixels. Near: at most %d of %d ' \
        'hash bits differ. %s; distances to the first member in brackets.</p>' % (
            len(groups), result['threshold'], result['hash_bits'], action)
    for g in groups:
        figures = []
        for name, d in zip(g['members'], g['distances']):
            css = 'kept' if name == g['kept'] else \
                ('' if result['keep_duplicates'] else 'dropped')
            figures.append(_figure(by_name[name]['thumb'], '%s [%d]' % (name, d), css))
        yield '<div><b>%s</b> %s</div>' % (g['kind'], ''.join(figures))


def write_report(dst, result):
    """Write ``dst/report.html`` and ``dst/contact_sheet.png``; returns the report's path.

    The page shows ``aug_preview.png`` too when it is there.
    """
    preview = 'aug_preview.png' if os.path.exists(os.path.join(dst, 'aug_preview.png')) \
        else None
    thumbs = prep.kept_thumbs(result)[:SHEET_MAX]
    if len(thumbs):
        sampling.save_grid(os.path.join(dst, 'contact_sheet.png'), thumbs, pad_value=255)
    page = '<!doctype html><html><head><meta charset="utf-8"><title>minigan prepared data' \
        '</title><style>%s</style></head><body>%s</body></html>\n' % (
            _STYLE, '\n'.join(_sections(result, preview)))
    path = os.path.join(dst, 'report.html')
    with open(path + '.tmp', 'w', encoding='utf-8') as f:
        f.write(page)
    os.replace(path + '.tmp', path)
    return path
