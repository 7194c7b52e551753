"""DCGAN (Radford et al. 2016, "Unsupervised Representation Learning with Deep
Convolutional Generative Adversarial Networks") at any square size.

The generator projects z to a ``bottom`` x ``bottom`` feature map and doubles the
resolution with 4x4 stride-2 transposed convolutions, halving the channels each time,
with batch normalization and ReLU, and tanh at the output. The discriminator mirrors it
with 4x4 stride-2 convolutions and leaky ReLU (slope 0.2), batch normalization on all but
the first layer, and a final linear layer over the bottom feature map.

With ``n_classes`` > 0 both are class-conditional: every batch norm of G takes its scale and
shift from the class (conditional batch norm, de Vries et al. 2017), and D adds the projection
of its pooled features on the class embedding to its output (Miyato and Koyama 2018):
D(x, c) = linear(h) + embed(c) . sum_spatial(h).

The size decides the layout: ``bottom_width(size)`` is 4 times the odd factor of the size
(4 for 16, 32, 64, 128, 256; 12 for 24, 48, 96, 192, as in the 96x96 SushiGAN model), and
the number of stages is log2(size / bottom).
"""
import numpy

import minigan
from minigan import functions as F
from minigan import initializers
from minigan import links as L


def bottom_width(size):
    """4 x the odd factor of ``size``; raises for sizes DCGAN does not support."""
    odd = size
    while odd % 2 == 0:
        odd //= 2
    if odd not in (1, 3) or not 16 <= size <= 256:
        raise ValueError('DCGAN supports square sizes from 16 to 256 that are 4 or 3 times a '
                         'power of two (16, 24, 32, 48, 64, 96, 128, 192, 256); got %d' % size)
    return 4 * odd


def num_stages(size):
    """How many 2x up-sampling (or down-sampling) stages separate the bottom from ``size``."""
    return int(numpy.log2(size // bottom_width(size)))


def _weight():
    return initializers.Normal(0.02)  # NOTE: the DCGAN paper's N(0, 0.02) initialization


def _batch_norm(size, n_classes):
    if n_classes:
        return L.ConditionalBatchNormalization(size, n_classes)
    return L.BatchNormalization(size)


def default_classes(n, n_classes):
    """Labels 0, 1, ..., n_classes - 1, 0, 1, ... for a conditional G called without labels."""
    return numpy.arange(n) % n_classes


def project(h, embed, c):
    """The projection term embed(c) . sum over positions of h (N, C, H, W): shape (N, 1)."""
    pooled = F.sum(h, axis=(2, 3))                                 # (N, C)
    return F.sum(embed(c) * pooled, axis=1, keepdims=True)


class Generator(minigan.Chain):
    """z (N, z_dim) [, c] -> image (N, 3, size, size) in [-1, 1]; ``ch``: last hidden width.

    With ``n_classes``, ``c`` is (N,) int labels or (N, n_classes) class weights; without it
    the classes are taken in turn (``default_classes``).
    """

    def __init__(self, size=64, z_dim=100, ch=64, channels=3, n_classes=0):
        super().__init__()
        self.size, self.z_dim, self.ch, self.channels = size, z_dim, ch, channels
        self.n_classes = n_classes
        self.bottom, stages = bottom_width(size), num_stages(size)
        self.top = ch * 2 ** (stages - 1)
        with self.init_scope():
            # (N, z_dim) -> (N, top * bottom^2), reshaped to (N, top, bottom, bottom)
            self.l0 = L.Linear(z_dim, self.top * self.bottom ** 2, nobias=True,
                               initialW=_weight())
            self.bn0 = _batch_norm(self.top, n_classes)
            self.ups = minigan.ChainList()
            self.bns = minigan.ChainList()
            for i in range(stages - 1):
                # (N, top / 2^i, w, w) -> (N, top / 2^(i+1), 2w, 2w)
                self.ups.append(L.Deconvolution2D(self.top >> i, self.top >> (i + 1), 4, 2, 1,
                                                  nobias=True, initialW=_weight()))
                self.bns.append(_batch_norm(self.top >> (i + 1), n_classes))
            # (N, ch, size/2, size/2) -> (N, channels, size, size)
            self.out = L.Deconvolution2D(ch, channels, 4, 2, 1, initialW=_weight())

    def make_hidden(self, n, rng=numpy.random):
        """n latent vectors z ~ N(0, I), float32 (N, z_dim), drawn on the host."""
        return rng.normal(size=(n, self.z_dim)).astype(numpy.float32)

    def forward(self, z, c=None):
        if self.n_classes and c is None:
            c = self.xp.asarray(default_classes(len(z), self.n_classes))
        h = F.reshape(self.l0(z), (len(z), self.top, self.bottom, self.bottom))
        h = F.relu(self._norm(self.bn0, h, c))
        for up, bn in zip(self.ups, self.bns):
            h = F.relu(self._norm(bn, up(h), c))
        return F.tanh(self.out(h))

    def _norm(self, bn, h, c):
        return bn(h, c) if self.n_classes else bn(h)


class Discriminator(minigan.Chain):
    """image (N, 3, size, size) [, c (N,) labels] -> logit or critic value (N, 1).

    ``use_bn=False`` drops batch normalization, as WGAN-GP requires (the penalty is per
    example, and BN mixes examples). With ``n_classes`` the projection term is added when
    labels are given.
    """

    def __init__(self, size=64, ch=64, channels=3, use_bn=True, n_classes=0):
        super().__init__()
        stages = num_stages(size)
        self.use_bn, self.n_classes = use_bn, n_classes
        bottom = bottom_width(size)
        top = ch * 2 ** (stages - 1)
        with self.init_scope():
            # (N, channels, size, size) -> (N, ch, size/2, size/2)
            self.c0 = L.Convolution2D(channels, ch, 4, 2, 1, initialW=_weight())
            self.downs = minigan.ChainList()
            self.bns = minigan.ChainList()
            for i in range(stages - 1):
                # (N, ch 2^i, w, w) -> (N, ch 2^(i+1), w/2, w/2)
                self.downs.append(L.Convolution2D(ch << i, ch << (i + 1), 4, 2, 1,
                                                  nobias=use_bn, initialW=_weight()))
                if use_bn:
                    self.bns.append(L.BatchNormalization(ch << (i + 1)))
            # (N, top, bottom, bottom) -> (N, 1)
            self.out = L.Linear(top * bottom * bottom, 1, initialW=_weight())
            if n_classes:
                # (N,) labels -> (N, top), dotted with the pooled (N, top) features
                self.embed = L.EmbedID(n_classes, top, initialW=_weight())

    def forward(self, x, c=None):
        h = F.leaky_relu(self.c0(x), 0.2)
        for i, down in enumerate(self.downs):
            h = down(h)
            if self.use_bn:
                h = self.bns[i](h)
            h = F.leaky_relu(h, 0.2)
        y = self.out(h)
        if self.n_classes and c is not None:
            y = y + project(h, self.embed, c)
        return y
