"""PyTorch mirrors of minigan's GAN models, for step-by-step parity and quality checks.

(benchmarks/torch_twins.py holds the twins for timing; these are built for weight exchange.)
Each mirror has the same layers, shapes, activations and defaults as its minigan model, and
its modules are named like minigan's links (``ups.0.deconv`` is ``/ups/0/deconv``), so
benchmarks/convert_weights.py can copy weights both ways by name. Only this folder imports
torch; install it as ``pip install torch==2.13.0``.

- SAGAN (minigan/gan/models/sagan.py): PyTorch's own ``spectral_norm`` parametrization on
  every weight layer (dim 1 for transposed convolutions, as PyTorch chooses), self-attention
  blocks with gamma starting at 0, BN + ReLU in G, leaky ReLU 0.1 in D.
- DCGAN (minigan/gan/models/dcgan.py): Linear projection, BN + ReLU deconvolutions, tanh;
  leaky ReLU 0.2 convolutions with BN, a Linear critic; N(0, 0.02) weights (dcgan_init_).
- PGGAN (minigan/gan/models/pggan.py): in torch_mirror_pggan.py.
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as TF
from torch.nn.utils.parametrizations import spectral_norm


def _stages(size):
    return int(round(math.log2(size / 4.0)))


def chainer_init_(module):
    """Re-draw weights as minigan (Chainer) does: LeCunNormal W, zero bias, BN (1, 0).

    PyTorch's default (kaiming_uniform with a = sqrt(5), uniform bias) differs; the quality
    benchmark trains each library with its own default unless told otherwise.
    """
    for m in module.modules():
        if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d, nn.Linear)):
            weight = m.parametrizations.weight.original if hasattr(m, 'parametrizations') \
                else m.weight
            fan_in = weight[0].numel()  # Chainer: shape[1] * kh * kw, for (in, out) too
            with torch.no_grad():
                weight.normal_(0, 1 / math.sqrt(fan_in))
                if m.bias is not None:
                    m.bias.zero_()
    return module


class SelfAttention(nn.Module):
    """y = x + gamma o, o_i = sum_j softmax_j(q_i . k_j) v_j; 1x1 SN convolutions, no bias."""

    def __init__(self, c, ratio=8, bias=False):
        super().__init__()
        inner = max(c // ratio, 1)
        self.query = spectral_norm(nn.Conv2d(c, inner, 1, bias=bias))
        self.key = spectral_norm(nn.Conv2d(c, inner, 1, bias=bias))
        self.value = spectral_norm(nn.Conv2d(c, c, 1, bias=bias))
        self.gamma = nn.Parameter(torch.zeros(()))

    def forward(self, x):
        n, c, h, w = x.shape
        q = self.query(x).flatten(2)                               # (N, C/8, n)
        k = self.key(x).flatten(2)                                 # (N, C/8, n)
        v = self.value(x).flatten(2)                               # (N, C, n)
        attention = torch.softmax(q.transpose(1, 2) @ k, dim=2)    # (N, n, n)
        o = v @ attention.transpose(1, 2)                          # (N, C, n)
        return x + self.gamma * o.view(n, c, h, w)


class SaganUp(nn.Module):
    def __init__(self, in_ch, out_ch, attention):
        super().__init__()
        self.deconv = spectral_norm(nn.ConvTranspose2d(in_ch, out_ch, 4, 2, 1))
        self.bn = nn.BatchNorm2d(out_ch, eps=2e-5)
        self.attn = SelfAttention(out_ch) if attention else None

    def forward(self, x):
        h = TF.relu(self.bn(self.deconv(x)))
        return self.attn(h) if self.attn is not None else h


class SaganDown(nn.Module):
    def __init__(self, in_ch, out_ch, attention):
        super().__init__()
        self.attn = SelfAttention(in_ch) if attention else None
        self.conv = spectral_norm(nn.Conv2d(in_ch, out_ch, 4, 2, 1))

    def forward(self, x):
        h = self.attn(x) if self.attn is not None else x
        return TF.leaky_relu(self.conv(h), 0.1)


class SaganGenerator(nn.Module):
    """z (N, z_dim) -> (N, 3, size, size); the twin of sagan.Generator."""

    def __init__(self, size=64, z_dim=128, ch=64, channels=3, attn_resolutions=(16, 32)):
        super().__init__()
        stages = _stages(size)
        top = ch * 2 ** (stages - 1)
        self.z_dim = z_dim
        self.l0 = spectral_norm(nn.ConvTranspose2d(z_dim, top, 4, 1, 0))   # -> (N, top, 4, 4)
        self.bn0 = nn.BatchNorm2d(top, eps=2e-5)
        self.ups = nn.ModuleList(
            SaganUp(top >> i, top >> (i + 1), 4 << (i + 1) in attn_resolutions)
            for i in range(stages - 1))
        self.out = spectral_norm(nn.ConvTranspose2d(ch, channels, 4, 2, 1))

    def forward(self, z):
        h = TF.relu(self.bn0(self.l0(z.view(len(z), self.z_dim, 1, 1))))
        for up in self.ups:
            h = up(h)
        return torch.tanh(self.out(h))


class SaganDiscriminator(nn.Module):
    """(N, 3, size, size) -> (N, 1); the twin of sagan.Discriminator."""

    def __init__(self, size=64, ch=64, channels=3, attn_resolutions=(16, 32)):
        super().__init__()
        stages = _stages(size)
        self.c0 = spectral_norm(nn.Conv2d(channels, ch, 4, 2, 1))
        self.downs = nn.ModuleList(
            SaganDown(ch << i, ch << (i + 1), size >> (i + 1) in attn_resolutions)
            for i in range(stages - 1))
        self.out = spectral_norm(nn.Conv2d(ch << (stages - 1), 1, 4, 1, 0))

    def forward(self, x):
        h = TF.leaky_relu(self.c0(x), 0.1)
        for down in self.downs:
            h = down(h)
        return self.out(h).view(len(x), 1)


class DcganGenerator(nn.Module):
    """z (N, z_dim) -> (N, 3, size, size); the twin of dcgan.Generator (sizes 4 x 2^k)."""

    def __init__(self, size=64, z_dim=100, ch=64, channels=3):
        super().__init__()
        stages = _stages(size)
        self.top = top = ch * 2 ** (stages - 1)
        self.l0 = nn.Linear(z_dim, top * 16, bias=False)                 # -> (N, top, 4, 4)
        self.bn0 = nn.BatchNorm2d(top, eps=2e-5)
        self.ups = nn.ModuleList(nn.ConvTranspose2d(top >> i, top >> (i + 1), 4, 2, 1,
                                                    bias=False) for i in range(stages - 1))
        self.bns = nn.ModuleList(nn.BatchNorm2d(top >> (i + 1), eps=2e-5)
                                 for i in range(stages - 1))
        self.out = nn.ConvTranspose2d(ch, channels, 4, 2, 1)

    def forward(self, z):
        h = TF.relu(self.bn0(self.l0(z).view(len(z), self.top, 4, 4)))
        for up, bn in zip(self.ups, self.bns):
            h = TF.relu(bn(up(h)))
        return torch.tanh(self.out(h))


class DcganDiscriminator(nn.Module):
    """(N, 3, size, size) -> (N, 1) logits; the twin of dcgan.Discriminator (with BN)."""

    def __init__(self, size=64, ch=64, channels=3):
        super().__init__()
        stages = _stages(size)
        self.c0 = nn.Conv2d(channels, ch, 4, 2, 1)
        self.downs = nn.ModuleList(nn.Conv2d(ch << i, ch << (i + 1), 4, 2, 1, bias=False)
                                   for i in range(stages - 1))
        self.bns = nn.ModuleList(nn.BatchNorm2d(ch << (i + 1), eps=2e-5)
                                 for i in range(stages - 1))
        self.out = nn.Linear((ch << (stages - 1)) * 16, 1)

    def forward(self, x):
        h = TF.leaky_relu(self.c0(x), 0.2)
        for down, bn in zip(self.downs, self.bns):
            h = TF.leaky_relu(bn(down(h)), 0.2)
        return self.out(h.flatten(1))


def dcgan_init_(module):
    """The DCGAN paper's N(0, 0.02) weights, as minigan's dcgan models draw them."""
    for m in module.modules():
        if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d, nn.Linear)):
            with torch.no_grad():
                m.weight.normal_(0, 0.02)
                if m.bias is not None:
                    m.bias.zero_()
    return module
