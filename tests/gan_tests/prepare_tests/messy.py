"""A deliberately messy picture folder made from Twemoji faces, for trying prepare_data.py.

    python -m tests.gan_tests.prepare_tests.messy SRC_FOLDER OUT_FOLDER

Twemoji graphics (c) Twitter, Inc and other contributors, CC BY 4.0.
"""
import os
import shutil
import sys

import numpy
from PIL import Image

#: What the folder holds (file name -> what is wrong with it); ``make_messy_folder`` returns it.
KINDS = ('clean', 'letterbox', 'photo_letterbox', 'odd_size', 'exact_dup', 'near_dup',
         'palette', 'grey_alpha', 'cmyk', 'unreadable')


def _on(rgba, colour):
    out = Image.new('RGB', rgba.size, colour)
    out.paste(rgba, mask=rgba.getchannel('A'))
    return out


def _gradient(w, h, seed):
    rng = numpy.random.RandomState(seed)
    yy, xx = numpy.mgrid[:h, :w]
    a, b = rng.uniform(0.3, 1.0, 3), rng.uniform(0, 0.6, 3)
    x = 255 * (a * (xx[..., None] / w) * 0.7 + b * (yy[..., None] / h) + 0.1)
    return Image.fromarray(numpy.clip(x, 0, 255).astype(numpy.uint8))


def make_messy_folder(sources, out):
    """Write the messy folder ``out`` from RGBA picture files ``sources`` (at least 12).

    Returns {file name: kind}; the sources used for duplicates are named in the kind, as
    'exact_dup:NAME' or 'near_dup:NAME'.
    """
    os.makedirs(out)
    kinds = {}
    pics = [Image.open(path).convert('RGBA') for path in sources]
    stems = [os.path.splitext(os.path.basename(p))[0] for p in sources]
    for pic, stem in zip(pics[:6], stems):                    # transparent PNGs, as shipped
        pic.save(os.path.join(out, stem + '.png'))
        kinds[stem + '.png'] = 'clean'
    shutil.copy(os.path.join(out, stems[0] + '.png'), os.path.join(out, 'copy_of_first.png'))
    kinds['copy_of_first.png'] = 'exact_dup:%s.png' % stems[0]
    w, h = pics[1].size                                        # a smaller JPEG copy
    small = _on(pics[1], 'white').resize((w * 3 // 4, h * 3 // 4), Image.LANCZOS)
    small.save(os.path.join(out, 'second_small.jpg'), quality=90)
    kinds['second_small.jpg'] = 'near_dup:%s.png' % stems[1]
    w, h = pics[6].size                                        # white-backed, black bars L/R
    box = Image.new('RGB', (w * 3 // 2, h), 'black')
    box.paste(_on(pics[6], 'white'), (w // 4, 0))
    box.save(os.path.join(out, 'letterbox_lr.jpg'), quality=92)
    kinds['letterbox_lr.jpg'] = 'letterbox'
    box = Image.new('RGB', (w, h * 3 // 2), 'white')           # gradient photo, white bars
    photo = _gradient(w, h, 7)
    photo.paste(pics[7], mask=pics[7].getchannel('A'))
    box.paste(photo, (0, h // 4))
    box.save(os.path.join(out, 'photo_letterbox_tb.png'))
    kinds['photo_letterbox_tb.png'] = 'photo_letterbox'
    odd = Image.new('RGB', (w * 2, h + h // 3), (250, 240, 200))   # off-centre on cream
    odd.paste(_on(pics[8], (250, 240, 200)), (w // 5, h // 6))
    odd.save(os.path.join(out, 'odd_size.jpg'), quality=95)
    kinds['odd_size.jpg'] = 'odd_size'
    keyed = _on(pics[9], (255, 0, 255)).quantize(64)          # GIF: one transparent index
    key = int(numpy.asarray(keyed)[0, 0])
    keyed.save(os.path.join(out, 'palette.gif'), transparency=key)
    kinds['palette.gif'] = 'palette'
    pics[10].convert('LA').save(os.path.join(out, 'grey_alpha.png'))
    kinds['grey_alpha.png'] = 'grey_alpha'
    _on(pics[11], 'white').convert('CMYK').save(os.path.join(out, 'cmyk.jpg'))
    kinds['cmyk.jpg'] = 'cmyk'
    with open(os.path.join(out, 'notes.png'), 'w') as f:
        f.write('not a picture\n')
    with open(os.path.join(out, stems[2] + '.png'), 'rb') as f:
        head = f.read(200)
    with open(os.path.join(out, 'truncated.png'), 'wb') as f:
        f.write(head)
    kinds['notes.png'] = kinds['truncated.png'] = 'unreadable'
    return kinds


if __name__ == '__main__':
    src, dst = sys.argv[1:3]
    files = sorted(os.path.join(src, n) for n in os.listdir(src) if n.endswith('.png'))
    for name, kind in sorted(make_messy_folder(files[::max(1, len(files) // 12)][:12],
                                               dst).items()):
        print('%-28s %s' % (name, kind))
