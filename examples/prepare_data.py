"""Turn a messy folder of pictures into a clean training set, with a report to look at.

    python examples/prepare_data.py my_pictures/ prepared/ --size 64
    python examples/prepare_data.py sushi/ sushi64/ --size 64 --fit crop --keep-duplicates
    python examples/train_dcgan.py --data prepared/ --size 64

IN is only read. OUT gets one square PNG per kept picture (the subfolders of IN are kept, so
they can serve as classes for --conditional), prepared.json (what was done to each file),
report.html and contact_sheet.png. For every readable picture: letterbox bars (uniform
strips that end at an edge) are trimmed; a picture on transparency or on a plain background
is cropped to its object plus --margin; --fit makes it square (auto: pad objects with their
background, crop pictures without one); transparency becomes --background. Exact and near
duplicates (a perceptual hash within --threshold bits) are grouped in the report and only
the best copy of each is kept unless --keep-duplicates. --aug-preview adds aug_preview.png,
the training augmentations (--augment diffaugment and ada) applied to a few of the prepared
images: what D sees.
"""
import sys

from minigan.gan import cli
from minigan.gan.data import ImageFolder, parse_color
from minigan.gan.prepare import dedupe, folder, images, preview, report


def parse_args(argv=None):
    parser = cli.ArgumentParser(__doc__)
    add = parser.add_argument
    add('input', metavar='IN', help='folder of pictures (searched recursively; never changed)')
    add('output', metavar='OUT', help='new or empty folder for the prepared set')
    add('--size', type=int, default=64, help='side of the square output images')
    add('--fit', default='auto', choices=images.FITS,
        help='how to make pictures square (auto: pad objects, crop photos)')
    add('--background', default='white',
        help='white, black or #rrggbb: behind transparency, and padding without a background')
    add('--margin', type=float, default=0.08,
        help="space kept around a cropped object, as a fraction of its longer side")
    add('--no-trim', action='store_true', help='keep letterbox bars')
    add('--no-crop', action='store_true', help='do not crop to the object')
    add('--keep-duplicates', action='store_true', help='write every copy of a duplicate')
    add('--aug-preview', action='store_true',
        help='also write aug_preview.png: training augmentations of a few images')
    add('--threshold', type=int, default=dedupe.THRESHOLD,
        help='near duplicates differ in at most this many of the %d hash bits (0: exact '
        'only)' % dedupe.BITS)
    args = parser.parse_args(argv)
    if not 8 <= args.size <= 4096:
        parser.error('--size must be between 8 and 4096, got %d' % args.size)
    if not 0 <= args.margin <= 1:
        parser.error('--margin must be between 0 and 1, got %g' % args.margin)
    if args.threshold < 0:
        parser.error('--threshold must be 0 or more')
    try:
        args.background = parse_color(args.background)
    except ValueError as e:
        parser.error(str(e))
    return args


@cli.command
def main(argv=None):
    args = parse_args(argv)
    options = images.Options(size=args.size, fit=args.fit, background=args.background,
                             margin=args.margin, trim=not args.no_trim, crop=not args.no_crop)
    try:
        result = folder.prepare_folder(args.input, args.output, options, args.keep_duplicates,
                                       args.threshold)
    except folder.PrepareError as e:
        sys.exit('error: %s' % e)
    if args.aug_preview and any('out' in i for i in result['items']):
        prepared = ImageFolder(args.output, args.size, log=lambda message: None)
        preview.write_preview(args.output, prepared.images)
    path = report.write_report(args.output, result)
    items = result['items']
    bad = [i['source'] for i in items if 'error' in i]
    dropped = sum('dropped_as_duplicate_of' in i for i in items)
    written = sum('out' in i for i in items) - dropped
    print('%d files: %d images written to %s, %d duplicates dropped (%d groups), %d '
          'letterbox trims, %d unreadable%s' % (
              len(items), written, args.output, dropped, len(result['groups']),
              sum(bool(i.get('steps', {}).get('bars')) for i in items), len(bad),
              (': ' + ', '.join(bad[:5]) + (', ...' if len(bad) > 5 else '')) if bad else ''))
    print('report: %s' % path)
    if written == 0:
        sys.exit('error: no readable pictures in %s' % args.input)


if __name__ == '__main__':
    main()
