"""Stack arrays along a new axis: expand each, then concatenate."""
from minigan.functions.array.concat import concat
from minigan.functions.array.expand_dims import expand_dims


def stack(xs, axis=0):
    """Join same-shaped Variables ``xs`` along a new axis ``axis`` (as numpy.stack)."""
    return concat([expand_dims(x, axis) for x in xs], axis)
