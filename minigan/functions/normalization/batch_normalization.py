"""Batch normalization (Ioffe and Szegedy, 2015) and its inference form.

Training: per channel, x_hat = (x - mean) / sqrt(var + eps) and y = gamma * x_hat + beta, with
mean and (biased) var taken over every axis but the channel axis 1. The forward pass and the
first-order gradient work on raw arrays in a few passes (this runs on every generator layer;
batch_norm_passes.py runs them block by block on every core); the gradient's own gradient is
written in minigan functions, so double backprop works.
On CuPy the elementwise passes are fused CUDA kernels: one for the output, and two (plus the
two per-channel sums) for the gradient.
"""
import numpy

from minigan.backend import get_array_module
from minigan.backend.cuda import Elementwise
from minigan.core.function_node import FunctionNode
from minigan.core.variable import as_variable
from minigan.functions.array.broadcast import broadcast_to
from minigan.functions.array.reshape import reshape
from minigan.functions.math.sqrt import rsqrt
from minigan.functions.math.square import square
from minigan.functions.math.sum import mean, sum
from minigan.functions.normalization import batch_norm_passes as passes


_SCALE_SHIFT_GPU = Elementwise('T xc, T scale, T shift', 'T y', 'y = xc * scale + shift',
                               'minigan_bn_scale_shift')
_GY_XHAT_GPU = Elementwise('T x, T gy, T mean, T inv_std', 'T prod',
                           'prod = gy * (x - mean) * inv_std', 'minigan_bn_gy_xhat')
_GRAD_GPU = Elementwise(
    'T x, T gy, T mean, T inv_std, T ggamma, T gbeta, T scale, T inv_m', 'T gx',
    'gx = (gy - ((x - mean) * inv_std * ggamma + gbeta) * inv_m) * scale',
    'minigan_bn_grad')


def _reduced_axes(ndim, axis):
    """Axes the statistics are taken over: all but axis 1 unless ``axis`` says otherwise."""
    if axis is None:
        return (0,) + tuple(range(2, ndim))
    if not isinstance(axis, (tuple, list)):
        axis = (axis,)
    return tuple(sorted(a % ndim for a in axis))


def _fast_layout(x, axes, *others):
    """batch_norm_passes' view of NumPy arrays laid out like x, for the usual axes; or None."""
    if get_array_module(x) is not numpy or axes != _reduced_axes(x.ndim, None) or \
            x.ndim not in (2, 4):
        return None
    return passes.ChannelMatrix.common(x, *others)


def _kept_shape(shape, axes):
    """The shape of a per-channel array that broadcasts against x: (1, C, 1, 1) for NCHW."""
    return tuple(1 if i in axes else n for i, n in enumerate(shape))


class BatchNormalization(FunctionNode):
    """y = gamma (x - mean) / sqrt(var + eps) + beta, batch statistics; gradients by
    BatchNormalizationGrad."""

    def __init__(self, eps, axes, running_mean, running_var, decay):
        self.eps, self.axes = eps, axes
        self.running_mean, self.running_var, self.decay = running_mean, running_var, decay

    def forward(self, inputs):
        self.retain_inputs((0, 1))
        x, gamma, beta = inputs
        xp = get_array_module(x)
        kept = _kept_shape(x.shape, self.axes)
        cm = _fast_layout(x, self.axes)
        if cm is not None:
            mean, var = passes.moments(x, cm)
            inv_std = x.dtype.type(1) / numpy.sqrt(var + x.dtype.type(self.eps))
            self.mean, self.inv_std = mean.reshape(kept), inv_std.reshape(kept)
            y = passes.scale_shift(x, mean, gamma * inv_std, beta, cm)
            self._update_running(mean, var, x.size // mean.size)
            return y,
        mean = x.mean(axis=self.axes, keepdims=True)
        xc = x - mean
        var = xp.square(xc).mean(axis=self.axes, keepdims=True)
        inv_std = x.dtype.type(1) / xp.sqrt(var + x.dtype.type(self.eps))
        self.mean, self.inv_std = mean, inv_std
        scale, shift = gamma.reshape(kept) * inv_std, beta.reshape(kept)
        if xp is numpy:
            xc *= scale
            xc += shift
        else:
            _SCALE_SHIFT_GPU(xc, scale, shift, xc)
        self._update_running(mean, var, x.size // mean.size)
        return xc,

    def _update_running(self, mean, var, m):
        # NOTE: in place, so a link's persistent avg_mean/avg_var follow; the running variance
        # is unbiased (m / (m - 1)), as in Chainer.
        decay = self.decay
        if self.running_mean is not None:
            self.running_mean *= decay
            self.running_mean += (1 - decay) * mean.reshape(self.running_mean.shape)
        if self.running_var is not None:
            self.running_var *= decay
            self.running_var += ((1 - decay) * m / max(m - 1, 1)) * var.reshape(
                self.running_var.shape)

    def backward(self, indexes, grad_outputs):
        x, gamma = self.get_retained_inputs()
        grads = BatchNormalizationGrad(self.eps, self.axes, self.mean, self.inv_std).apply(
            (x, gamma, grad_outputs[0]))
        return tuple(grads[i] for i in indexes)


class BatchNormalizationGrad(FunctionNode):
    """(x, gamma, gy) -> (gx, ggamma, gbeta) of batch normalization.

    With E the mean over the reduced axes and P(g) = g - E[g] - x_hat * E[g * x_hat]
    (a symmetric linear map): gbeta = sum(gy), ggamma = sum(gy * x_hat) and
    gx = gamma * inv_std * P(gy).
    """

    def __init__(self, eps, axes, mean, inv_std):
        self.eps, self.axes, self.mean, self.inv_std = eps, axes, mean, inv_std

    def forward(self, inputs):
        self.retain_inputs((0, 1, 2))
        x, gamma, gy = inputs
        kept = _kept_shape(x.shape, self.axes)
        m = x.size // gamma.size
        if get_array_module(x) is not numpy:
            return self._forward_gpu(x, gamma, gy, kept, m)
        cm = _fast_layout(x, self.axes, gy)
        if cm is not None:
            gx, ggamma, gbeta = passes.grad(x, gy, self.mean, self.inv_std, gamma, cm)
            return gx, ggamma.reshape(gamma.shape), gbeta.reshape(gamma.shape)
        x_hat = (x - self.mean) * self.inv_std
        gbeta = gy.sum(axis=self.axes, keepdims=True)
        ggamma = (gy * x_hat).sum(axis=self.axes, keepdims=True)
        x_hat *= ggamma
        x_hat += gbeta
        x_hat *= x.dtype.type(1.0 / m)
        gx = gy - x_hat
        gx *= gamma.reshape(kept) * self.inv_std
        return gx, ggamma.reshape(gamma.shape), gbeta.reshape(gamma.shape)

    def _forward_gpu(self, x, gamma, gy, kept, m):
        xp = get_array_module(x)
        gbeta = gy.sum(axis=self.axes, keepdims=True)
        ggamma = _GY_XHAT_GPU(x, gy, self.mean, self.inv_std, xp.empty_like(x)).sum(
            axis=self.axes, keepdims=True)
        gx = _GRAD_GPU(x, gy, self.mean, self.inv_std, ggamma, gbeta,
                       gamma.reshape(kept) * self.inv_std, 1.0 / m, xp.empty_like(x))
        return gx, ggamma.reshape(gamma.shape), gbeta.reshape(gamma.shape)

    def backward(self, indexes, grad_outputs):
        # NOTE: derivation, with r = inv_std and the differentials d x_hat = r P(dx),
        # d r = -r^2 E[x_hat dx]; a = ggx, c = gggamma, b = ggbeta:
        #   g_gy    = b + c x_hat + gamma r P(a)
        #   g_gamma = r sum(a P(gy))
        #   g_x     = r (c P(gy) - gamma r (E[a P(gy)] x_hat + E[gy x_hat] P(a)
        #                                   + E[a x_hat] P(gy)))
        # x_hat and r are rebuilt from x with minigan functions so higher orders stay right.
        x, gamma, gy = self.get_retained_inputs()
        a, c, b = grad_outputs
        axes = self.axes
        kept = _kept_shape(x.shape, axes)

        def E(v):
            return mean(v, axis=axes, keepdims=True)

        xc = x - E(x)
        r = rsqrt(E(square(xc)) + self.eps)
        x_hat = xc * r

        def P(v):
            return v - E(v) - x_hat * E(v * x_hat)

        gamma_k = reshape(gamma, kept)
        c_k = None if c is None else reshape(c, kept)
        p_gy = P(gy)
        p_a = None if a is None else P(a)
        ret = []
        for i in indexes:
            if i == 0:
                g = None if c_k is None else c_k * p_gy
                if a is not None:
                    h = gamma_k * r * (E(a * p_gy) * x_hat + E(gy * x_hat) * p_a
                                       + E(a * x_hat) * p_gy)
                    g = -h if g is None else g - h
                ret.append(None if g is None else g * r)
            elif i == 1:
                ret.append(None if a is None
                           else reshape(r * sum(a * p_gy, axis=axes, keepdims=True),
                                        gamma.shape))
            else:
                g = broadcast_to(reshape(b, kept), x.shape) if b is not None else None
                for term in (None if c_k is None else c_k * x_hat,
                             None if a is None else gamma_k * r * p_a):
                    if term is not None:
                        g = term if g is None else g + term
                ret.append(g)
        return tuple(ret)


def batch_normalization(x, gamma, beta, eps=2e-5, running_mean=None, running_var=None,
                        decay=0.9, axis=None):
    """Normalize with the statistics of this minibatch, then scale and shift.

    y = gamma * (x - mean) / sqrt(var + eps) + beta, mean and var over every axis but axis 1.
    x: (N, C) or (N, C, H, W); gamma, beta: (C,). ``running_mean``/``running_var`` (arrays of
    shape (C,)) are updated in place: r = decay * r + (1 - decay) * statistic, with the
    unbiased variance. ``axis`` (int or tuple) overrides the reduced axes.
    Ioffe and Szegedy, "Batch Normalization", ICML 2015.
    """
    axes = _reduced_axes(x.ndim, axis)
    return BatchNormalization(eps, axes, running_mean, running_var, decay).apply(
        (x, gamma, beta))[0]


def fixed_batch_normalization(x, gamma, beta, mean, var, eps=2e-5, axis=None):
    """Batch normalization with given statistics (inference), differentiable in all inputs.

    y = gamma * (x - mean) / sqrt(var + eps) + beta; x: (N, C) or (N, C, H, W), the others
    (C,).
    """
    x, gamma, beta, mean, var = (as_variable(v) for v in (x, gamma, beta, mean, var))
    kept = _kept_shape(x.shape, _reduced_axes(x.ndim, axis))
    scale = reshape(gamma * rsqrt(var + eps), kept)
    return (x - reshape(mean, kept)) * scale + reshape(beta, kept)
