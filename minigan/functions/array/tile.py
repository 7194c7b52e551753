"""Tile an array: a reshape, a broadcast and a reshape, so the gradient is a sum."""
from minigan.core.variable import as_variable
from minigan.functions.array.broadcast import broadcast_to
from minigan.functions.array.reshape import reshape


def tile(x, reps):
    """Repeat the whole of ``x`` ``reps`` times along each axis (as numpy.tile).

    Shapes: x (s0, s1, ...), reps (r0, r1, ...) -> y (r0 * s0, r1 * s1, ...); the shorter
    of the two is padded with leading ones.
    """
    x = as_variable(x)
    reps = (reps,) if isinstance(reps, int) else tuple(reps)
    n = max(x.ndim, len(reps))
    shape = (1,) * (n - x.ndim) + x.shape
    reps = (1,) * (n - len(reps)) + reps
    # NOTE: (s0, s1) -> (1, s0, 1, s1) -> (r0, s0, r1, s1) -> (r0 * s0, r1 * s1)
    spread = tuple(d for s in shape for d in (1, s))
    tiled = tuple(d for r, s in zip(reps, shape) for d in (r, s))
    y = broadcast_to(reshape(x, spread), tiled)
    return reshape(y, tuple(r * s for r, s in zip(reps, shape)))
