"""Parameter: a Variable that a Link owns and an optimizer updates.

Its shape may be unknown until the first forward (``L.Linear(None, 10)``); the
initializer then fills it. ``update_rule`` is attached by an optimizer's ``setup``.
"""
import numpy

from minigan.configuration import get_dtype
from minigan.core.variable import Variable


def _fill(initializer, shape, dtype, xp):
    array = xp.empty(shape, dtype=dtype)
    if initializer is None:
        array[...] = numpy.nan  # NOTE: Chainer's default, so a forgotten init is loud
    elif callable(initializer):
        host = numpy.empty(shape, dtype=dtype)
        initializer(host)
        array[...] = xp.asarray(host)
    else:
        array[...] = xp.asarray(initializer, dtype=dtype)
    return array


class Parameter(Variable):
    """``Parameter(initializer=None, shape=None, name=None)``.

    ``initializer`` is an array (taken as the value), a scalar, or a callable that fills
    an array in place (the classes of ``minigan.initializers``).
    """

    def __init__(self, initializer=None, shape=None, name=None):
        if hasattr(initializer, 'shape') and hasattr(initializer, 'dtype') \
                and not callable(initializer):
            super().__init__(initializer, name=name)
            self.initializer = None
        else:
            super().__init__(None, name=name)
            self.initializer = initializer
            if shape is not None:
                self.initialize(shape)
        self.update_rule = None

    @property
    def is_initialized(self):
        return self.array is not None

    def initialize(self, shape, xp=numpy):
        """Allocate the array with the initializer's values.

        Its dtype is the initializer's, else ``config.dtype`` (float32 unless changed; under
        ``mixed16`` parameters stay float32, as in Chainer).
        """
        shape = (shape,) if isinstance(shape, int) else tuple(shape)
        dtype = get_dtype(getattr(self.initializer, 'dtype', None), map_mixed16=numpy.float32)
        self.array = _fill(self.initializer, shape, dtype, xp)

    def update(self):
        """Apply this parameter's update rule (set by ``optimizer.setup``)."""
        if self.update_rule is not None:
            self.update_rule.update(self)

    def __repr__(self):
        return 'parameter' + Variable.__repr__(self)[len('variable'):]
