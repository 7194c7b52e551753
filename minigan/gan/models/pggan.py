"""PGGAN (Karras et al. 2018, "Progressive Growing of GANs for Improved Quality, Stability, and
Variation"): a generator and a discriminator that grow from 4x4 to ``size`` x ``size``.

Both networks are built at full size; the persistent values ``stage`` (0 for 4x4, 1 for 8x8,
...) and ``alpha`` (the fade-in weight of the newest block) say how much of them is in use.
They are saved with the weights, so a generator rebuilt from model.json and gen.npz draws at
the resolution it was trained to. Following Table 2 and section 4 of the paper: equalized
learning rate in every layer (weights N(0, 1) scaled at run time by He's constant), pixel norm
after every convolution of G, leaky ReLU 0.2, nearest-neighbour 2x upsampling in G and 2x2
average pooling in D, 1x1 toRGB / fromRGB convolutions, minibatch standard deviation before
D's last block, channel widths ``progressive.channels(resolution, ch)``, and a linear output.

Fading in resolution r (stage s, 0 <= alpha < 1):

    G(z) = (1 - alpha) * upsample(toRGB_{s-1}(h_{r/2})) + alpha * toRGB_s(block_s(h_{r/2}))
    D(x) = rest((1 - alpha) * fromRGB_{s-1}(avgpool(x)) + alpha * block_s(fromRGB_s(x)))

so at alpha = 0 the grown networks compute exactly the previous ones.
"""
import math

import numpy

import minigan
from minigan import functions as F
from minigan import links as L
from minigan.gan.progressive import channels as width
from minigan.gan.progressive import stage_of

SQRT2 = math.sqrt(2)


def _conv(in_channels, out_channels, ksize, gain=SQRT2):
    return L.EqualizedConvolution2D(in_channels, out_channels, ksize, 1, ksize // 2, gain=gain)


def _act(h):
    return F.leaky_relu(h, 0.2)


class _Growing(minigan.Chain):
    """The persistent ``stage`` and ``alpha`` shared by both networks."""

    def __init__(self, size):
        super().__init__()
        self.size = size
        self.last_stage = stage_of(size)
        self.add_persistent('stage', 0)
        self.add_persistent('alpha', 1.0)

    @property
    def resolution(self):
        """Side of the images at the current stage: 4 * 2^stage."""
        return 4 << int(self.stage)

    def set_stage(self, stage, alpha=1.0):
        """Use blocks up to ``stage``, the newest one blended in with weight ``alpha``."""
        if not 0 <= stage <= self.last_stage:
            raise ValueError('stage must be in [0, %d], got %r' % (self.last_stage, stage))
        if not 0.0 <= alpha <= 1.0:
            raise ValueError('alpha must be in [0, 1], got %r' % (alpha,))
        self.stage, self.alpha = int(stage), float(alpha)


class GeneratorBlock(minigan.Chain):
    """(N, in, r, r) -> (N, out, 2r, 2r): upsample, then twice conv 3x3, leaky ReLU, pixel norm."""

    def __init__(self, in_channels, out_channels):
        super().__init__()
        with self.init_scope():
            self.c0 = _conv(in_channels, out_channels, 3)
            self.c1 = _conv(out_channels, out_channels, 3)

    def forward(self, h):
        # NOTE: upsampling and c0 in one deconvolution: 2.25x fewer multiply-adds, same image
        c0 = self.c0
        h = F.upsampling_convolution_2d(h, c0.W * c0.scale, c0.b)
        h = F.pixel_norm(_act(h))
        return F.pixel_norm(_act(self.c1(h)))


class Generator(_Growing):
    """z (N, z_dim) -> image (N, channels, r, r), r = 4 * 2^stage, values around [-1, 1]."""

    def __init__(self, size=256, z_dim=512, ch=512, channels=3):
        super().__init__(size)
        self.z_dim, self.ch, self.channels = z_dim, ch, channels
        c0 = width(4, ch)
        with self.init_scope():
            # (N, z_dim) -> (N, c0 * 16), reshaped to (N, c0, 4, 4); the official code's gain
            self.dense = L.EqualizedLinear(z_dim, c0 * 16, gain=SQRT2 / 4)
            # (N, c0, 4, 4) -> (N, c0, 4, 4)
            self.conv0 = _conv(c0, c0, 3)
            self.blocks = minigan.ChainList()
            self.to_rgb = minigan.ChainList()
            # (N, c_r, r, r) -> (N, channels, r, r) for r = 4
            self.to_rgb.append(_conv(c0, channels, 1, gain=1.0))
            for stage in range(1, self.last_stage + 1):
                r = 4 << stage
                # (N, c_{r/2}, r/2, r/2) -> (N, c_r, r, r)
                self.blocks.append(GeneratorBlock(width(r // 2, ch), width(r, ch)))
                # (N, c_r, r, r) -> (N, channels, r, r)
                self.to_rgb.append(_conv(width(r, ch), channels, 1, gain=1.0))

    def make_hidden(self, n, rng=numpy.random):
        """n latent vectors z ~ N(0, I), float32 (N, z_dim), drawn on the host."""
        return rng.normal(size=(n, self.z_dim)).astype(numpy.float32)

    def forward(self, z):
        stage, alpha = int(self.stage), float(self.alpha)
        h = self.dense(F.pixel_norm(z))
        h = F.pixel_norm(_act(F.reshape(h, (len(z), -1, 4, 4))))
        h = F.pixel_norm(_act(self.conv0(h)))
        for s in range(1, stage):
            h = self.blocks[s - 1](h)
        if stage == 0:
            return self.to_rgb[0](h)
        new = self.to_rgb[stage](self.blocks[stage - 1](h))
        if alpha >= 1.0:
            return new
        old = F.unpooling_2d(self.to_rgb[stage - 1](h), 2, cover_all=False)
        return (1.0 - alpha) * old + alpha * new


class DiscriminatorBlock(minigan.Chain):
    """(N, in, r, r) -> (N, out, r/2, r/2): conv 3x3 and leaky ReLU twice, 2x2 average pool."""

    def __init__(self, in_channels, out_channels):
        super().__init__()
        with self.init_scope():
            self.c0 = _conv(in_channels, in_channels, 3)
            self.c1 = _conv(in_channels, out_channels, 3)

    def forward(self, h):
        h = _act(self.c1(_act(self.c0(h))))
        return F.average_pooling_2d(h, 2)


class Discriminator(_Growing):
    """image (N, channels, r, r), r = 4 * 2^stage -> critic value (N, 1).

    ``group_size``: minibatch stddev groups (None: the whole batch, as the paper's text).
    """

    def __init__(self, size=256, ch=512, channels=3, group_size=None):
        super().__init__(size)
        self.group_size = group_size
        c0 = width(4, ch)
        with self.init_scope():
            self.from_rgb = minigan.ChainList()
            self.blocks = minigan.ChainList()
            # (N, channels, 4, 4) -> (N, c0, 4, 4)
            self.from_rgb.append(_conv(channels, c0, 1))
            for stage in range(1, self.last_stage + 1):
                r = 4 << stage
                # (N, channels, r, r) -> (N, c_r, r, r)
                self.from_rgb.append(_conv(channels, width(r, ch), 1))
                # (N, c_r, r, r) -> (N, c_{r/2}, r/2, r/2)
                self.blocks.append(DiscriminatorBlock(width(r, ch), width(r // 2, ch)))
            # (N, c0 + 1, 4, 4) -> (N, c0, 4, 4), after the minibatch stddev channel
            self.conv_last = _conv(c0 + 1, c0, 3)
            # (N, c0 * 16) -> (N, c0): the paper's 4x4 valid convolution
            self.dense = L.EqualizedLinear(c0 * 16, c0)
            # (N, c0) -> (N, 1)
            self.out = L.EqualizedLinear(c0, 1, gain=1.0)

    def forward(self, x):
        stage, alpha = int(self.stage), float(self.alpha)
        h = _act(self.from_rgb[stage](x))
        if stage > 0:
            h = self.blocks[stage - 1](h)
            if alpha < 1.0:
                old = _act(self.from_rgb[stage - 1](F.average_pooling_2d(x, 2)))
                h = (1.0 - alpha) * old + alpha * h
            for s in range(stage - 1, 0, -1):
                h = self.blocks[s - 1](h)
        h = F.minibatch_stddev(h, self.group_size)
        h = _act(self.conv_last(h))
        h = _act(self.dense(F.reshape(h, (len(h), -1))))
        return self.out(h)
