"""SAGAN (Zhang et al. 2019, "Self-Attention Generative Adversarial Networks") in DCGAN shape.

The layout is DCGAN's (Radford et al. 2016): the generator grows a 4x4 map by 4x4 stride-2
transposed convolutions, halving the channels each time; the discriminator mirrors it with
4x4 stride-2 convolutions. What SAGAN adds:

- spectral normalization (Miyato et al. 2018) on every weight layer of BOTH networks, so
  each layer is 1-Lipschitz and D cannot sharpen without bound on a small dataset;
- self-attention blocks (``links.SelfAttention``, gamma starting at 0) on the feature maps
  whose resolution is in ``attn_resolutions`` (16x16 and 32x32 by default), so the
  generator can make the two eyes of a face agree and D can check that they do;
- batch normalization and ReLU in G, leaky ReLU with slope 0.1 and no batch normalization
  in D. With ``n_classes`` > 0, G's batch norms are conditional on the class and D has a
  spectrally normalized projection head, as in SAGAN's class-conditional ImageNet models
  (Miyato and Koyama 2018): D(x, c) = out(h) + embed(c) . sum_spatial(h).

Every convolution weight starts as U(-1/sqrt(fan_in), 1/sqrt(fan_in)) (``sn_weight_initializer``),
the default of PyTorch's layers, which SAGAN's learning rates were tuned with; see its NOTE.
It is trained with the hinge loss and the two time-scale update rule (see
examples/train_sagan.py). Sizes are 4 x 2^k from 16 to 256 (32, 64 and 128 are the usual).
Resolutions in ``attn_resolutions`` that a network does not have are skipped: G's
attention maps are 8 .. size/2 after each up-sampling, D's are size/2 .. 8 before each
down-sampling (so at 32x32 only the 16x16 block exists).
"""
import math

import numpy

import minigan
from minigan import functions as F
from minigan import initializers
from minigan import links as L
from minigan.gan.models.dcgan import default_classes, project
from minigan.link_hooks import SpectralNormalization


def num_stages(size):
    """The number of stride-2 (de)convolutions between 4x4 and size/2 x size/2: log2(size/8)+1.

    Raises for sizes that are not 4 x a power of two between 16 and 256.
    """
    stages = int(round(numpy.log2(size / 4.0)))
    if not 16 <= size <= 256 or 4 * 2 ** stages != size:
        raise ValueError('SAGAN supports square sizes 16, 32, 64, 128 and 256; got %d' % size)
    return stages


def sn_weight_initializer():
    """U(-1/sqrt(fan_in), 1/sqrt(fan_in)): std 1/sqrt(3 fan_in), PyTorch's default for layers.

    NOTE: spectral normalization hides the scale of W from the forward pass (W / sigma(W) is
    the same for any multiple of W) but not from Adam, which moves every weight by about lr
    per step whatever its size; so W / sigma(W) turns by about lr / std(W) per step, and the
    initial std divides the learning rate. With Chainer's default LeCunNormal (std
    1/sqrt(fan_in)) this SAGAN took sqrt(3) times smaller steps than the same network in
    PyTorch, and after 3,000 iterations on 120 faces its samples were look-alikes or noise
    (FD 355 and 566 against PyTorch's 261 and 288 on two seeds; 262 and 260 with this
    initializer). Issue 17; benchmarks/quality_vs_torch.py and benchmarks/sagan_parity.py.
    """
    return initializers.LeCunUniform(scale=1 / math.sqrt(3))


def _sn(link):
    """``link`` with spectral normalization of its weight attached."""
    return link.add_hook(SpectralNormalization())


def _deconv(in_ch, out_ch, ksize, stride, pad):
    return _sn(L.Deconvolution2D(in_ch, out_ch, ksize, stride, pad,
                                 initialW=sn_weight_initializer()))


def _conv(in_ch, out_ch, ksize, stride, pad):
    return _sn(L.Convolution2D(in_ch, out_ch, ksize, stride, pad,
                               initialW=sn_weight_initializer()))


def _attention(channels):
    return L.SelfAttention(channels, sn=True, initialW=sn_weight_initializer())


def _batch_norm(size, n_classes):
    if n_classes:
        return L.ConditionalBatchNormalization(size, n_classes)
    return L.BatchNormalization(size)


class UpBlock(minigan.Chain):
    """(N, in_ch, w, w) [, c] -> (N, out_ch, 2w, 2w): SN deconvolution, (C)BN, ReLU, [attn]."""

    def __init__(self, in_ch, out_ch, attention, n_classes=0):
        super().__init__()
        self.attention, self.n_classes = attention, n_classes
        with self.init_scope():
            self.deconv = _deconv(in_ch, out_ch, 4, 2, 1)
            self.bn = _batch_norm(out_ch, n_classes)
            if attention:
                self.attn = _attention(out_ch)

    def forward(self, x, c=None):
        h = self.deconv(x)
        h = F.relu(self.bn(h, c) if self.n_classes else self.bn(h))
        return self.attn(h) if self.attention else h


class DownBlock(minigan.Chain):
    """(N, in_ch, w, w) -> (N, out_ch, w/2, w/2): [attention], SN convolution, leaky ReLU."""

    def __init__(self, in_ch, out_ch, attention):
        super().__init__()
        self.attention = attention
        with self.init_scope():
            if attention:
                self.attn = _attention(in_ch)
            self.conv = _conv(in_ch, out_ch, 4, 2, 1)

    def forward(self, x):
        h = self.attn(x) if self.attention else x
        return F.leaky_relu(self.conv(h), 0.1)


class Generator(minigan.Chain):
    """z (N, z_dim) [, c] -> image (N, channels, size, size) in [-1, 1]; ``ch``: last width.

    ``attention_at`` lists the resolutions that got a self-attention block. With
    ``n_classes``, ``c`` is (N,) int labels or (N, n_classes) class weights (default: the
    classes in turn).
    """

    def __init__(self, size=64, z_dim=128, ch=64, channels=3, attn_resolutions=(16, 32),
                 n_classes=0):
        super().__init__()
        self.size, self.z_dim, self.ch, self.channels = size, z_dim, ch, channels
        self.n_classes = n_classes
        stages = num_stages(size)
        self.top = top = ch * 2 ** (stages - 1)
        wanted = {int(r) for r in attn_resolutions}
        self.attention_at = tuple(4 << i for i in range(1, stages) if 4 << i in wanted)
        with self.init_scope():
            # (N, z_dim, 1, 1) -> (N, top, 4, 4)
            self.l0 = _deconv(z_dim, top, 4, 1, 0)
            self.bn0 = _batch_norm(top, n_classes)
            self.ups = minigan.ChainList()
            for i in range(stages - 1):
                # (N, top / 2^i, 4 * 2^i, ...) -> (N, top / 2^(i+1), 4 * 2^(i+1), ...)
                self.ups.append(UpBlock(top >> i, top >> (i + 1), 4 << (i + 1) in wanted,
                                        n_classes))
            # (N, ch, size/2, size/2) -> (N, channels, size, size)
            self.out = _deconv(ch, channels, 4, 2, 1)

    def make_hidden(self, n, rng=numpy.random):
        """n latent vectors z ~ N(0, I), float32 (N, z_dim), drawn on the host."""
        return rng.normal(size=(n, self.z_dim)).astype(numpy.float32)

    def forward(self, z, c=None):
        if self.n_classes and c is None:
            c = self.xp.asarray(default_classes(len(z), self.n_classes))
        h = self.l0(F.reshape(z, (len(z), self.z_dim, 1, 1)))
        h = F.relu(self.bn0(h, c) if self.n_classes else self.bn0(h))
        for up in self.ups:
            h = up(h, c)
        return F.tanh(self.out(h))


class Discriminator(minigan.Chain):
    """image (N, channels, size, size) [, c (N,)] -> hinge score (N, 1); ``ch``: first width.

    ``attention_at`` lists the resolutions that got a self-attention block. With
    ``n_classes`` the projection term is added when labels are given.
    """

    def __init__(self, size=64, ch=64, channels=3, attn_resolutions=(16, 32), n_classes=0):
        super().__init__()
        self.n_classes = n_classes
        stages = num_stages(size)
        wanted = {int(r) for r in attn_resolutions}
        self.attention_at = tuple(size >> (i + 1) for i in range(stages - 1)
                                  if size >> (i + 1) in wanted)
        with self.init_scope():
            # (N, channels, size, size) -> (N, ch, size/2, size/2)
            self.c0 = _conv(channels, ch, 4, 2, 1)
            self.downs = minigan.ChainList()
            for i in range(stages - 1):
                # (N, ch 2^i, size / 2^(i+1), ...) -> (N, ch 2^(i+1), size / 2^(i+2), ...)
                self.downs.append(DownBlock(ch << i, ch << (i + 1), size >> (i + 1) in wanted))
            # (N, ch 2^(stages-1), 4, 4) -> (N, 1, 1, 1)
            self.out = _conv(ch << (stages - 1), 1, 4, 1, 0)
            if n_classes:
                # (N,) labels -> (N, ch 2^(stages-1)), dotted with the pooled features
                self.embed = _sn(L.EmbedID(n_classes, ch << (stages - 1)))

    def forward(self, x, c=None):
        h = F.leaky_relu(self.c0(x), 0.1)
        for down in self.downs:
            h = down(h)
        y = F.reshape(self.out(h), (len(x), 1))
        if self.n_classes and c is not None:
            y = y + project(h, self.embed, c)
        return y
