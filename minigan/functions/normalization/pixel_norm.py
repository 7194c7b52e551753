"""Pixelwise feature vector normalization, composed from minigan functions."""
from minigan.core.variable import as_variable
from minigan.functions.math.sqrt import rsqrt
from minigan.functions.math.square import square
from minigan.functions.math.sum import mean


def pixel_norm(x, eps=1e-8):
    """Scale each pixel's feature vector to unit root-mean-square over channels.

    b[n, :, h, w] = a[n, :, h, w] / sqrt(mean_c(a[n, c, h, w]^2) + eps); x: (N, C, H, W)
    (or (N, C)). Used after every convolution of the PGGAN generator.
    Karras et al., "Progressive Growing of GANs", ICLR 2018, section 4.2.
    """
    x = as_variable(x)
    return x * rsqrt(mean(square(x), axis=1, keepdims=True) + eps)
