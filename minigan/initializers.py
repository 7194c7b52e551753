"""Weight initializers (Chainer's ``chainer.initializers``).

An initializer is a callable that fills an array in place: ``initializer(array)``. Links
take one as ``initialW=`` or ``initial_bias=``; a scalar or an array there means "this
constant" (see ``get_initializer``).

Random initializers draw from NumPy's global generator (``numpy.random``) unless given
``rng``, so ``numpy.random.seed(s)`` makes a model's initial weights reproducible, on
the GPU too: the values are drawn on the host and copied to the array's device.

Fans follow Chainer: for a weight of shape (out, in, kh, kw, ...)

    fan_in = shape[1] * kh * kw * ...,   fan_out = shape[0] * kh * kw * ...

Chainer applies the same rule to a deconvolution's (in, out, kh, kw) weight, so there
``fan_in`` counts output channels; minigan keeps that so seeded models match Chainer's.
"""
import math
import numbers

import numpy

from minigan.backend import get_array_module
from minigan.configuration import get_dtype


def get_fans(shape):
    """(fan_in, fan_out) of a weight of ``shape`` (at least 2 axes), as Chainer computes them."""
    if len(shape) < 2:
        raise ValueError('a weight needs at least 2 axes to have fans, got shape %s'
                         % (shape,))
    receptive_field = int(numpy.prod(shape[2:]))
    return shape[1] * receptive_field, shape[0] * receptive_field


class Initializer:
    """Base class: ``__call__(array)`` fills ``array`` in place.

    ``dtype`` (None for "whatever the array has") is the dtype of the Parameter that a
    link creates with this initializer; float32 when None.
    """

    def __init__(self, dtype=None):
        self.dtype = dtype

    def __call__(self, array):
        raise NotImplementedError

    def _check(self, array):
        if self.dtype is not None and array.dtype != numpy.dtype(self.dtype):
            raise TypeError('%s expects a %s array, got %s'
                            % (type(self).__name__, numpy.dtype(self.dtype), array.dtype))

    def _put(self, array, host_values):
        array[...] = get_array_module(array).asarray(host_values, dtype=array.dtype)


class Constant(Initializer):
    """Fill with ``fill_value``: a scalar or an array broadcastable to the target."""

    def __init__(self, fill_value, dtype=None):
        super().__init__(dtype)
        self.fill_value = fill_value

    def __call__(self, array):
        self._check(array)
        xp = get_array_module(array)
        array[...] = xp.asarray(self.fill_value, dtype=array.dtype)


class Zero(Constant):
    """Fill with 0 (the default bias)."""

    def __init__(self, dtype=None):
        super().__init__(0.0, dtype)


class One(Constant):
    """Fill with 1 (the default BatchNormalization gamma)."""

    def __init__(self, dtype=None):
        super().__init__(1.0, dtype)


class NaN(Constant):
    """Fill with NaN, so a parameter that was never set shows up at once."""

    def __init__(self, dtype=None):
        super().__init__(numpy.nan, dtype)


class Normal(Initializer):
    """Draw from N(0, scale^2). DCGAN (Radford et al. 2016) uses ``Normal(0.02)``."""

    def __init__(self, scale=0.05, dtype=None, rng=None):
        super().__init__(dtype)
        self.scale = scale
        self.rng = rng

    def __call__(self, array):
        self._check(array)
        rng = numpy.random if self.rng is None else self.rng
        self._put(array, rng.normal(loc=0.0, scale=self.scale, size=array.shape))


class Uniform(Initializer):
    """Draw from U(-scale, scale)."""

    def __init__(self, scale=0.05, dtype=None, rng=None):
        super().__init__(dtype)
        self.scale = scale
        self.rng = rng

    def __call__(self, array):
        self._check(array)
        rng = numpy.random if self.rng is None else self.rng
        self._put(array, rng.uniform(low=-self.scale, high=self.scale, size=array.shape))


class _FanScaled(Initializer):
    """Normal or Uniform whose scale is ``scale * sqrt(numerator / fan)``."""

    numerator = 1.0
    base = Normal

    def __init__(self, scale=1.0, dtype=None, rng=None):
        super().__init__(dtype)
        self.scale = scale
        self.rng = rng

    def fan(self, shape):
        return get_fans(shape)[0]

    def __call__(self, array):
        self._check(array)
        s = self.scale * math.sqrt(self.numerator / self.fan(array.shape))
        self.base(s, rng=self.rng)(array)


class LeCunNormal(_FanScaled):
    """N(0, scale^2 / fan_in) (LeCun et al. 1998); Chainer's default for ``initialW``."""


class HeNormal(_FanScaled):
    """N(0, scale^2 * 2 / fan), He et al. 2015; ``fan_option`` is 'fan_in' or 'fan_out'."""

    numerator = 2.0

    def __init__(self, scale=1.0, dtype=None, fan_option='fan_in', rng=None):
        super().__init__(scale, dtype, rng)
        if fan_option not in ('fan_in', 'fan_out'):
            raise ValueError("fan_option must be 'fan_in' or 'fan_out', got %r" % fan_option)
        self.fan_option = fan_option

    def fan(self, shape):
        fan_in, fan_out = get_fans(shape)
        return fan_in if self.fan_option == 'fan_in' else fan_out


class GlorotNormal(_FanScaled):
    """N(0, scale^2 * 2 / (fan_in + fan_out)), Glorot and Bengio 2010."""

    numerator = 2.0

    def fan(self, shape):
        return sum(get_fans(shape))


class LeCunUniform(_FanScaled):
    """U(-s, s) with s = scale * sqrt(3 / fan_in): the variance of LeCunNormal."""

    numerator = 3.0
    base = Uniform


class HeUniform(_FanScaled):
    """U(-s, s) with s = scale * sqrt(6 / fan_in): the variance of HeNormal."""

    numerator = 6.0
    base = Uniform


class GlorotUniform(_FanScaled):
    """U(-s, s) with s = scale * sqrt(6 / (fan_in + fan_out)), Glorot and Bengio 2010."""

    numerator = 6.0
    base = Uniform

    def fan(self, shape):
        return sum(get_fans(shape))


def get_initializer(initializer):
    """Turn a link's ``initialW``-style argument into an initializer.

    None gives ``LeCunNormal()`` (Chainer's default weight initializer); a scalar or an
    array gives ``Constant(value)``; a callable is returned unchanged.
    """
    if initializer is None:
        return LeCunNormal()
    if isinstance(initializer, numbers.Number) or hasattr(initializer, 'shape'):
        return Constant(initializer)
    if not callable(initializer):
        raise TypeError('an initializer must be None, a scalar, an array or a callable, '
                        'got %s' % type(initializer).__name__)
    return initializer


def generate_array(initializer, shape, xp, dtype=None):
    """A new array of ``shape`` on ``xp`` filled by ``initializer``.

    dtype: ``dtype``, else the initializer's, else ``config.dtype`` (float32 by default).
    """
    dtype = get_dtype(dtype or getattr(initializer, 'dtype', None))
    host = numpy.empty(shape, dtype=dtype)
    initializer(host)
    return xp.asarray(host)
