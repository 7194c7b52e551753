"""Differentiable functions (import as F), each a FunctionNode or a composition of them."""
from minigan.functions.activation.elu import elu  # NOQA
from minigan.functions.activation.leaky_relu import leaky_relu  # NOQA
from minigan.functions.activation.log_softmax import log_softmax  # NOQA
from minigan.functions.activation.relu import relu  # NOQA
from minigan.functions.activation.sigmoid import sigmoid  # NOQA
from minigan.functions.activation.softmax import softmax  # NOQA
from minigan.functions.activation.softplus import softplus  # NOQA
from minigan.functions.activation.tanh import tanh  # NOQA
from minigan.functions.array.broadcast import broadcast, broadcast_to, sum_to  # NOQA
from minigan.functions.array.concat import concat  # NOQA
from minigan.functions.array.depth2space import depth2space, space2depth  # NOQA
from minigan.functions.array.expand_dims import expand_dims  # NOQA
from minigan.functions.array.flatten import flatten  # NOQA
from minigan.functions.array.get_item import get_item  # NOQA
from minigan.functions.array.im2col import im2col  # NOQA
from minigan.functions.array.pad import pad  # NOQA
from minigan.functions.array.repeat import repeat  # NOQA
from minigan.functions.array.reshape import reshape  # NOQA
from minigan.functions.array.resize_images import resize_images  # NOQA
from minigan.functions.array.split_axis import split_axis  # NOQA
from minigan.functions.array.squeeze import squeeze  # NOQA
from minigan.functions.array.stack import stack  # NOQA
from minigan.functions.array.tile import tile  # NOQA
from minigan.functions.array.transpose import transpose  # NOQA
from minigan.functions.array.where import where  # NOQA
from minigan.functions.connection.convolution_2d import convolution_2d  # NOQA
from minigan.functions.connection.deconvolution_2d import deconvolution_2d  # NOQA
from minigan.functions.connection.embed_id import embed_id  # NOQA
from minigan.functions.connection.linear import linear  # NOQA
from minigan.functions.connection.upsampling_convolution_2d import upsampling_convolution_2d  # NOQA
from minigan.functions.evaluation.accuracy import accuracy  # NOQA
from minigan.functions.loss.hinge import hinge  # NOQA
from minigan.functions.loss.mean_absolute_error import mean_absolute_error  # NOQA
from minigan.functions.loss.mean_squared_error import mean_squared_error  # NOQA
from minigan.functions.loss.sigmoid_cross_entropy import sigmoid_cross_entropy  # NOQA
from minigan.functions.loss.softmax_cross_entropy import softmax_cross_entropy  # NOQA
from minigan.functions.math.absolute import absolute  # NOQA
from minigan.functions.math.add import add  # NOQA
from minigan.functions.math.average import average  # NOQA
from minigan.functions.math.batch_l2_norm_squared import batch_l2_norm_squared  # NOQA
from minigan.functions.math.clip import clip  # NOQA
from minigan.functions.math.divide import divide  # NOQA
from minigan.functions.math.exponential import exp, log  # NOQA
from minigan.functions.math.matmul import batch_matmul, matmul  # NOQA
from minigan.functions.math.maximum import maximum  # NOQA
from minigan.functions.math.minimum import minimum  # NOQA
from minigan.functions.math.minmax import max, min  # NOQA
from minigan.functions.math.multiply import multiply  # NOQA
from minigan.functions.math.negative import negative  # NOQA
from minigan.functions.math.power import power  # NOQA
from minigan.functions.math.sqrt import rsqrt, sqrt  # NOQA
from minigan.functions.math.square import square  # NOQA
from minigan.functions.math.subtract import subtract  # NOQA
from minigan.functions.math.sum import mean, sum  # NOQA
from minigan.functions.noise.dropout import dropout  # NOQA
from minigan.functions.noise.gaussian import gaussian  # NOQA
from minigan.functions.normalization.batch_normalization import (  # NOQA
    batch_normalization, fixed_batch_normalization)
from minigan.functions.normalization.local_response_normalization import (  # NOQA
    local_response_normalization)
from minigan.functions.normalization.minibatch_stddev import minibatch_stddev  # NOQA
from minigan.functions.normalization.normalize import normalize  # NOQA
from minigan.functions.normalization.pixel_norm import pixel_norm  # NOQA
from minigan.functions.pooling.average_pooling_2d import average_pooling_2d  # NOQA
from minigan.functions.pooling.max_pooling_2d import max_pooling_2d  # NOQA
from minigan.functions.pooling.unpooling_2d import unpooling_2d  # NOQA
from minigan.functions.pooling.upsampling_2d import upsampling_2d  # NOQA
