"""The PyTorch twin of minigan's PGGAN (minigan/gan/models/pggan.py), named like its links.

Equalized learning rate (W ~ N(0, 1) times gain / sqrt(fan_in) at run time), pixel norm,
leaky ReLU 0.2, nearest-neighbour upsampling, average pooling, 1x1 toRGB / fromRGB, minibatch
standard deviation over the whole batch, and ``stage`` / ``alpha`` attributes that say how much
of the network is in use; the fade-in blends exactly as minigan's does.
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as TF

SQRT2 = math.sqrt(2)


def width(resolution, ch):
    return max(1, min(ch, 16384 // resolution))


class EqualizedConv(nn.Module):
    def __init__(self, in_ch, out_ch, ksize, gain=SQRT2):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(out_ch, in_ch, ksize, ksize))
        self.bias = nn.Parameter(torch.zeros(out_ch))
        self.scale, self.pad = gain / math.sqrt(in_ch * ksize * ksize), ksize // 2

    def forward(self, x):
        return TF.conv2d(x, self.weight * self.scale, self.bias, padding=self.pad)


class EqualizedLinear(nn.Module):
    def __init__(self, in_size, out_size, gain=SQRT2):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(out_size, in_size))
        self.bias = nn.Parameter(torch.zeros(out_size))
        self.scale = gain / math.sqrt(in_size)

    def forward(self, x):
        return TF.linear(x, self.weight * self.scale, self.bias)


def pixel_norm(x, eps=1e-8):
    return x * torch.rsqrt(x.pow(2).mean(1, keepdim=True) + eps)


def act(x):
    return TF.leaky_relu(x, 0.2)


def minibatch_stddev(x, eps=1e-8):
    std = torch.sqrt(x.var(0, unbiased=False) + eps).mean()
    return torch.cat([x, std.expand(len(x), 1, *x.shape[2:])], 1)


def upsample(x):
    return x.repeat_interleave(2, 2).repeat_interleave(2, 3)


class _Growing(nn.Module):
    def __init__(self, size):
        super().__init__()
        self.last_stage = int(round(math.log2(size / 4)))
        self.stage, self.alpha = 0, 1.0

    def set_stage(self, stage, alpha=1.0):
        self.stage, self.alpha = int(stage), float(alpha)


class GeneratorBlock(nn.Module):
    def __init__(self, in_ch, out_ch):
        super().__init__()
        self.c0, self.c1 = EqualizedConv(in_ch, out_ch, 3), EqualizedConv(out_ch, out_ch, 3)

    def forward(self, h):
        h = pixel_norm(act(self.c0(upsample(h))))
        return pixel_norm(act(self.c1(h)))


class PgganGenerator(_Growing):
    """z (N, z_dim) -> (N, 3, r, r), r = 4 * 2^stage; the twin of pggan.Generator."""

    def __init__(self, size=256, z_dim=512, ch=512, channels=3):
        super().__init__(size)
        c0 = width(4, ch)
        self.dense = EqualizedLinear(z_dim, c0 * 16, gain=SQRT2 / 4)
        self.conv0 = EqualizedConv(c0, c0, 3)
        self.blocks = nn.ModuleList(GeneratorBlock(width(2 << s, ch), width(4 << s, ch))
                                    for s in range(1, self.last_stage + 1))
        self.to_rgb = nn.ModuleList(EqualizedConv(width(4 << s, ch), channels, 1, gain=1.0)
                                    for s in range(self.last_stage + 1))

    def forward(self, z):
        stage, alpha = self.stage, self.alpha
        h = self.dense(pixel_norm(z))
        h = pixel_norm(act(h.view(len(z), -1, 4, 4)))
        h = pixel_norm(act(self.conv0(h)))
        for s in range(1, stage):
            h = self.blocks[s - 1](h)
        if stage == 0:
            return self.to_rgb[0](h)
        new = self.to_rgb[stage](self.blocks[stage - 1](h))
        if alpha >= 1.0:
            return new
        return (1.0 - alpha) * upsample(self.to_rgb[stage - 1](h)) + alpha * new


class DiscriminatorBlock(nn.Module):
    def __init__(self, in_ch, out_ch):
        super().__init__()
        self.c0, self.c1 = EqualizedConv(in_ch, in_ch, 3), EqualizedConv(in_ch, out_ch, 3)

    def forward(self, h):
        return TF.avg_pool2d(act(self.c1(act(self.c0(h)))), 2)


class PgganDiscriminator(_Growing):
    """(N, 3, r, r) -> critic value (N, 1); the twin of pggan.Discriminator (group = batch)."""

    def __init__(self, size=256, ch=512, channels=3):
        super().__init__(size)
        c0 = width(4, ch)
        self.from_rgb = nn.ModuleList(EqualizedConv(channels, width(4 << s, ch), 1)
                                      for s in range(self.last_stage + 1))
        self.blocks = nn.ModuleList(DiscriminatorBlock(width(4 << s, ch), width(2 << s, ch))
                                    for s in range(1, self.last_stage + 1))
        self.conv_last = EqualizedConv(c0 + 1, c0, 3)
        self.dense = EqualizedLinear(c0 * 16, c0)
        self.out = EqualizedLinear(c0, 1, gain=1.0)

    def forward(self, x):
        stage, alpha = self.stage, self.alpha
        h = act(self.from_rgb[stage](x))
        if stage > 0:
            h = self.blocks[stage - 1](h)
            if alpha < 1.0:
                old = act(self.from_rgb[stage - 1](TF.avg_pool2d(x, 2)))
                h = (1.0 - alpha) * old + alpha * h
            for s in range(stage - 1, 0, -1):
                h = self.blocks[s - 1](h)
        h = act(self.conv_last(minibatch_stddev(h)))
        h = act(self.dense(h.flatten(1)))
        return self.out(h)
