"""Animate a walk through latent space of a trained generator (any model family).

    python examples/interpolate.py --model result/pggan --out walk.gif
    python examples/interpolate.py --model result/dcgan --out walk.webp --grid 3x3 --scale 2
    python examples/interpolate.py --model result/pggan --out walk.mp4 --mode lerp --fps 24
    python examples/interpolate.py --model result/sushi --classes maguro,salmon,tamago

The walk visits --points random latent vectors, --frames frames from one to the next, and
(unless --no-loop) returns to the first, so the animation loops without a jump: its last
frame is its first. --grid RxC shows R*C independent walks side by side. The file type
follows the extension: .gif and .webp through Pillow, .mp4 through imageio (with ffmpeg).

With a class-conditional model, --classes a,b,c morphs from class to class instead: each
cell keeps one z while the class weights move linearly from one class to the next (the
conditional batch norms blend the classes' scales and shifts), --frames frames per step.
"""
import argparse
import os
import time

import numpy

import minigan
from minigan.gan import cli, conditional, model_io, report, sampling


def parse_grid(text):
    """'3x3' -> (3, 3)."""
    try:
        rows, cols = (int(v) for v in text.lower().split('x'))
    except ValueError:
        raise argparse.ArgumentTypeError('--grid must look like 3x3, got %r' % text)
    if rows < 1 or cols < 1:
        raise argparse.ArgumentTypeError('--grid needs positive sizes, got %r' % text)
    return rows, cols


def parse_args(argv=None):
    parser = cli.ArgumentParser(__doc__)
    add = parser.add_argument
    add('--model', required=True, help='the --out folder of a training run')
    add('--out', default=None, help='walk.gif, walk.webp or walk.mp4 (default MODEL/walk.gif)')
    add('--points', type=cli.positive_int, default=8, help='latent points visited by each walk')
    add('--frames', type=cli.positive_int, default=30, help='frames from one point to the next')
    add('--mode', default='slerp', choices=['slerp', 'lerp'])
    add('--grid', type=parse_grid, default=(1, 1), help='RxC independent walks, e.g. 3x3')
    add('--scale', type=cli.positive_int, default=1, help='enlarge the frames by this factor')
    add('--filter', default='nearest', choices=['nearest', 'lanczos'])
    add('--fps', type=cli.positive_float, default=30)
    add('--seed', type=int, default=0)
    add('--no-loop', action='store_true', help='end on the last point and play once')
    add('--device', type=cli.device, default='-1')
    add('--batch-size', type=cli.positive_int, default=None,
        help='frames generated at a time (default: 65536 pixels per batch, 1 to 64 frames)')
    add('--classes', default=None, metavar='A,B,C',
        help='a conditional model: morph through these classes with z fixed')
    args = parser.parse_args(argv)
    args.out = args.out or os.path.join(args.model, 'walk.gif')
    try:
        sampling.check_animation_path(args.out)
    except (ValueError, RuntimeError) as e:
        parser.error(str(e))
    return args


def walk_latents(gen, points, frames, cells, mode, loop, seed):
    """(frames * points, cells) + latent shape: one walk per grid cell, cell-major last."""
    rng = numpy.random.RandomState(seed)
    z = gen.make_hidden(cells * points, rng)
    shape = z.shape[1:]
    z = z.reshape(cells, points, -1)
    walks = [sampling.latent_walk(z[c], frames, mode, loop) for c in range(cells)]
    walks = numpy.stack(walks, axis=1)                                  # (T, cells, d)
    return walks.reshape(walks.shape[:2] + shape).astype(z.dtype)


def class_walk(gen, names, classes, frames, cells, loop, seed):
    """Fixed latents (T, cells, ...) and class weights (T, cells, n_classes) morphing through
    ``classes`` (names), ``frames`` frames from one to the next."""
    index = [conditional.class_index(names, name) for name in classes]
    onehot = numpy.eye(len(names), dtype=numpy.float32)[index]
    weights = sampling.latent_walk(onehot, frames, 'lerp', loop)          # (T, n_classes)
    z = gen.make_hidden(cells, numpy.random.RandomState(seed))
    t = len(weights)
    latents = numpy.broadcast_to(z, (t,) + z.shape)
    weights = numpy.broadcast_to(weights[:, None], (t, cells, len(names)))
    return latents, weights.astype(numpy.float32)


def auto_batch_size(gen, spec):
    """Frames per generator call: 65536 output pixels (1 at 256x256, 16 at 64x64, at most 64).

    Big batches make the small early layers efficient, but the late layers' im2col matrices
    grow with the batch (150 MB per 256x256 frame of a full PGGAN): past a few hundred MB they
    no longer fit the reused scratch memory and fresh pages cost more than the batch saves.
    """
    size = getattr(gen, 'resolution', None) or spec.get('generator', {}).get('size', 64)
    return max(1, min(64, 65536 // (size * size)))


def render(gen, latents, device, batch_size, weights=None):
    """uint8 (T, cells, H, W, 3) frames from latents (T, cells, ...) [and class weights]."""
    t, cells = latents.shape[:2]
    flat = latents.reshape((t * cells,) + latents.shape[2:])
    if weights is not None:
        weights = weights.reshape(t * cells, -1)
    out = []
    with minigan.using_config('train', False), minigan.no_backprop_mode():
        for i in range(0, len(flat), batch_size):
            z = device.send(numpy.ascontiguousarray(flat[i:i + batch_size]))
            if weights is None:
                x = gen(z).array
            else:
                x = gen(z, device.send(numpy.ascontiguousarray(weights[i:i + batch_size])))
                x = x.array
            out.append(sampling.to_uint8(minigan.backend.to_cpu(x)))
    images = numpy.concatenate(out)
    return images.reshape((t, cells) + images.shape[1:])


@cli.command
def main(argv=None):
    args = parse_args(argv)
    start = time.perf_counter()
    device = minigan.get_device(args.device)
    gen, spec = model_io.load_generator(args.model, device)
    rows, cols = args.grid
    loop = not args.no_loop
    weights = None
    if args.classes:
        names = spec.get('class_names')
        if not names:
            raise SystemExit('error: --classes: %s is not class-conditional (trained without '
                             '--conditional)' % args.model)
        try:
            latents, weights = class_walk(gen, names, args.classes.split(','), args.frames,
                                          rows * cols, loop, args.seed)
        except ValueError as e:
            raise SystemExit('error: --classes: %s' % e)
        what = 'walk through classes %s' % args.classes
    else:
        latents = walk_latents(gen, args.points, args.frames, rows * cols, args.mode, loop,
                               args.seed)
        what = '%s walk over %d points' % (args.mode, args.points)
    batch_size = args.batch_size or auto_batch_size(gen, spec)
    generating = time.perf_counter()
    cells = render(gen, latents, device, batch_size, weights)
    generated = time.perf_counter() - generating
    if rows * cols == 1:
        frames = cells[:, 0]
    else:
        frames = numpy.stack([sampling.make_grid(c, rows, cols) for c in cells])
    if args.scale > 1:
        frames = sampling.upscale(frames, args.scale, args.filter)
    encoding = time.perf_counter()
    try:
        sampling.save_animation(args.out, frames, args.fps, loop=0 if loop else None)
    except (RuntimeError, ValueError) as e:
        raise SystemExit('error: %s' % e)
    print('wrote %d frames of %dx%d (%s, %s) to %s in %.1f s: generating %.1f s (%d frames '
          'a batch), encoding %.1f s' % (
              len(frames), frames.shape[2], frames.shape[1], spec['family'], what, args.out,
              time.perf_counter() - start, generated, batch_size,
              time.perf_counter() - encoding))
    report.refresh(args.model)  # NOTE: the run's report.html lists the walks in its folder


if __name__ == '__main__':
    main()
