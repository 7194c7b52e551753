"""Probability distributions with reparameterized sampling and KL divergences (Chainer's
``chainer.distributions``), as variational autoencoders use them."""
from minigan.distributions.bernoulli import Bernoulli  # NOQA
from minigan.distributions.distribution import (  # NOQA
    Distribution, cross_entropy, kl_divergence, register_kl)
from minigan.distributions.independent import Independent  # NOQA
from minigan.distributions.normal import Normal  # NOQA
