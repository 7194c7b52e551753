"""PyTorch twins of minigan's GANs, for the side-by-side timings of benchmarks/iteration.py.

Each builder returns (G, D) as torch modules computing what the minigan model of the same
name computes; ``make_step`` returns one training iteration (D step, then G step on the D
step's fake batch, as pytorch/examples does) as a closure. The DCGAN, WGAN-GP and SAGAN
networks are adapted from the PyTorch reference networks the project was first measured
against; the PGGAN and MLP GAN twins are new here. Only benchmarks import torch:
``pip install torch==2.13.0`` (a bare ``pip install torch`` pulls gigabytes of CUDA).
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as TF
from torch.nn.utils.parametrizations import spectral_norm


def _stages(size):
    return int(round(math.log2(size // 4)))  # 32 -> 3, 64 -> 4


def dcgan(size, ch, nz, bn_in_d=True):
    """Radford et al.: deconvs with BN + ReLU and tanh; convs with leaky ReLU 0.2 (+ BN)."""
    s = _stages(size)
    top = ch * 2 ** (s - 1)
    g = [nn.ConvTranspose2d(nz, top, 4, 1, 0, bias=False), nn.BatchNorm2d(top), nn.ReLU(True)]
    for i in range(s - 1):
        g += [nn.ConvTranspose2d(top >> i, top >> (i + 1), 4, 2, 1, bias=False),
              nn.BatchNorm2d(top >> (i + 1)), nn.ReLU(True)]
    g += [nn.ConvTranspose2d(ch, 3, 4, 2, 1), nn.Tanh()]
    d = [nn.Conv2d(3, ch, 4, 2, 1), nn.LeakyReLU(0.2, True)]
    for i in range(s - 1):
        d += [nn.Conv2d(ch << i, ch << (i + 1), 4, 2, 1, bias=not bn_in_d)]
        d += [nn.BatchNorm2d(ch << (i + 1))] if bn_in_d else []
        d += [nn.LeakyReLU(0.2, True)]
    d += [nn.Conv2d(ch << (s - 1), 1, 4, 1, 0), nn.Flatten()]
    return _Unflat(nz, nn.Sequential(*g)), nn.Sequential(*d)


class _Unflat(nn.Module):
    """z (N, nz) -> (N, nz, 1, 1) before a generator made of deconvolutions."""

    def __init__(self, nz, body):
        super().__init__()
        self.nz, self.body = nz, body

    def forward(self, z):
        return self.body(z.view(len(z), self.nz, 1, 1))


class SelfAttention(nn.Module):
    """SAGAN block: SN 1x1 query/key/value, softmax over positions, gamma starts at 0."""

    def __init__(self, c):
        super().__init__()
        self.q = spectral_norm(nn.Conv2d(c, c // 8, 1, bias=False))
        self.k = spectral_norm(nn.Conv2d(c, c // 8, 1, bias=False))
        self.v = spectral_norm(nn.Conv2d(c, c, 1, bias=False))
        self.gamma = nn.Parameter(torch.zeros(()))

    def forward(self, x):
        n, c, h, w = x.shape
        q = self.q(x).flatten(2).transpose(1, 2)          # (N, HW, C/8)
        k = self.k(x).flatten(2)                          # (N, C/8, HW)
        attn = torch.softmax(q @ k, dim=-1)               # (N, HW, HW)
        v = self.v(x).flatten(2)                          # (N, C, HW)
        o = (v @ attn.transpose(1, 2)).view(n, c, h, w)
        return x + self.gamma * o


def sagan(size, ch, nz):
    """DCGAN-shaped SAGAN: SN on every layer, attention at 16x16 and 32x32, BN in G only."""
    s = _stages(size)
    top = ch * 2 ** (s - 1)
    g = [spectral_norm(nn.ConvTranspose2d(nz, top, 4, 1, 0)), nn.BatchNorm2d(top), nn.ReLU(True)]
    res = 4
    for i in range(s - 1):
        c = top >> (i + 1)
        g += [spectral_norm(nn.ConvTranspose2d(top >> i, c, 4, 2, 1)), nn.BatchNorm2d(c),
              nn.ReLU(True)]
        res *= 2
        if res in (16, 32):
            g += [SelfAttention(c)]
    g += [spectral_norm(nn.ConvTranspose2d(ch, 3, 4, 2, 1)), nn.Tanh()]
    d = [spectral_norm(nn.Conv2d(3, ch, 4, 2, 1)), nn.LeakyReLU(0.1, True)]
    res = size // 2
    for i in range(s - 1):
        if res in (16, 32):
            d += [SelfAttention(ch << i)]
        d += [spectral_norm(nn.Conv2d(ch << i, ch << (i + 1), 4, 2, 1)), nn.LeakyReLU(0.1, True)]
        res //= 2
    d += [spectral_norm(nn.Conv2d(ch << (s - 1), 1, 4, 1, 0)), nn.Flatten()]
    return _Unflat(nz, nn.Sequential(*g)), nn.Sequential(*d)


def mlp(size, nz, hidden, channels=1):
    """Goodfellow et al. 2014: two hidden layers each way, leaky ReLU 0.2, tanh output."""
    pixels = channels * size * size
    g = nn.Sequential(nn.Linear(nz, hidden), nn.LeakyReLU(0.2), nn.Linear(hidden, 2 * hidden),
                      nn.LeakyReLU(0.2), nn.Linear(2 * hidden, pixels), nn.Tanh(),
                      nn.Unflatten(1, (channels, size, size)))
    d = nn.Sequential(nn.Flatten(), nn.Linear(pixels, 2 * hidden), nn.LeakyReLU(0.2),
                      nn.Linear(2 * hidden, hidden), nn.LeakyReLU(0.2), nn.Linear(hidden, 1))
    return g, d


class EqConv(nn.Module):
    """PGGAN's equalized-learning-rate convolution: W ~ N(0, 1) times gain / sqrt(fan_in)."""

    def __init__(self, cin, cout, k, gain=math.sqrt(2)):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(cout, cin, k, k))
        self.bias = nn.Parameter(torch.zeros(cout))
        self.scale, self.pad = gain / math.sqrt(cin * k * k), k // 2

    def forward(self, x):
        return TF.conv2d(x, self.weight * self.scale, self.bias, padding=self.pad)


class EqLinear(nn.Module):
    def __init__(self, cin, cout, gain=math.sqrt(2)):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(cout, cin))
        self.bias = nn.Parameter(torch.zeros(cout))
        self.scale = gain / math.sqrt(cin)

    def forward(self, x):
        return TF.linear(x, self.weight * self.scale, self.bias)


def _pixel_norm(x):
    return x * torch.rsqrt(x.square().mean(dim=1, keepdim=True) + 1e-8)


def _act(x):
    return TF.leaky_relu(x, 0.2)


class PGGenerator(nn.Module):
    """minigan.gan.models.pggan.Generator at its last stage, fading in with weight alpha."""

    def __init__(self, size, nz, ch):
        super().__init__()
        width = [min(ch, 16384 // (4 << s)) for s in range(_stages(size) + 1)]
        self.dense = EqLinear(nz, width[0] * 16, gain=math.sqrt(2) / 4)
        self.conv0 = EqConv(width[0], width[0], 3)
        self.blocks = nn.ModuleList(
            nn.ModuleList([EqConv(width[s - 1], width[s], 3), EqConv(width[s], width[s], 3)])
            for s in range(1, len(width)))
        self.to_rgb = nn.ModuleList(EqConv(c, 3, 1, gain=1.0) for c in width)
        self.alpha = 0.5

    def forward(self, z):
        h = self.dense(_pixel_norm(z))
        h = _pixel_norm(_act(h.view(len(z), -1, 4, 4)))
        h = _pixel_norm(_act(self.conv0(h)))
        for c0, c1 in self.blocks[:-1]:
            h = _pixel_norm(_act(c1(_pixel_norm(_act(c0(TF.interpolate(h, scale_factor=2)))))))
        c0, c1 = self.blocks[-1]
        new = _pixel_norm(_act(c1(_pixel_norm(_act(c0(TF.interpolate(h, scale_factor=2)))))))
        old = TF.interpolate(self.to_rgb[-2](h), scale_factor=2)
        return (1 - self.alpha) * old + self.alpha * self.to_rgb[-1](new)


class PGDiscriminator(nn.Module):
    """minigan.gan.models.pggan.Discriminator at its last stage, fading in with alpha."""

    def __init__(self, size, ch):
        super().__init__()
        width = [min(ch, 16384 // (4 << s)) for s in range(_stages(size) + 1)]
        self.from_rgb = nn.ModuleList(EqConv(3, c, 1) for c in width)
        self.blocks = nn.ModuleList(
            nn.ModuleList([EqConv(width[s], width[s], 3), EqConv(width[s], width[s - 1], 3)])
            for s in range(1, len(width)))
        self.conv_last = EqConv(width[0] + 1, width[0], 3)
        self.dense = EqLinear(width[0] * 16, width[0])
        self.out = EqLinear(width[0], 1, gain=1.0)
        self.alpha = 0.5

    def forward(self, x):
        h = _act(self.from_rgb[-1](x))
        for i in range(len(self.blocks) - 1, -1, -1):
            c0, c1 = self.blocks[i]
            h = TF.avg_pool2d(_act(c1(_act(c0(h)))), 2)
            if i == len(self.blocks) - 1:
                old = _act(self.from_rgb[-2](TF.avg_pool2d(x, 2)))
                h = (1 - self.alpha) * old + self.alpha * h
        std = torch.sqrt(h.var(dim=0, unbiased=False) + 1e-8).mean()
        h = torch.cat([h, std.expand(len(h), 1, 4, 4)], dim=1)
        h = _act(self.conv_last(h))
        return self.out(_act(self.dense(h.flatten(1))))


def _gradient_penalty(D, real, fake):
    eps = torch.rand(len(real), 1, 1, 1, device=real.device)
    x_hat = (eps * real + (1 - eps) * fake).requires_grad_(True)
    g, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    return ((g.flatten(1).norm(dim=1) - 1) ** 2).mean()


def make_step(kind, G, D, real, nz, ema=None):
    """One iteration of ``kind`` ('ns', 'hinge', 'wgan-gp', 'pggan') on a fixed real batch.

    Optimizers as minigan's scripts: Adam (2e-4, 0.5, 0.999) for 'ns'; (2e-4, 0, 0.9) for
    WGAN-GP; TTUR 1e-4 / 4e-4, (0, 0.9) for hinge; (1e-3, 0, 0.99, eps 1e-8) and an EMA of G
    (decay 0.999) for PGGAN.
    """
    lr_g, lr_d, betas = {'ns': (2e-4, 2e-4, (0.5, 0.999)), 'wgan-gp': (2e-4, 2e-4, (0.0, 0.9)),
                         'hinge': (1e-4, 4e-4, (0.0, 0.9)),
                         'pggan': (1e-3, 1e-3, (0.0, 0.99))}[kind]
    opt_g = torch.optim.Adam(G.parameters(), lr_g, betas=betas, eps=1e-8)
    opt_d = torch.optim.Adam(D.parameters(), lr_d, betas=betas, eps=1e-8)
    n = len(real)

    def step():
        fake = G(torch.randn(n, nz, device=real.device))
        y_real, y_fake = D(real), D(fake.detach())
        if kind == 'ns':
            loss_d = TF.softplus(-y_real).mean() + TF.softplus(y_fake).mean()
        elif kind == 'hinge':
            loss_d = TF.relu(1 - y_real).mean() + TF.relu(1 + y_fake).mean()
        else:
            loss_d = (y_fake.mean() - y_real.mean()
                      + 10 * _gradient_penalty(D, real, fake.detach()))
            if kind == 'pggan':
                loss_d = loss_d + 0.001 * y_real.square().mean()
        opt_d.zero_grad(set_to_none=True)
        loss_d.backward()
        opt_d.step()
        y = D(fake)
        loss_g = TF.softplus(-y).mean() if kind == 'ns' else -y.mean()
        opt_g.zero_grad(set_to_none=True)
        loss_g.backward()
        opt_g.step()
        if ema is not None:
            with torch.no_grad():
                for a, p in zip(ema.parameters(), G.parameters()):
                    a.lerp_(p, 0.001)
    return step
