"""Score a trained generator against its training images, and show each sample's nearest ones.

    python examples/evaluate.py --model result/dcgan                 # 500 samples, nearest.png
    python examples/evaluate.py --model result/dcgan --best --n 1000
    python examples/evaluate.py --model result/sagan --data icons/ --out sheet.png

Prints the quality, diversity and memorization table of ``minigan.gan.metrics`` and writes
``nearest.png`` (each sample, then its three nearest training images with their distances, the
likeliest copies first) and ``evaluation.json`` (the table) into the run folder. The features
come from a fixed random network, not a downloaded Inception one: compare runs and checkpoints
on the same data with these numbers, never with a paper's FID.
"""
import json
import os

import numpy

import minigan
from minigan.gan import cli, data, metrics, model_io, report, sampling
from minigan.gan.metrics.sheet import nearest_sheet


def parse_args(argv=None):
    parser = cli.ArgumentParser(__doc__)
    add = parser.add_argument
    add('--model', required=True, help='the --out folder of a training run')
    add('--data', default=None, help='the training images (default: the folder the run used)')
    add('--n', type=int, default=500, help='samples to generate and score')
    add('--best', action='store_true', help='score gen_best.npz (best quality during training)')
    add('--max-real', type=int, default=2000, help='score against at most this many images')
    add('--out', default=None, help='the nearest-neighbour sheet (default MODEL/nearest.png)')
    add('--seed', type=int, default=0)
    add('--device', type=cli.device, default='-1')
    add('--batch-size', type=int, default=64)
    args = parser.parse_args(argv)
    if args.n < 2 or args.max_real < 2 or args.batch_size < 1:
        parser.error('--n and --max-real must be at least 2, --batch-size at least 1')
    args.out = args.out or os.path.join(args.model, 'nearest.png')
    return args


def generate(gen, n, seed, device, batch_size):
    """n samples, float32 (n, C, H, W) in [-1, 1] on the host."""
    z = gen.make_hidden(n, numpy.random.RandomState(seed))
    out = []
    with minigan.using_config('train', False), minigan.no_backprop_mode():
        for i in range(0, n, batch_size):
            out.append(minigan.backend.to_cpu(gen(device.send(z[i:i + batch_size])).array))
    return numpy.concatenate(out)


def training_images(spec, args, size, channels):
    """The run's training images as uint8 (N, size, size, 3) (grey when ``channels`` is 1)."""
    folder = args.data or spec.get('data')
    if folder is None:
        raise SystemExit('error: pass --data DIR: %s/model.json does not say which images '
                         'the run was trained on' % args.model)
    try:
        images = data.ImageFolder(folder, size, background=spec.get('background', 'white'),
                                  fit=spec.get('fit', 'crop')).images
    except data.DatasetError as e:
        raise SystemExit('error: %s' % e)
    if len(images) > args.max_real:
        pick = numpy.random.default_rng(args.seed).choice(len(images), args.max_real, False)
        images = images[numpy.sort(pick)]
    if channels == 1:
        luma = images @ numpy.array([0.299, 0.587, 0.114])
        images = numpy.repeat(numpy.rint(luma)[..., None], 3, axis=3).astype(numpy.uint8)
    return folder, images


def print_table(result, title):
    print(title)
    print('  %-17s %10s  %-6s  %s' % ('score', 'value', 'better', 'meaning'))
    for key, (better, meaning) in metrics.KEYS.items():
        print('  %-17s %10.4g  %-6s  %s' % (key, result[key], better, meaning))


@cli.command
def main(argv=None):
    args = parse_args(argv)
    device = minigan.get_device(args.device)
    weights = 'gen_best.npz' if args.best else None
    try:
        gen, spec = model_io.load_generator(args.model, device, weights=weights)
    except (FileNotFoundError, ValueError) as e:
        raise SystemExit('error: %s' % e)
    fake = generate(gen, args.n, args.seed, device, args.batch_size)
    folder, real = training_images(spec, args, fake.shape[2], fake.shape[1])
    print('scoring %d samples of %s against %d training images from %s'
          % (len(fake), args.model, len(real), folder))
    reference = metrics.Reference(real)
    result, (index, distance, suspicion) = reference.compare(
        fake if fake.shape[1] == 3 else numpy.repeat(fake, 3, axis=1), neighbours=3)
    print_table(result, 'random-VGG features (Naeem et al. 2020): comparable between runs '
                        'on this data only, not with papers\' Inception FIDs')
    samples = sampling.to_uint8(fake)
    sheet = nearest_sheet(samples, real, index, distance, suspicion)
    sampling.save_grid(args.out, sheet[None], padding=0)
    summary = dict(result, model=args.model, weights=weights or 'gen.npz', data=folder,
                   seed=args.seed, nearest=os.path.basename(args.out))
    with open(os.path.join(args.model, 'evaluation.json'), 'w') as f:
        json.dump(summary, f, indent=2)
    print('nearest training images of each sample, likeliest copies first: %s' % args.out)
    report.refresh(args.model)


if __name__ == '__main__':
    main()
