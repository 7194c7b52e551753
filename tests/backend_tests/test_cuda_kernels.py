"""The fused CUDA kernels, checked on the CPU: their C++ bodies compiled by the C++ compiler.

Two levels: im2col and col2im alone against the NumPy versions on awkward shapes, and whole
functions run through their CuPy branches under ``emulated_gpu()`` against plain NumPy runs,
gradients and double backprop included. On a machine with a GPU, the test_cupy.py files run
the same functions on CuPy itself.
"""
import collections

import numpy
import pytest

import minigan
import minigan.functions as F
from minigan import Variable
from minigan.backend.cuda import Elementwise
from minigan.testing import cpu_elementwise
from minigan.testing.emulated_gpu import emulated_gpu, send
from minigan.utils import conv, conv_cuda

pytestmark = pytest.mark.skipif(cpu_elementwise.compiler() is None,
                                reason='needs a C++ compiler to build the kernel bodies')
RNG = numpy.random.RandomState(0)

# (N, C, H, W, kh, kw, sy, sx, ph, pw, cover_all)
SHAPES = [
    (2, 3, 5, 7, 3, 3, 1, 1, 1, 1, False),
    (3, 5, 8, 6, 4, 4, 2, 2, 1, 1, False),
    (1, 2, 9, 9, 4, 6, 3, 2, 2, 0, False),
    (2, 1, 7, 5, 3, 2, 2, 3, 0, 1, True),
    (1, 4, 1, 1, 4, 4, 1, 1, 3, 3, False),
    (2, 3, 6, 6, 1, 1, 1, 1, 0, 0, False),
]


@pytest.mark.parametrize('dtype', [numpy.float32, numpy.float64])
@pytest.mark.parametrize('shape', SHAPES)
def test_im2col_and_col2im_kernels_match_numpy(shape, dtype):
    n, c, h, w, kh, kw, sy, sx, ph, pw, cover_all = shape
    out_h = conv.get_conv_outsize(h, kh, sy, ph, cover_all)
    out_w = conv.get_conv_outsize(w, kw, sx, pw, cover_all)
    x = RNG.randn(n, c, h, w).astype(dtype)
    col = numpy.empty((n, out_h, out_w, kh, kw, c), dtype)
    cpu_elementwise.run_elementwise(
        conv_cuda.IM2COL, numpy.ascontiguousarray(x.transpose(0, 2, 3, 1)).reshape(-1),
        h, w, c, out_h, out_w, kh, kw, sy, sx, ph, pw, col)
    expected = conv.im2col(x, kh, kw, sy, sx, ph, pw, out_h, out_w)
    numpy.testing.assert_array_equal(col.reshape(expected.shape), expected)

    g = RNG.randn(*col.shape).astype(dtype)
    img = numpy.empty((n, h, w, c), dtype)
    cpu_elementwise.run_elementwise(conv_cuda.COL2IM, g.reshape(-1), h, w, c, out_h, out_w,
                                    kh, kw, sy, sx, ph, pw, img)
    numpy.testing.assert_allclose(img.transpose(0, 3, 1, 2),
                                  conv.col2im(g, sy, sx, ph, pw, h, w), rtol=1e-6, atol=1e-6)


def _randn(*shape):
    return RNG.randn(*shape).astype(numpy.float32)


def _signed(*shape):
    """Values with |x| in [0.2, 1], away from the kinks of relu and leaky_relu."""
    return (RNG.uniform(0.2, 1, shape) * RNG.choice([-1, 1], shape)).astype(numpy.float32)


def _critic(x, W1, W2, gamma, beta):
    """A conv -> leaky_relu -> batch norm -> conv critic on channels-last activations."""
    h = F.leaky_relu(F.convolution_2d(x, W1, stride=2, pad=1))
    h = F.batch_normalization(h, gamma, beta)
    return F.sum(F.convolution_2d(h, W2))


def _gradient_penalty(x, W1, W2, gamma, beta):
    """WGAN-GP's ||d critic / dx||^2: its gradients need every kernel's double backward."""
    gx, = minigan.grad([_critic(x, W1, W2, gamma, beta)], [x], enable_double_backprop=True)
    return F.sum(gx * gx)


def _generator(z, W1, W2, gamma, beta):
    h = F.relu(F.batch_normalization(F.deconvolution_2d(z, W1), gamma, beta))
    return F.tanh(F.deconvolution_2d(h, W2, stride=2, pad=1)) * F.sum(F.sigmoid(h)[:, :1])


CASES = {
    'relu': (F.relu, [_signed(3, 4)]),
    'leaky_relu': (F.leaky_relu, [_signed(3, 4)]),
    'leaky_relu_negative_slope': (lambda x: F.leaky_relu(x, -0.5), [_signed(3, 4)]),
    'leaky_relu_steep': (lambda x: F.leaky_relu(x, 1.5), [_signed(3, 4)]),
    'tanh': (F.tanh, [_randn(3, 4)]),
    'sigmoid': (F.sigmoid, [_randn(3, 4) * 3]),
    'batch_normalization_2d': (lambda x, g, b: F.batch_normalization(x, g, b) * x,
                               [_randn(6, 3), _randn(3), _randn(3)]),
    'convolution_2d': (lambda x, W, b: F.convolution_2d(x, W, b, stride=(2, 1), pad=(1, 2)),
                       [_randn(2, 3, 7, 6), _randn(4, 3, 3, 4), _randn(4)]),
    'deconvolution_2d': (lambda x, W: F.deconvolution_2d(x, W, stride=2, pad=1, outsize=(8, 9)),
                         [_randn(2, 3, 4, 5), _randn(3, 2, 3, 3)]),
    'generator': (_generator, [_randn(2, 5, 1, 1), _randn(5, 4, 4, 4) * 0.3,
                               _randn(4, 3, 4, 4) * 0.3, _randn(4) + 1, _randn(4)]),
    'critic': (_critic, [_randn(2, 3, 8, 8), _randn(4, 3, 4, 4) * 0.3,
                         _randn(1, 4, 4, 4) * 0.3, _randn(4) + 1, _randn(4)]),
    'gradient_penalty': (_gradient_penalty, [_randn(2, 3, 8, 8), _randn(4, 3, 4, 4) * 0.3,
                                             _randn(1, 4, 4, 4) * 0.3, _randn(4) + 1,
                                             _randn(4)]),
}


def _outputs_and_grads(func, arrays, to_device):
    xs = [Variable(to_device(a)) for a in arrays]
    y = func(*xs)
    grads = minigan.grad([y], xs)
    return [None if v is None else numpy.asarray(v.array) for v in [y] + list(grads)]


def _check(name, calls):
    func, arrays = CASES[name]
    expected = _outputs_and_grads(func, arrays, numpy.array)
    with emulated_gpu() as case_calls:
        got = _outputs_and_grads(func, arrays, send)
    assert sum(case_calls.values()) > 0, 'no kernel ran: the CuPy branches were not taken'
    calls.update(case_calls)
    for a, b in zip(expected, got):
        if a is None or b is None:
            assert a is None and b is None
        else:
            numpy.testing.assert_allclose(b, a, rtol=1e-4, atol=1e-5)


@pytest.mark.parametrize('name', sorted(CASES))
def test_cupy_branch_matches_numpy(name):
    _check(name, collections.Counter())


def test_every_kernel_runs_in_some_case():
    calls = collections.Counter()
    for name in sorted(CASES):
        _check(name, calls)
    assert sorted(calls) == sorted(k.name for k in Elementwise.instances)
