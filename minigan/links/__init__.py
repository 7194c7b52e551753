"""Links (import as L): layers that own their Parameters, with Chainer's names."""
from minigan.links.link import Chain, ChainList, Link  # NOQA
from minigan.links.sequential import Sequential  # NOQA
from minigan.links.connection.convolution_2d import Convolution2D  # NOQA
from minigan.links.connection.deconvolution_2d import Deconvolution2D  # NOQA
from minigan.links.connection.embed_id import EmbedID  # NOQA
from minigan.links.connection.linear import Linear  # NOQA
from minigan.links.model.classifier import Classifier  # NOQA
from minigan.links.normalization.batch_normalization import BatchNormalization  # NOQA
from minigan.links.normalization.conditional_batch_normalization import ConditionalBatchNormalization  # NOQA
from minigan.links.attention.self_attention import SelfAttention  # NOQA
from minigan.links.equalized.links import (  # NOQA
    EqualizedConvolution2D, EqualizedDeconvolution2D, EqualizedLinear)
