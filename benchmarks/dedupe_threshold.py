"""How far apart are copies of one picture, and how close are different pictures, in hash bits?

    python benchmarks/dedupe_threshold.py                      # the bundled faces
    python benchmarks/dedupe_threshold.py --data my_pictures/ --size 64

Every picture goes through prepare_data's pipeline (letterbox trim, object crop, fit, resize)
as is and as five kinds of degraded copy; the table gives the Hamming distance between the
hash of each copy and of its original (the threshold must exceed these), and how many pairs
of *different* pictures fall within each candidate threshold (those would be merged).
"""
import argparse
import io
import os

import numpy
from PIL import Image, ImageEnhance

from minigan.gan.prepare import dedupe, images

BUNDLED = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'examples', 'data',
                       'twemoji-faces-64')


def _on_white(rgba):
    out = Image.new('RGB', rgba.size, 'white')
    out.paste(rgba, mask=rgba.getchannel('A'))
    return out


def _jpeg(image, quality):
    buf = io.BytesIO()
    image.save(buf, 'JPEG', quality=quality)
    return Image.open(io.BytesIO(buf.getvalue()))


def copies(rgba):
    """The degraded copies a hobbyist's folder tends to hold, by name."""
    white = _on_white(rgba)
    w, h = rgba.size
    return {
        'on white': white,
        'resized 3/4': rgba.resize((w * 3 // 4, h * 3 // 4), Image.LANCZOS),
        'JPEG q85': _jpeg(white, 85),
        'JPEG q60, 3/4': _jpeg(white.resize((w * 3 // 4, h * 3 // 4), Image.LANCZOS), 60),
        'brighter 10%': ImageEnhance.Brightness(white).enhance(1.1),
        'on white, wider canvas': _wider(white),
    }


def _wider(white):
    canvas = Image.new('RGB', (white.size[0] * 5 // 4, white.size[1]), 'white')
    canvas.paste(white, (white.size[0] // 10, 0))
    return canvas


def signature(image, options):
    rgba = numpy.asarray(image.convert('RGBA'))
    return dedupe.perceptual_hash(images.prepare(rgba, options)[0])


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--data', default=BUNDLED)
    parser.add_argument('--size', type=int, default=64)
    parser.add_argument('--thresholds', type=int, nargs='*', default=[12, 16, 24, 32, 48])
    args = parser.parse_args()
    options = images.Options(size=args.size, fit='auto', background=(255, 255, 255),
                             margin=0.08, trim=True, crop=True)
    names, pictures = [], []
    for name in sorted(os.listdir(args.data)):
        try:
            pictures.append(Image.open(os.path.join(args.data, name)).convert('RGBA'))
            names.append(name)
        except OSError:
            pass  # NOTE: attribution texts and the like
    hashes = numpy.array([signature(p, options) for p in pictures])
    print('%d pictures from %s, %d-bit hash, prepared at %d\n' % (
        len(names), args.data, dedupe.BITS, args.size))
    print('| copy | median | 95th pct | max |\n| --- | --- | --- | --- |')
    for kind in copies(pictures[0]):
        d = numpy.array([(signature(copies(p)[kind], options) != h).sum()
                         for p, h in zip(pictures, hashes)])
        print('| %s | %d | %d | %d |' % (kind, numpy.median(d), numpy.percentile(d, 95),
                                         d.max()))
    dist = dedupe.hamming(hashes)
    upper = dist[numpy.triu_indices(len(names), 1)]
    print('\n| threshold | pairs of different pictures within it | closest examples |')
    print('| --- | --- | --- |')
    for t in args.thresholds:
        pairs = numpy.argwhere(numpy.triu(dist <= t, 1))
        shown = ', '.join('%s~%s' % (names[a][:22], names[b][:22]) for a, b in pairs[:3])
        print('| %d | %d of %d | %s |' % (t, len(pairs), len(upper), shown))


if __name__ == '__main__':
    main()
