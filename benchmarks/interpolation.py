"""Time the frames of an interpolation GIF: a full PGGAN generator in minigan next to PyTorch.

Generates --frames frames of --size x --size (default 60 of 256x256, the walk of
``examples/interpolate.py --points 4 --frames 15``) from a randomly initialized PGGAN generator
(ch 512, z 512 unless told otherwise) through interpolate.py's own ``render``, and the same
frames from its PyTorch twin (benchmarks/torch_mirror_pggan.py, no autograd, eval mode), with
the same thread count, alternating the two in one process, median of --repeat. PyTorch's twin
upsamples and then convolves (9 taps), as PGGAN code for PyTorch does; minigan convolves the
upsampled map by phases (4 taps per output pixel), about 36 GFLOP a 256x256 frame.

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python benchmarks/interpolation.py
    python benchmarks/interpolation.py --size 128 --ch 256 --repeat 1
"""
import argparse
import os
import statistics
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--size', type=int, default=256)
    parser.add_argument('--ch', type=int, default=512)
    parser.add_argument('--z-dim', type=int, default=512)
    parser.add_argument('--frames', type=int, default=60)
    parser.add_argument('--batch-sizes', type=int, nargs='+', default=[1, 4])
    parser.add_argument('--repeat', type=int, default=3)
    parser.add_argument('--threads', type=int, default=os.cpu_count())
    parser.add_argument('--no-torch', action='store_true')
    return parser.parse_args()


def main():
    args = parse_args()
    for var in ('OMP_NUM_THREADS', 'OPENBLAS_NUM_THREADS', 'MKL_NUM_THREADS'):
        os.environ[var] = str(args.threads)  # NOTE: read when NumPy is first imported
    sys.path[:0] = [ROOT, HERE, os.path.join(ROOT, 'examples')]
    import numpy
    import minigan
    import interpolate
    from minigan.gan.models import pggan
    from minigan.utils import parallel
    from iteration import blas_kernel
    parallel.set_num_threads(args.threads)
    device = minigan.get_device('-1')
    gen = pggan.Generator(args.size, args.z_dim, args.ch)
    gen.set_stage(gen.last_stage)  # NOTE: a new generator starts at 4x4
    latents = numpy.random.RandomState(0).normal(
        size=(args.frames, 1, args.z_dim)).astype(numpy.float32)
    sides = {}
    for batch in args.batch_sizes:
        sides['minigan, %d a batch' % batch] = (
            lambda b=batch: interpolate.render(gen, latents, device, b))
    if not args.no_torch:
        try:
            import torch
        except ImportError:
            print('torch is not importable: timing minigan alone')
        else:
            sides.update(_torch_sides(torch, args, latents))
    print('%d frames of %dx%d from a PGGAN generator (ch %d, z %d), %d threads, median of %d'
          % (args.frames, args.size, args.size, args.ch, args.z_dim, args.threads, args.repeat))
    print('BLAS: %s; OPENBLAS_CORETYPE=%s' % (blas_kernel(),
                                              os.environ.get('OPENBLAS_CORETYPE', '(unset)')))
    for render in sides.values():
        render()  # NOTE: warm-up
    times = {name: [] for name in sides}
    for _ in range(args.repeat):
        for name, render in sides.items():
            start = time.perf_counter()
            render()
            times[name].append(time.perf_counter() - start)
    print('| generating with    | seconds | per frame |')
    print('| ------------------ | ------: | --------: |')
    for name, t in times.items():
        median = statistics.median(t)
        print('| %-18s | %7.2f | %8.3fs |' % (name, median, median / args.frames))


def _torch_sides(torch, args, latents):
    import torch_mirror_pggan
    torch.set_num_threads(args.threads)
    twin = torch_mirror_pggan.PgganGenerator(args.size, args.z_dim, args.ch).eval()
    twin.set_stage(twin.last_stage, 1.0)
    z = torch.from_numpy(latents[:, 0])

    def render(batch):
        with torch.no_grad():
            return [twin(z[i:i + batch]) for i in range(0, len(z), batch)]
    return {'PyTorch, %d a batch' % b: (lambda b=b: render(b)) for b in args.batch_sizes}


if __name__ == '__main__':
    main()
