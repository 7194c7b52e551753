"""Time whole GAN training iterations in minigan next to the same networks in PyTorch.

Every row is one training iteration (D step, then G step) of a real minigan model run by its
real updater on random images, and of its PyTorch twin (benchmarks/torch_twins.py), with the
same thread count, in this one process, alternating the two so that drift on a shared machine
hits both; each time is the median of --repeat iterations after a warm-up. The peak resident
memory of each side is then measured in a separate process per row and side (--no-rss skips
it). With --device 0 the rows run on GPU 0: minigan on CuPy, PyTorch on CUDA with cuDNN, and
the memory column is the GPU memory each library's allocator holds.

--separate times each side alone in its own process instead (two processes per side and row,
alternating minigan and PyTorch, the median over all their iterations), so that neither
library's threads or allocator touch the other's timings; each process also reports its
peak memory.

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python benchmarks/iteration.py
    python benchmarks/iteration.py --rows dcgan-64 sagan-64/5 --repeat 3 --no-rss
    python benchmarks/iteration.py --device 0
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python benchmarks/iteration.py --separate

The OpenBLAS kernel in use is printed (threadpoolctl, when installed): build machines that
force OPENBLAS_CORETYPE get a different one than a user's machine, so quote the command.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))

# name: (family, size, batch, ch, z_dim, what the row shows)
ROWS = {
    'dcgan-32': ('dcgan', 32, 64, 64, 100, 'non-saturating loss, BN in both networks'),
    'dcgan-64': ('dcgan', 64, 64, 64, 100, 'the Radford et al. networks'),
    'wgan-gp-64': ('wgan-gp', 64, 64, 64, 100, 'double backprop through the critic'),
    'sagan-64/5': ('sagan', 64, 5, 64, 128, 'SN everywhere, attention at 16 and 32, hinge'),
    'sagan-64/64': ('sagan', 64, 64, 64, 128, 'the same at batch 64'),
    'pggan-32': ('pggan', 32, 16, 128, 128, 'fading in 32x32, WGAN-GP + drift, EMA of G'),
    'pggan-64': ('pggan', 64, 16, 128, 128, 'fading in 64x64'),
    'mlp-28': ('mlp', 28, 128, 256, 100, 'Goodfellow et al. on 1x28x28, hidden 256'),
}


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--rows', nargs='+', default=list(ROWS), choices=list(ROWS))
    parser.add_argument('--repeat', type=int, default=5, help='timed iterations per side')
    parser.add_argument('--threads', type=int, default=os.cpu_count())
    parser.add_argument('--device', default='-1', help='-1 for the CPU, 0 for GPU 0')
    parser.add_argument('--no-torch', action='store_true')
    parser.add_argument('--no-rss', action='store_true', help='skip the memory processes')
    parser.add_argument('--separate', action='store_true',
                        help='time each library alone in its own processes')
    parser.add_argument('--alone', nargs=2, metavar=('ROW', 'SIDE'), help=argparse.SUPPRESS)
    return parser.parse_args()


def minigan_step(row, device):
    """One minigan iteration of ``row`` through its updater, as a closure."""
    import numpy
    from minigan import optimizers, reporter
    from minigan.gan.models import dcgan, mlp, sagan
    from minigan.gan.updaters import GANUpdater
    from minigan.iterators import SerialIterator
    family, size, batch, ch, z_dim, _ = ROWS[row]
    numpy.random.seed(0)
    if family == 'pggan':
        return _pggan_step(size, batch, ch, z_dim, device)
    channels = 1 if family == 'mlp' else 3
    if family == 'mlp':
        gen, dis = mlp.Generator(size, z_dim, ch), mlp.Discriminator(size, ch)
    elif family == 'sagan':
        gen, dis = sagan.Generator(size, z_dim, ch), sagan.Discriminator(size, ch)
    else:
        gen = dcgan.Generator(size, z_dim, ch)
        dis = dcgan.Discriminator(size, ch, use_bn=family == 'dcgan')
    loss = {'dcgan': 'ns', 'mlp': 'ns', 'wgan-gp': 'wgan-gp', 'sagan': 'hinge'}[family]
    lr_g, lr_d, beta1, beta2 = {'ns': (2e-4, 2e-4, 0.5, 0.999), 'hinge': (1e-4, 4e-4, 0., 0.9),
                                'wgan-gp': (2e-4, 2e-4, 0.0, 0.9)}[loss]
    opts = {'gen': optimizers.Adam(lr_g, beta1, beta2), 'dis': optimizers.Adam(lr_d, beta1, beta2)}
    opts['gen'].setup(gen)
    opts['dis'].setup(dis)
    images = list(numpy.random.uniform(-1, 1, (batch, channels, size, size))
                  .astype(numpy.float32))
    updater = GANUpdater(SerialIterator(images, batch), opts, loss=loss, device=device)

    def step():
        rep = reporter.Reporter()
        with rep.scope(rep.observation):
            updater.update()
    return step


def _pggan_step(size, batch, ch, z_dim, device):
    """PGGANUpdater held in the middle of the fade-in of ``size`` (alpha 0.5)."""
    import numpy
    from minigan import optimizers, reporter
    from minigan.gan import data, progressive
    from minigan.gan.ema import ExponentialMovingAverage
    from minigan.gan.models import pggan
    from minigan.gan.pggan_updater import PGGANUpdater
    from minigan.iterators import SerialIterator
    gen, dis = pggan.Generator(size, z_dim, ch), pggan.Discriminator(size, ch)
    gen.to_device(device)
    dis.to_device(device)
    opts = {}
    for name, model in (('gen', gen), ('dis', dis)):
        opts[name] = optimizers.Adam(alpha=1e-3, beta1=0.0, beta2=0.99, eps=1e-8)
        opts[name].setup(model)
    images = numpy.random.randint(0, 256, (4 * batch, size, size, 3), numpy.uint8)
    schedule = progressive.Schedule(size, images_per_phase=100 * batch, batch_size=batch)
    fade = [p for p in schedule.phases if p.kind == 'fade'][-1]
    updater = PGGANUpdater(SerialIterator(data.ArrayImageDataset(images), batch), opts,
                           schedule, images, ema=ExponentialMovingAverage(gen), device=device)

    def step():
        updater.iteration = fade.start + fade.iterations // 2
        rep = reporter.Reporter()
        with rep.scope(rep.observation):
            updater.update()
    return step


def torch_step(row, torch, where):
    import copy
    import torch_twins
    family, size, batch, ch, z_dim, _ = ROWS[row]
    torch.manual_seed(0)
    channels, ema = 3, None
    if family == 'mlp':
        G, D = torch_twins.mlp(size, z_dim, ch)
        channels = 1
    elif family == 'sagan':
        G, D = torch_twins.sagan(size, ch, z_dim)
    elif family == 'pggan':
        G, D = torch_twins.PGGenerator(size, z_dim, ch), torch_twins.PGDiscriminator(size, ch)
    else:
        G, D = torch_twins.dcgan(size, ch, z_dim, bn_in_d=family == 'dcgan')
    G.to(where)
    D.to(where)
    if family == 'pggan':
        ema = copy.deepcopy(G)
    kind = {'dcgan': 'ns', 'mlp': 'ns', 'wgan-gp': 'wgan-gp', 'sagan': 'hinge',
            'pggan': 'pggan'}[family]
    real = torch.rand(batch, channels, size, size, device=where) * 2 - 1
    return torch_twins.make_step(kind, G, D, real, z_dim, ema)


def _timed(fn, sync):
    start = time.perf_counter()
    fn()
    sync()  # NOTE: GPU calls return before the GPU is done: wait inside the timing
    return time.perf_counter() - start


def _setup(args, with_minigan=True):
    """Threads, paths and devices; returns (numpy, device, torch or None, where, syncs)."""
    # NOTE: BLAS reads its thread count when NumPy is first imported, hence the late imports
    for var in ('OMP_NUM_THREADS', 'OPENBLAS_NUM_THREADS', 'MKL_NUM_THREADS'):
        os.environ[var] = str(args.threads)
    # NOTE: idle OpenBLAS threads otherwise spin after each product, stealing torch's cores
    os.environ.setdefault('OPENBLAS_THREAD_TIMEOUT', '4')
    sys.path.insert(0, os.path.dirname(HERE))
    sys.path.insert(0, HERE)
    import numpy
    device, on_gpu, syncs = None, args.device not in ('-1', '@numpy', 'cpu'), {}
    if with_minigan:
        import minigan
        from minigan.utils import parallel
        parallel.set_num_threads(args.threads)
        device = minigan.get_device(args.device)
        device.use()
        on_gpu = device.xp is not numpy
        syncs['minigan'] = (device.xp.cuda.Device(device.device_id).synchronize if on_gpu
                            else (lambda: None))
    where = 'cuda:%d' % int(args.device.split(':')[-1]) if on_gpu else 'cpu'
    torch = None
    if not args.no_torch:
        try:
            import torch
        except ImportError:
            print('torch is not importable: timing minigan alone')
    if torch is not None:
        torch.set_num_threads(args.threads)
        torch.backends.cudnn.benchmark = True  # NOTE: as pytorch/examples' dcgan does
        syncs['torch'] = torch.cuda.synchronize if on_gpu else (lambda: None)
    return numpy, device, torch, where, syncs


def alone(args):
    """Time --repeat iterations of one row on one side after a warm-up, alone in this process,
    and print the times and the peak memory (MiB) as JSON."""
    row, side = args.alone
    if side == 'minigan':
        args.no_torch = True
    numpy, device, torch, where, syncs = _setup(args, with_minigan=side == 'minigan')
    step = minigan_step(row, device) if side == 'minigan' else torch_step(row, torch, where)
    _timed(step, syncs[side])
    times = [_timed(step, syncs[side]) for _ in range(args.repeat)]
    if where != 'cpu':
        if side == 'minigan':
            mib = device.xp.get_default_memory_pool().total_bytes() / 2 ** 20
        else:
            mib = torch.cuda.max_memory_reserved() / 2 ** 20
    else:
        mib = _peak_rss_mib()
    print(json.dumps({'row': row, 'side': side, 'mib': mib, 'times': times}))


def _peak_rss_mib():
    """This process's peak resident memory: VmHWM, which (unlike ru_maxrss) starts afresh at
    exec instead of carrying over the parent's peak from before the fork."""
    try:
        with open('/proc/self/status') as f:
            for line in f:
                if line.startswith('VmHWM:'):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _alone(args, row, side, repeat):
    """Run ``row`` on ``side`` alone in a new process: {'mib': ..., 'times': [...]}."""
    command = [sys.executable, os.path.abspath(__file__), '--alone', row, side,
               '--threads', str(args.threads), '--device', args.device, '--repeat', str(repeat)]
    out = subprocess.run(command, capture_output=True, text=True)
    if out.returncode != 0:
        return {'mib': float('nan'), 'times': [float('nan')]}
    return json.loads(out.stdout.strip().splitlines()[-1])


def _in_one_process(args, row, device, torch, where, syncs):
    """Median seconds per side, the two sides alternating in this process."""
    steps = {'minigan': minigan_step(row, device)}
    if torch is not None:
        steps['torch'] = torch_step(row, torch, where)
    for side, step in steps.items():
        _timed(step, syncs[side])  # NOTE: warm-up (allocations, lazy initialization)
    times = {side: [] for side in steps}
    for _ in range(args.repeat):
        for side, step in steps.items():
            times[side].append(_timed(step, syncs[side]))
    return {side: statistics.median(t) for side, t in times.items()}


def _in_separate_processes(args, row, sides):
    """(median seconds, peak MiB) per side, each side timed in two processes of its own."""
    runs = {side: [] for side in sides}
    for half in (args.repeat // 2, args.repeat - args.repeat // 2):
        for side in sides:
            runs[side].append(_alone(args, row, side, max(half, 1)))
    med = {side: statistics.median(t for run in r for t in run['times'])
           for side, r in runs.items()}
    return med, {side: max(run['mib'] for run in r) for side, r in runs.items()}


def blas_kernel():
    """The OpenBLAS (or other BLAS) kernel NumPy uses, as threadpoolctl reports it."""
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return 'unknown (pip install threadpoolctl to see it)'
    blas = [i for i in threadpool_info() if i.get('user_api') == 'blas']
    return ', '.join('%s %s %s' % (i.get('internal_api'), i.get('version'),
                                   i.get('architecture', '')) for i in blas) or 'none found'


def main():
    args = parse_args()
    if args.alone:
        return alone(args)
    numpy, device, torch, where, syncs = _setup(args, with_minigan=not args.separate)
    print('one training iteration (D step + G step), %s, %d threads, median of %d, seconds, %s'
          % (where, args.threads, args.repeat,
             'each library in processes of its own' if args.separate else 'in one process'))
    print('BLAS: %s; OPENBLAS_CORETYPE=%s OPENBLAS_L2_SIZE=%s' % (
        blas_kernel(), os.environ.get('OPENBLAS_CORETYPE', '(unset)'),
        os.environ.get('OPENBLAS_L2_SIZE', '(unset)')))
    if torch is not None:
        print('torch %s, numpy %s' % (torch.__version__, numpy.__version__))
    header = '| row         | minigan |   torch |  ratio | MiB minigan | MiB torch | what'
    print(header)
    print('| ----------- | ------: | ------: | -----: | ----------: | --------: | ----')
    for row in args.rows:
        sides = ['minigan'] + ([] if torch is None else ['torch'])
        if args.separate:
            med, mem = _in_separate_processes(args, row, sides)
        else:
            med = _in_one_process(args, row, device, torch, where, syncs)
            mem = {side: float('nan') if args.no_rss else _alone(args, row, side, 1)['mib']
                   for side in sides}
        theirs = med.get('torch', float('nan'))
        print('| %-11s | %7.3f | %7.3f | %5.2fx | %11.0f | %9.0f | %s' % (
            row, med['minigan'], theirs, med['minigan'] / theirs, mem['minigan'],
            mem.get('torch', float('nan')), ROWS[row][5]), flush=True)
    print('NOTE: compare ratios taken in one run only; a shared machine makes torch noisy.')


if __name__ == '__main__':
    main()
