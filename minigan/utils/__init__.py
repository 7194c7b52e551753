"""Helpers below the functions layer; ``force_array`` and ``type_check`` keep Chainer's names."""
import numpy

from minigan.utils.conv import get_conv_outsize, get_deconv_outsize  # NOQA


def force_array(x, dtype=None):
    """``x`` as an array: NumPy turns 0-d results into scalars, which forward must not return.

    dtype: cast to it (without a copy when it already matches).
    """
    if numpy.isscalar(x):
        return numpy.array(x) if dtype is None else numpy.array(x, dtype)
    return x if dtype is None else x.astype(dtype, copy=False)


def force_type(dtype, value):
    """``value`` (a scalar or an array) cast to ``dtype``."""
    if numpy.isscalar(value):
        return dtype.type(value)
    return value if value.dtype == dtype else value.astype(dtype, copy=False)
