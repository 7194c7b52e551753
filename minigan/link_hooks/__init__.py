"""Link hooks: code run around a link's forward (Chainer's ``chainer.link_hooks``)."""
from minigan.link_hooks.equalized_learning_rate import EqualizedLearningRate  # NOQA
from minigan.link_hooks.link_hook import LinkHook  # NOQA
from minigan.link_hooks.spectral_normalization import SpectralNormalization  # NOQA
