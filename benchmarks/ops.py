"""Time minigan's convolution and deconvolution on the layers of a 64x64 DCGAN, next to PyTorch.

For every layer it prints the median forward time and the median forward + backward time
(gradients of both x and W), for minigan and, when torch is importable, for torch on the
same number of threads, with the ratio minigan / torch. Repetitions alternate between the
two libraries so that drift on a shared machine hits both alike.

    python benchmarks/ops.py --batch 64 --repeat 7 --threads 2
    python benchmarks/ops.py --device 0          # CuPy on GPU 0 next to torch on cuda:0

Inputs are given to minigan channels-last in memory, as minigan's own layers hand them on
(see minigan/utils/conv.py); use --layout nchw to feed it plain NCHW arrays instead.
Multithreaded BLAS and OpenMP collapse when other processes share the cores (a tiny product
can take 100x longer): on a busy machine compare with --threads 1, or not at all.
"""
import argparse
import os
import statistics
import sys
import time

# (name, kind, in_channels, out_channels, input size, ksize, stride, pad)
LAYERS = [
    ('G1', 'deconv', 100, 512, 1, 4, 1, 0),
    ('G2', 'deconv', 512, 256, 4, 4, 2, 1),
    ('G3', 'deconv', 256, 128, 8, 4, 2, 1),
    ('G4', 'deconv', 128, 64, 16, 4, 2, 1),
    ('G5', 'deconv', 64, 3, 32, 4, 2, 1),
    ('D1', 'conv', 3, 64, 64, 4, 2, 1),
    ('D2', 'conv', 64, 128, 32, 4, 2, 1),
    ('D3', 'conv', 128, 256, 16, 4, 2, 1),
    ('D4', 'conv', 256, 512, 8, 4, 2, 1),
    ('D5', 'conv', 512, 1, 4, 4, 1, 0),
]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--batch', type=int, default=64)
    parser.add_argument('--repeat', type=int, default=7)
    parser.add_argument('--threads', type=int, default=os.cpu_count())
    parser.add_argument('--layout', choices=('nhwc', 'nchw'), default='nhwc',
                        help='memory order of the arrays given to minigan')
    parser.add_argument('--layers', default='', help='comma-separated names, e.g. G4,D2')
    parser.add_argument('--no-torch', action='store_true')
    parser.add_argument('--device', default='-1',
                        help='-1 for the CPU, a GPU id (or @cupy:N) for CuPy and torch cuda')
    return parser.parse_args()


def _timed(fn, sync):
    start = time.perf_counter()
    fn()
    sync()  # NOTE: GPU calls return before the GPU is done: wait for it inside the timing
    return time.perf_counter() - start


def _minigan_case(layer, batch, layout, device, numpy, minigan, F):
    name, kind, in_c, out_c, size, k, s, p = layer
    rng = numpy.random.RandomState(0)
    x = rng.normal(size=(batch, size, size, in_c)).astype(numpy.float32)
    x = x.transpose(0, 3, 1, 2)
    if layout == 'nchw':
        x = numpy.ascontiguousarray(x)
    w_shape = (out_c, in_c, k, k) if kind == 'conv' else (in_c, out_c, k, k)
    W = rng.normal(scale=0.02, size=w_shape).astype(numpy.float32)
    op = F.convolution_2d if kind == 'conv' else F.deconvolution_2d
    with minigan.no_backprop_mode():
        y_shape = op(x, W, stride=s, pad=p).shape
    gy = rng.normal(size=(y_shape[0],) + y_shape[2:] + (y_shape[1],)).astype(numpy.float32)
    gy = gy.transpose(0, 3, 1, 2)
    if layout == 'nchw':
        gy = numpy.ascontiguousarray(gy)
    xv, Wv, gyv = (minigan.Variable(device.send(a)) for a in (x, W, gy))

    def forward():
        with minigan.no_backprop_mode():
            op(xv, Wv, stride=s, pad=p)

    def forward_backward():
        minigan.grad([op(xv, Wv, stride=s, pad=p)], [xv, Wv], [gyv])
    # NOTE: one multiply-add per (output pixel, W[o]) entry for conv, per (input pixel, W[c])
    flops = 2.0 * numpy.prod(y_shape if kind == 'conv' else x.shape) * numpy.prod(w_shape[1:])
    return forward, forward_backward, flops


def _torch_case(layer, batch, torch, where):
    name, kind, in_c, out_c, size, k, s, p = layer
    x = torch.randn(batch, in_c, size, size, device=where, requires_grad=True)
    w_shape = (out_c, in_c, k, k) if kind == 'conv' else (in_c, out_c, k, k)
    W = (torch.randn(*w_shape, device=where) * 0.02).requires_grad_()
    op = torch.nn.functional.conv2d if kind == 'conv' else torch.nn.functional.conv_transpose2d
    with torch.no_grad():
        gy = torch.randn_like(op(x, W, stride=s, padding=p))

    def forward():
        with torch.no_grad():
            op(x, W, stride=s, padding=p)

    def forward_backward():
        torch.autograd.grad(op(x, W, stride=s, padding=p), (x, W), gy)
    return forward, forward_backward


def main():
    args = parse_args()
    # NOTE: BLAS reads its thread count when NumPy is first imported, hence the late imports;
    # the path lets the script run from a checkout without installing minigan
    for var in ('OMP_NUM_THREADS', 'OPENBLAS_NUM_THREADS', 'MKL_NUM_THREADS'):
        os.environ[var] = str(args.threads)
    # NOTE: idle OpenBLAS threads otherwise spin for ~0.1 s after each product, stealing the
    # cores from torch's threads in the alternating repetitions (2^4 cycles is the minimum)
    os.environ.setdefault('OPENBLAS_THREAD_TIMEOUT', '4')
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    import numpy
    import minigan
    import minigan.functions as F
    from minigan.utils import parallel
    parallel.set_num_threads(args.threads)
    device = minigan.get_device(args.device)
    device.use()
    on_gpu = device.xp is not numpy
    where = 'cuda:%d' % device.device_id if on_gpu else 'cpu'
    syncs = [device.xp.cuda.Device(device.device_id).synchronize if on_gpu
             else (lambda: None)] * 2
    torch = None
    if not args.no_torch:
        try:
            import torch
            torch.set_num_threads(args.threads)
            syncs += [torch.cuda.synchronize if on_gpu else (lambda: None)] * 2
        except ImportError:
            print('torch is not importable: timing minigan alone')
    names = set(args.layers.split(',')) if args.layers else None
    layers = [layer for layer in LAYERS if names is None or layer[0] in names]
    print('batch %d, %s, %d CPU threads, minigan inputs %s in memory, median of %d, '
          'times in ms' % (args.batch, where, args.threads, args.layout, args.repeat))
    header = '%-4s %-7s %-22s %6s | %8s %8s %6s | %8s %8s %6s' % (
        'name', 'kind', 'channels, size', 'GFLOP', 'fwd', 'torch', 'ratio',
        'fwd+bwd', 'torch', 'ratio')
    print(header)
    print('-' * len(header))
    totals, total_flops = [0.0] * (4 if torch is not None else 2), 0.0
    for layer in layers:
        forward, forward_backward, flops = _minigan_case(
            layer, args.batch, args.layout, device, numpy, minigan, F)
        fns = [forward, forward_backward]
        if torch is not None:
            fns += _torch_case(layer, args.batch, torch, where)
        for fn, sync in zip(fns, syncs):
            _timed(fn, sync)  # warm up caches, allocators, thread pools and kernel builds
        times = [[] for _ in fns]
        for _ in range(args.repeat):
            for i in ((0, 2, 1, 3) if torch is not None else (0, 1)):
                times[i].append(_timed(fns[i], syncs[i]))
        med = [statistics.median(t) * 1e3 for t in times]
        for i, m in enumerate(med):
            totals[i] += m
        total_flops += flops
        name, kind, in_c, out_c, size, k, s, p = layer
        out_size = (size + 2 * p - k) // s + 1 if kind == 'conv' else s * (size - 1) + k - 2 * p
        desc = '%d->%d %d->%d' % (in_c, out_c, size, out_size)
        print(_row(name, kind, desc, flops / 1e9, med))
    print('-' * len(header))
    print(_row('all', '', 'sum of the medians', total_flops / 1e9, totals))


def _row(name, kind, desc, gflop, med):
    fwd, fb = med[0], med[1]
    if len(med) == 4:
        t_fwd, t_fb = med[2], med[3]
        return '%-4s %-7s %-22s %6.2f | %8.1f %8.1f %5.2fx | %8.1f %8.1f %5.2fx' % (
            name, kind, desc, gflop, fwd, t_fwd, fwd / t_fwd, fb, t_fb, fb / t_fb)
    return '%-4s %-7s %-22s %6.2f | %8.1f %8s %6s | %8.1f %8s %6s' % (
        name, kind, desc, gflop, fwd, '-', '-', fb, '-', '-')


if __name__ == '__main__':
    main()
