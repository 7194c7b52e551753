"""Prepare a whole folder: every readable picture in, square PNGs and a manifest out.

The source folder is only read. Outputs keep the source's subfolders (so first-level
subfolders stay classes for ``--conditional``) and are first written under ``OUT/.staging``;
once duplicates are decided the kept ones are moved into place, so an interrupted run leaves
no half-finished training set behind, only a hidden folder the loader ignores.
"""
import json
import os
import shutil

import numpy
from PIL import Image

from minigan.gan.prepare import dedupe, images

MANIFEST = 'prepared.json'
#: Files of OUT that are not training images; ImageFolder skips them (see data.py).
REPORT_FILES = ('report.html', 'contact_sheet.png', 'aug_preview.png', MANIFEST)
THUMB = 96
SHEET_CELL = 64  # NOTE: contact sheet cells; larger outputs are shown shrunk


class PrepareError(ValueError):
    """The folders cannot be used as asked; the message says why."""


def check_folders(src, dst):
    """Raise PrepareError unless ``src`` is a folder and ``dst`` a new or empty folder apart."""
    if not os.path.isdir(src):
        what = 'is not a folder' if os.path.exists(src) else 'does not exist'
        raise PrepareError("input folder '%s' %s" % (src, what))
    a, b = os.path.realpath(src), os.path.realpath(dst)
    if a == b or b.startswith(a + os.sep) or a.startswith(b + os.sep):
        raise PrepareError("output '%s' and input '%s' must not contain each other: the "
                           "input is never modified" % (dst, src))
    if os.path.exists(dst) and (not os.path.isdir(dst) or os.listdir(dst)):
        raise PrepareError("output '%s' already exists and is not an empty folder; choose a "
                           "new one (nothing is overwritten)" % dst)


def list_files(root):
    """Sorted relative paths of the non-hidden files under ``root``."""
    found = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith('.'))
        found += [os.path.relpath(os.path.join(folder, n), root) for n in sorted(names)
                  if not n.startswith('.') and os.path.isfile(os.path.join(folder, n))]
    return found


def thumbnail(rgb_or_rgba, side=THUMB):
    """A uint8 copy fitting in ``side`` x ``side`` (for the report)."""
    image = Image.fromarray(rgb_or_rgba)
    image.thumbnail((side, side), Image.LANCZOS)
    return numpy.asarray(image)


def _out_name(name, taken):
    stem, ext = os.path.splitext(name)
    out = stem + '.png'
    if out in taken:
        out = '%s-%s.png' % (stem, ext.lstrip('.').lower() or 'x')
    taken.add(out)
    return out


def prepare_folder(src, dst, options, keep_duplicates=False, threshold=dedupe.THRESHOLD,
                   log=print):
    """Prepare every picture under ``src`` into ``dst``; returns the result dict.

    The dict (also the body of ``dst/prepared.json``, without the arrays) holds 'items' (one
    per file: 'source', 'info' or 'error', 'steps', 'out', 'dropped_as_duplicate_of'),
    'groups' (duplicate groups: 'kind', 'members', 'kept'), and the options.
    """
    check_folders(src, dst)
    names = list_files(src)
    staging = os.path.join(dst, '.staging')
    os.makedirs(staging)
    items, prepared, hashes, digests, pixels, taken = [], [], [], [], [], set()
    for k, name in enumerate(names):
        item = {'source': name}
        items.append(item)
        try:
            rgba, info = images.load_rgba(os.path.join(src, name))
        except images.ERRORS as e:
            item['error'] = '%s: %s' % (type(e).__name__, e)
            continue
        image, steps = images.prepare(rgba, options)
        info['size'] = list(info['size'])
        item.update(info=info, steps=steps, out=_out_name(name, taken), index=len(prepared))
        if steps['bars'] or steps['object_box']:
            item['before'] = thumbnail(rgba)
        path = os.path.join(staging, item['out'])
        os.makedirs(os.path.dirname(path), exist_ok=True)
        Image.fromarray(image).save(path)
        item['thumb'] = thumbnail(image, SHEET_CELL)
        prepared.append(item)
        hashes.append(dedupe.perceptual_hash(image))
        digests.append(dedupe.pixel_digest(rgba))
        pixels.append(rgba.shape[0] * rgba.shape[1])
        if log and (k + 1) % 200 == 0:
            log('prepared %d of %d files' % (k + 1, len(names)))
    groups = []
    for members, kind in dedupe.group_duplicates(numpy.array(hashes).reshape(-1, dedupe.BITS),
                                                 digests, threshold):
        kept = dedupe.choose_kept(members, pixels, [p['source'] for p in prepared])
        groups.append({'kind': kind, 'members': [prepared[i]['source'] for i in members],
                       'kept': prepared[kept]['source'],
                       'distances': _distances(hashes, members)})
        if not keep_duplicates:
            for i in members:
                if i != kept:
                    prepared[i]['dropped_as_duplicate_of'] = prepared[kept]['source']
    for item in prepared:
        if 'dropped_as_duplicate_of' not in item:
            target = os.path.join(dst, item['out'])
            os.makedirs(os.path.dirname(target), exist_ok=True)
            os.replace(os.path.join(staging, item['out']), target)
    shutil.rmtree(staging)
    result = {'source': os.path.abspath(src), 'options': dict(options._asdict()),
              'keep_duplicates': keep_duplicates, 'threshold': threshold,
              'hash_bits': dedupe.BITS, 'items': items, 'groups': groups,
              'report_files': list(REPORT_FILES)}
    write_manifest(dst, result)
    return result


def _distances(hashes, members):
    """Hamming distance of each member to the first one (the group's centre)."""
    h = numpy.array([hashes[i] for i in members])
    return [int(d) for d in (h != h[0]).sum(axis=1)]


def write_manifest(dst, result):
    """``dst/prepared.json``: the result without image arrays, written atomically."""
    body = dict(result, items=[{k: v for k, v in item.items()
                                if k not in ('thumb', 'before', 'index')}
                               for item in result['items']])
    tmp = os.path.join(dst, MANIFEST + '.tmp')
    with open(tmp, 'w') as f:
        json.dump(body, f, indent=1, sort_keys=True)
    os.replace(tmp, os.path.join(dst, MANIFEST))


def kept_thumbs(result):
    """uint8 (N, s, s, 3) thumbnails (s <= 64) of the images written, for the contact sheet."""
    kept = [item['thumb'] for item in result['items']
            if 'thumb' in item and 'dropped_as_duplicate_of' not in item]
    s = min(result['options']['size'], SHEET_CELL)
    return numpy.stack(kept) if kept else numpy.zeros((0, s, s, 3), numpy.uint8)
