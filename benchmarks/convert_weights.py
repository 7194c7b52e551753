"""Copy weights between a minigan model and its PyTorch twin (benchmarks/torch_mirror.py).

The twins name their modules like minigan's links, so ``/ups/0/deconv/W`` is
``ups.0.deconv.weight`` (``...parametrizations.weight.original`` under PyTorch's spectral
norm). Per link kind:

| minigan                         | PyTorch                                     |
| ------------------------------- | ------------------------------------------- |
| W, b (conv, deconv, linear)     | weight, bias (same layouts)                 |
| W_u (SpectralNormalization)     | parametrizations.weight.0._u, and _v        |
| gamma, beta, avg_mean, avg_var  | BatchNorm's weight, bias, running_mean, running_var |
| anything else (attention gamma) | the same name                               |

Spectral norm keeps u in minigan (v = W^T u / ||W^T u|| is recomputed at each call, as in
Chainer) and u and v in PyTorch (u = W v / ||W v|| first). Setting PyTorch's v to
normalize(W^T u) from minigan's u makes both compute the same next u; and PyTorch's stored
u is exactly the u that minigan needs for the reverse direction.

    from convert_weights import minigan_to_torch, torch_to_minigan
    minigan_to_torch(gen, torch_gen)      # torch_gen now computes what gen computes
"""
import numpy
import torch
import torch.nn as nn

from minigan.link_hooks import SpectralNormalization

BN_NAMES = {'gamma': 'weight', 'beta': 'bias', 'avg_mean': 'running_mean',
            'avg_var': 'running_var'}


def _torch_tensor(module, name):
    """The tensor of ``module`` that minigan's attribute ``name`` corresponds to (or None)."""
    if isinstance(module, nn.modules.batchnorm._BatchNorm):
        return getattr(module, BN_NAMES[name]) if name in BN_NAMES else None
    parametrized = hasattr(module, 'parametrizations') and 'weight' in module.parametrizations
    if name == 'W':
        return module.parametrizations.weight.original if parametrized else module.weight
    if name == 'b':
        return module.bias
    if name == 'W_u':
        return module.parametrizations.weight[0]._u
    return getattr(module, name)


def _pairs(link, module):
    """Yield (minigan link, attribute name, torch module) for every array of ``link``."""
    for path, sub in link.namedlinks():
        dotted = path.strip('/').replace('/', '.')
        target = module.get_submodule(dotted) if dotted else module
        for name in list(sub._params) + list(sub._persistent):
            if name == 'N':  # NOTE: BN's fine-tuning counter; PyTorch has no twin of it
                continue
            yield sub, name, target


def _sn_v(module, u):
    """normalize(W^T u) for PyTorch's spectral-norm module (its own matrix layout)."""
    sn = module.parametrizations.weight[0]
    W = sn._reshape_weight_to_matrix(module.parametrizations.weight.original)
    v = W.t() @ u
    return v / v.norm().clamp_min(sn.eps)


def minigan_to_torch(link, module):
    """Copy every parameter and persistent array of ``link`` into its twin ``module``."""
    with torch.no_grad():
        for sub, name, target in _pairs(link, module):
            value = getattr(sub, name)
            if isinstance(value, (int, float)):  # NOTE: PGGAN's stage and alpha
                setattr(target, name, value)
                continue
            array = value.array if hasattr(value, 'array') else value
            tensor = _torch_tensor(target, name)
            if tensor is None:
                raise KeyError('no PyTorch twin for %s of %s' % (name, type(sub).__name__))
            array = numpy.asarray(array)
            if tuple(tensor.shape) != array.shape:
                raise ValueError('%s: shape %s in minigan, %s in PyTorch'
                                 % (name, array.shape, tuple(tensor.shape)))
            tensor.copy_(torch.as_tensor(array.copy()))
        for sub, name, target in _pairs(link, module):
            if name == 'W_u':
                sn = target.parametrizations.weight[0]
                sn._v.copy_(_sn_v(target, sn._u))


def torch_to_minigan(module, link):
    """Copy every tensor of ``module`` that ``link`` has into ``link`` (in place)."""
    with torch.no_grad():
        for sub, name, target in _pairs(link, module):
            value = getattr(sub, name)
            if isinstance(value, (int, float)):
                setattr(sub, name, type(value)(getattr(target, name)))
                continue
            tensor = _torch_tensor(target, name).detach().cpu().numpy()
            array = value.array if hasattr(value, 'array') else value
            array[...] = tensor.astype(array.dtype)


def converge_u(link):
    """Set every SN hook's u to W's top left singular vector (exact SVD).

    minigan (as Chainer) estimates sigma = ||W v|| after one half step from u, PyTorch
    sigma = ||W^T u'|| after a full step; the two agree once u has converged, so starting
    from the converged u separates that known, intended difference from real ones.
    """
    for sub in link.links():
        for hook in sub.local_link_hooks.values():
            if isinstance(hook, SpectralNormalization):
                W = hook._matrix(getattr(sub, hook.weight_name).array)
                u = numpy.linalg.svd(W)[0][:, 0]
                getattr(sub, hook.vector_name)[...] = u * numpy.sign(u.sum())
