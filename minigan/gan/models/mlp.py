"""The vanilla GAN of Goodfellow et al. 2014: multilayer perceptrons on flattened pixels.

Meant for MNIST-sized grayscale data (1 x 28 x 28), but any (C, size, size) works.
"""
import numpy

import minigan
from minigan import functions as F
from minigan import links as L


class Generator(minigan.Chain):
    """z (N, z_dim) -> image (N, channels, size, size) in [-1, 1]."""

    def __init__(self, size=28, z_dim=100, hidden=256, channels=1):
        super().__init__()
        self.size, self.z_dim, self.channels = size, z_dim, channels
        with self.init_scope():
            self.l0 = L.Linear(z_dim, hidden)                       # (N, hidden)
            self.l1 = L.Linear(hidden, hidden * 2)                  # (N, 2 hidden)
            self.l2 = L.Linear(hidden * 2, channels * size * size)  # (N, C*size*size)

    def make_hidden(self, n, rng=numpy.random):
        return rng.normal(size=(n, self.z_dim)).astype(numpy.float32)

    def forward(self, z):
        h = F.leaky_relu(self.l0(z))
        h = F.leaky_relu(self.l1(h))
        x = F.tanh(self.l2(h))
        return F.reshape(x, (len(z), self.channels, self.size, self.size))


class Discriminator(minigan.Chain):
    """image (N, C, size, size) -> logit (N, 1)."""

    def __init__(self, size=28, hidden=256, channels=1):
        super().__init__()
        with self.init_scope():
            self.l0 = L.Linear(channels * size * size, hidden * 2)  # (N, 2 hidden), flattened
            self.l1 = L.Linear(hidden * 2, hidden)  # (N, hidden)
            self.l2 = L.Linear(hidden, 1)         # (N, 1)

    def forward(self, x):
        h = F.leaky_relu(self.l0(x))
        h = F.leaky_relu(self.l1(h))
        return self.l2(h)
