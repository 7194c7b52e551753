"""Repeat each element of an array (numpy.repeat), as a broadcast or an index gather."""
import numpy

from minigan.core.variable import as_variable
from minigan.functions.array.broadcast import broadcast_to
from minigan.functions.array.get_item import get_item
from minigan.functions.array.reshape import reshape


def repeat(x, repeats, axis=None):
    """Repeat every element of ``x`` along ``axis`` (None: of the flattened ``x``).

    ``repeats``: an int, or one int per element along ``axis``. An int repeat is a
    broadcast ((s,) -> (s, 1) -> (s, r) -> (s * r,)); per-element repeats gather with an
    index array, whose gradient scatter-adds back.
    """
    x = as_variable(x)
    if axis is None:
        x = reshape(x, (x.size,))
        axis = 0
    axis %= x.ndim
    if not isinstance(repeats, int):
        repeats = [int(r) for r in repeats]
        if len(repeats) == 1:
            repeats = repeats[0]
    if isinstance(repeats, int):
        spread = x.shape[:axis + 1] + (1,) + x.shape[axis + 1:]
        y = broadcast_to(reshape(x, spread), spread[:axis + 1] + (repeats,) + spread[axis + 2:])
        return reshape(y, x.shape[:axis] + (x.shape[axis] * repeats,) + x.shape[axis + 1:])
    index = numpy.repeat(numpy.arange(x.shape[axis]), repeats)
    return get_item(x, (slice(None),) * axis + (x.xp.asarray(index),))
