"""Generate images from a trained run (any model family).

    python examples/generate.py --model result/dcgan --n 64 --grid grid.png
    python examples/generate.py --model result/dcgan --n 16 --out-dir imgs/ --seed 3
    python examples/generate.py --model result/dcgan --best    # the best-scoring checkpoint
"""
import argparse
import os

import numpy
from PIL import Image

import minigan
from minigan.gan import model_io, sampling


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--model', required=True, help='the --out folder of a training run')
    parser.add_argument('--n', type=int, default=64, help='how many images')
    parser.add_argument('--grid', default=None, help='write one grid PNG here')
    parser.add_argument('--out-dir', default=None, help='write one PNG per image here')
    parser.add_argument('--seed', type=int, default=0)
    parser.add_argument('--device', default='-1')
    parser.add_argument('--batch-size', type=int, default=64)
    parser.add_argument('--best', action='store_true',
                        help='use gen_best.npz, the best quality scored during training')
    args = parser.parse_args(argv)
    if args.grid is None and args.out_dir is None:
        args.grid = os.path.join(args.model, 'generated.png')

    device = minigan.get_device(args.device)
    gen, spec = model_io.load_generator(args.model, device,
                                        weights='gen_best.npz' if args.best else None)
    z = gen.make_hidden(args.n, numpy.random.RandomState(args.seed))
    images = []
    with minigan.using_config('train', False), minigan.no_backprop_mode():
        for i in range(0, args.n, args.batch_size):
            x = gen(device.send(z[i:i + args.batch_size])).array
            images.append(minigan.backend.to_cpu(x))
    images = numpy.concatenate(images)
    if args.grid:
        sampling.save_grid(args.grid, images)
        print('wrote a grid of %d %s images to %s' % (args.n, spec['family'], args.grid))
    if args.out_dir:
        os.makedirs(args.out_dir, exist_ok=True)
        for i, img in enumerate(sampling.to_uint8(images)):
            Image.fromarray(img).save(os.path.join(args.out_dir, '%05d.png' % i))
        print('wrote %d images to %s' % (args.n, args.out_dir))


if __name__ == '__main__':
    main()
