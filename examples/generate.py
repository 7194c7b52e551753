"""Generate images from a trained run (any model family).

    python examples/generate.py --model result/dcgan --n 64 --grid grid.png
    python examples/generate.py --model result/dcgan --n 16 --out-dir imgs/ --seed 3
    python examples/generate.py --model result/dcgan --best    # the best-scoring checkpoint
    python examples/generate.py --model result/sushi --class maguro --n 16

A class-conditional model (trained with --conditional) draws --n images of --class NAME, or
without --class --n images of every class from the same noise, one class after another in
the grid (each class starting on a new row) and named CLASS_00000.png in --out-dir.
"""
import os
import sys

import numpy
from PIL import Image

import minigan
from minigan.gan import cli, conditional, model_io, sampling


@cli.command
def main(argv=None):
    parser = cli.ArgumentParser(__doc__)
    parser.add_argument('--model', required=True, help='the --out folder of a training run')
    parser.add_argument('--n', type=cli.positive_int, default=64, help='how many images')
    parser.add_argument('--grid', default=None, help='write one grid PNG here')
    parser.add_argument('--out-dir', default=None, help='write one PNG per image here')
    parser.add_argument('--seed', type=int, default=0)
    parser.add_argument('--device', type=cli.device, default='-1')
    parser.add_argument('--batch-size', type=cli.positive_int, default=64)
    parser.add_argument('--best', action='store_true',
                        help='use gen_best.npz, the best quality scored during training')
    parser.add_argument('--class', dest='class_name', default=None, metavar='NAME',
                        help='a conditional model: draw this class only')
    args = parser.parse_args(argv)
    if args.grid is None and args.out_dir is None:
        args.grid = os.path.join(args.model, 'generated.png')

    device = minigan.get_device(args.device)
    gen, spec = model_io.load_generator(args.model, device,
                                        weights='gen_best.npz' if args.best else None)
    names = spec.get('class_names')
    classes = list(range(len(names))) if names else [None]
    if args.class_name is not None:
        if not names:
            sys.exit('error: --class: %s is not class-conditional (trained without '
                     '--conditional)' % args.model)
        try:
            classes = [conditional.class_index(names, args.class_name)]
        except ValueError as e:
            sys.exit('error: --class: %s' % e)
    z = gen.make_hidden(args.n, numpy.random.RandomState(args.seed))
    images = numpy.concatenate([draw(gen, z, c, device, args.batch_size) for c in classes])
    if args.grid:
        write_grid(args.grid, images, len(classes))
        print('wrote a grid of %d %s images to %s%s' % (
            len(images), spec['family'], args.grid,
            ' (%s)' % ', '.join('%s: %d' % (names[c], args.n) for c in classes) if names
            else ''))
    if args.out_dir:
        os.makedirs(args.out_dir, exist_ok=True)
        for i, img in enumerate(sampling.to_uint8(images)):
            prefix = '%s_' % names[classes[i // args.n]] if names else ''
            Image.fromarray(img).save(os.path.join(args.out_dir, '%s%05d.png'
                                                   % (prefix, i % args.n)))
        print('wrote %d images to %s' % (len(images), args.out_dir))


def draw(gen, z, c, device, batch_size):
    """Images G(z) (of class index ``c`` for a conditional G), float (N, C, H, W) on the host."""
    out = []
    with minigan.using_config('train', False), minigan.no_backprop_mode():
        for i in range(0, len(z), batch_size):
            zi = device.send(z[i:i + batch_size])
            if c is None:
                x = gen(zi)
            else:
                x = gen(zi, device.send(numpy.full(len(zi), c, numpy.int32)))
            out.append(minigan.backend.to_cpu(x.array))
    return numpy.concatenate(out)


def write_grid(path, images, blocks):
    """One grid; with several class blocks each starts on a new row (gaps filled black)."""
    per_block = len(images) // blocks
    cols = min(per_block, 16) if blocks > 1 else None
    if cols:
        rows = -(-per_block // cols)
        padded = numpy.full((blocks, rows * cols) + images.shape[1:], -1.0, images.dtype)
        padded[:, :per_block] = images.reshape((blocks, per_block) + images.shape[1:])
        images = padded.reshape((-1,) + images.shape[1:])
    sampling.save_grid(path, images, cols=cols)


if __name__ == '__main__':
    main()
