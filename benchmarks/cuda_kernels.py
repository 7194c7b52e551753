"""Time each fused CUDA kernel of minigan against the same math as plain CuPy array operations.

    python benchmarks/cuda_kernels.py --device 0 --repeat 20

The fused side is what minigan runs on CuPy (one kernel per pass); the plain side is the
code minigan runs on NumPy, given CuPy arrays (several kernels and temporaries per pass).
Shapes are those of a 64x64 DCGAN at batch 64: the activations of D2 (128 x 16 x 16) and G4
(64 x 32 x 32), im2col of D2's input and col2im of G4's output. Each figure is the median
of --repeat timings, with the GPU synchronized inside each timing.
"""
import argparse
import os
import statistics
import sys
import time

import numpy


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--device', default='0', help='a GPU id or @cupy:N')
    parser.add_argument('--batch', type=int, default=64)
    parser.add_argument('--repeat', type=int, default=20)
    return parser.parse_args()


def _cases(xp, batch):
    """name -> (fused, plain), two functions of no arguments computing the same array."""
    import minigan.functions as F
    from minigan.functions.activation.leaky_relu import LeakyReLUGrad
    from minigan.functions.activation.relu import ReLUGrad
    from minigan.functions.activation.sigmoid import Sigmoid, SigmoidGrad
    from minigan.functions.activation.tanh import TanhGrad
    from minigan.functions.normalization.batch_normalization import BatchNormalizationGrad
    from minigan.utils import conv
    rng = numpy.random.RandomState(0)

    def randn(*shape):
        return xp.asarray(rng.randn(*shape).astype(numpy.float32))

    def channels_last(c, size):
        return randn(batch, size, size, c).transpose(0, 3, 1, 2)
    x, gy = channels_last(128, 16), channels_last(128, 16)
    y = xp.tanh(x)
    gamma, beta = xp.asarray(rng.uniform(0.5, 1.5, 128).astype(numpy.float32)), randn(128)
    axes, kept = (0, 2, 3), (1, 128, 1, 1)
    mean = x.mean(axis=axes, keepdims=True)
    inv_std = 1 / xp.sqrt(xp.square(x - mean).mean(axis=axes, keepdims=True) + 2e-5)
    m = x.size // 128

    def bn_plain():
        xc = x - x.mean(axis=axes, keepdims=True)
        scale = gamma.reshape(kept) / xp.sqrt(xp.square(xc).mean(axis=axes, keepdims=True)
                                              + 2e-5)
        return xc * scale + beta.reshape(kept)

    def bn_grad_plain():
        x_hat = (x - mean) * inv_std
        gbeta = gy.sum(axis=axes, keepdims=True)
        ggamma = (gy * x_hat).sum(axis=axes, keepdims=True)
        return (gy - (x_hat * ggamma + gbeta) / m) * (gamma.reshape(kept) * inv_std)

    d2_input = channels_last(64, 32)
    g4_col = randn(batch, 16, 16, 4, 4, 64)
    bn_grad = BatchNormalizationGrad(2e-5, axes, mean, inv_std)
    return {
        'leaky_relu': (lambda: F.leaky_relu(x).array, lambda: xp.where(x > 0, x, x * 0.2)),
        'leaky_relu grad': (lambda: LeakyReLUGrad(x, 0.2).forward((gy,)),
                            lambda: xp.where(x > 0, gy, gy * 0.2)),
        'relu grad': (lambda: ReLUGrad(y).forward((gy,)), lambda: gy * (y > 0)),
        'tanh grad': (lambda: TanhGrad().forward((y, gy)), lambda: gy * (1 - y * y)),
        'sigmoid': (lambda: Sigmoid().forward((x,)),
                    lambda: xp.tanh(x * 0.5) * 0.5 + 0.5),
        'sigmoid grad': (lambda: SigmoidGrad().forward((y, gy)),
                         lambda: gy * y * (1 - y)),
        'batch norm': (lambda: F.batch_normalization(x, gamma, beta).array, bn_plain),
        'batch norm grad': (lambda: bn_grad.forward((x, gamma, gy)), bn_grad_plain),
        'im2col D2': (lambda: conv.im2col(d2_input, 4, 4, 2, 2, 1, 1, 16, 16),
                      lambda: conv.im2col_strided(d2_input, 4, 4, 2, 2, 1, 1, 16, 16)),
        'col2im G4': (lambda: conv.col2im(g4_col, 2, 2, 1, 1, 32, 32),
                      lambda: conv.col2im_sliced(g4_col, 2, 2, 1, 1, 32, 32)),
    }


def _median_ms(fn, sync, repeat):
    fn()
    sync()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        sync()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1e3


def main():
    args = parse_args()
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    import minigan
    device = minigan.get_device(args.device)
    device.use()
    xp = device.xp
    sync = xp.cuda.Device(device.device_id).synchronize
    print('%s, batch %d, median of %d, times in ms' % (device, args.batch, args.repeat))
    header = '%-16s %8s %8s %8s' % ('pass', 'fused', 'plain', 'speedup')
    print(header)
    print('-' * len(header))
    with minigan.no_backprop_mode():
        for name, (fused, plain) in _cases(xp, args.batch).items():
            first, second = fused(), plain()
            first = first[0] if isinstance(first, tuple) else first
            assert float(abs(first - second).max()) < 1e-3, name
            t_fused = _median_ms(fused, sync, args.repeat)
            t_plain = _median_ms(plain, sync, args.repeat)
            print('%-16s %8.3f %8.3f %7.2fx' % (name, t_fused, t_plain, t_plain / t_fused))


if __name__ == '__main__':
    main()
