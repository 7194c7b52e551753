"""Turn the sample grids of a training run into an animation of its progress.

    python examples/progress_gif.py --run result/pggan                  # result/pggan/progress.gif
    python examples/progress_gif.py --run result/dcgan --out p.webp --fps 4 --hold 10

Every grid in RUN/samples/iter_*.png comes from the same fixed latent batch, so the frames
show the same faces taking shape. Grids of different sizes (PGGAN's growing resolutions) are
enlarged by pixel repetition to the largest one, so the early blocky stages stay visible.
"""
import glob
import os

import numpy
from PIL import Image

from minigan.gan import cli, sampling


def parse_args(argv=None):
    parser = cli.ArgumentParser(__doc__)
    add = parser.add_argument
    add('--run', required=True, help='the --out folder of a training run')
    add('--out', default=None, help='progress.gif, .webp or .mp4 (default RUN/progress.gif)')
    add('--fps', type=cli.positive_float, default=5)
    add('--every', type=cli.positive_int, default=1, help='use every k-th grid')
    add('--hold', type=cli.non_negative_int, default=5,
        help='extra copies of the last frame, to pause on it')
    add('--scale', type=cli.positive_int, default=1, help='enlarge the frames by this factor')
    args = parser.parse_args(argv)
    args.out = args.out or os.path.join(args.run, 'progress.gif')
    try:
        sampling.check_animation_path(args.out)
    except (ValueError, RuntimeError) as e:
        parser.error(str(e))
    return args


def load_frames(paths):
    """uint8 (T, H, W, 3) frames, each enlarged (nearest) to the largest grid's size."""
    images = [Image.open(p).convert('RGB') for p in paths]
    w = max(im.size[0] for im in images)
    h = max(im.size[1] for im in images)
    return numpy.stack([numpy.asarray(im if im.size == (w, h) else
                                      im.resize((w, h), Image.NEAREST)) for im in images])


@cli.command
def main(argv=None):
    args = parse_args(argv)
    paths = sorted(glob.glob(os.path.join(args.run, 'samples', 'iter_*.png')))[::args.every]
    if not paths:
        raise cli.UserError("no samples/iter_*.png under '%s': --run must be the --out "
                            'folder of a training run' % args.run)
    frames = load_frames(paths)
    frames = numpy.concatenate([frames, numpy.repeat(frames[-1:], args.hold, axis=0)])
    if args.scale > 1:
        frames = sampling.upscale(frames, args.scale)
    sampling.save_animation(args.out, frames, args.fps)
    print('wrote %d frames (%d grids) of %dx%d to %s' % (
        len(frames), len(paths), frames.shape[2], frames.shape[1], args.out))


if __name__ == '__main__':
    main()
