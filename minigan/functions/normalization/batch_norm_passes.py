"""Batch normalization's passes over NumPy arrays, block by block on every core.

With x seen as a matrix whose rows or columns are the channels, each pass is a few NumPy
calls on one cached block at a time (minigan.utils.parallel), and the per-channel sums of
the blocks are added up at the end:

    statistics  mean, var        one read of x (Chan et al.'s pairwise update of the moments)
    output      y = (x - mean) * scale + shift                      one read of x, one write
    gradient    gbeta = sum(gy), ggamma = sum(gy * x_hat)            one read of x and gy
                gx = (gy - (x_hat * ggamma + gbeta) / m) * gamma * inv_std   one more, a write

``ChannelMatrix.common`` returns None for a layout it does not cover, and the caller falls back
to whole-array NumPy expressions. Chan, Golub and LeVeque, "Algorithms for computing the sample
variance", 1983 (the update of the moments).
"""
import numpy

from minigan.utils import parallel


class ChannelMatrix:
    """x (N, C) or (N, C, H, W) seen as a 2-D matrix without a copy.

    Channels-last memory (and (N, C)) gives rows N*H*W by columns C (``by_column``); plain
    NCHW memory gives rows N*C by columns H*W, row r being channel r % C.
    """

    def __init__(self, x):
        n, c = x.shape[:2]
        self.c, self.n, self.shape, self.by_column = c, n, None, True
        if x.size == 0:
            return
        if x.ndim == 2 and x.flags.c_contiguous:
            self.shape = x.shape
        elif x.ndim == 4 and x.transpose(0, 2, 3, 1).flags.c_contiguous:
            self.shape = (x.size // c, c)
        elif x.ndim == 4 and x.flags.c_contiguous:
            self.by_column, self.shape = False, (n * c, x.size // (n * c))

    @classmethod
    def common(cls, *arrays):
        """The ChannelMatrix of arrays laid out alike, or None (a layout not covered)."""
        cms = [cls(a) for a in arrays]
        first = cms[0]
        if first.shape is None or any((c.shape, c.by_column) != (first.shape, first.by_column)
                                      for c in cms[1:]):
            return None
        return first

    def view(self, a):
        """``a`` (laid out as x) as the matrix."""
        if self.by_column and a.ndim == 4:
            return a.transpose(0, 2, 3, 1).reshape(self.shape)
        return a.reshape(self.shape)

    def per_channel(self, v):
        """A (C,) vector shaped to broadcast against the matrix: (C,) or (N*C, 1)."""
        v = v.reshape(self.c)
        return v if self.by_column else numpy.tile(v, self.n)[:, None]

    def sums(self, block):
        """Sums of a block over the axis that is not the channels' (a matrix-vector product,
        several times faster than ndarray.sum along a short axis)."""
        if self.by_column:
            return numpy.ones(block.shape[0], block.dtype) @ block
        return block @ numpy.ones(block.shape[1], block.dtype)

    def total(self, pieces):
        """(C,) sums from the blocks' (first row, partial sums over the other axis) pieces."""
        if self.by_column:
            return numpy.sum([p for _, p in pieces], axis=0)
        rows = numpy.concatenate([p for _, p in sorted(pieces, key=lambda t: t[0])])
        return rows.reshape(self.n, self.c).sum(axis=0)

    def rows(self, a, b):
        """The rows of a per-channel vector that go with matrix rows a:b."""
        return slice(None) if self.by_column else slice(a, b)

    def over_blocks(self, fn):
        """fn(a, b) on row blocks of the matrix, over the threads."""
        parallel.over_blocks(fn, self.shape[0], self.shape[1], numpy)


def moments(x, cm):
    """Per-channel (mean, biased variance) of x, float like x, each of shape (C,)."""
    mat = cm.view(x)
    blocks = []

    def block(a, b):
        xb = mat[a:b]
        count = xb.shape[0] if cm.by_column else xb.shape[1]
        mean = cm.sums(xb) / xb.dtype.type(count)
        d = xb - (mean if cm.by_column else mean[:, None])
        d *= d
        blocks.append((a, count, mean, cm.sums(d)))
    cm.over_blocks(block)
    blocks.sort(key=lambda t: t[0])
    # NOTE: groups are the blocks (channels by column) or the rows (one (n, c) each); their
    # moments merge as M2 = sum M2_g + sum n_g (mean_g - mean)^2
    counts = numpy.array([t[1] for t in blocks], numpy.float64)
    means = numpy.concatenate([t[2] for t in blocks]).reshape(-1, cm.c).astype(numpy.float64)
    m2 = numpy.concatenate([t[3] for t in blocks]).reshape(-1, cm.c).astype(numpy.float64)
    if not cm.by_column:
        counts = numpy.full(len(means), counts[0])
    total = counts.sum()
    mean = counts @ means / total
    var = (m2.sum(axis=0) + counts @ numpy.square(means - mean)) / total
    return mean.astype(x.dtype), var.astype(x.dtype)


def scale_shift(x, mean, scale, shift, cm):
    """y = (x - mean) * scale + shift per channel, laid out as x."""
    y = numpy.empty_like(x)
    mat, out = cm.view(x), cm.view(y)
    mean, scale, shift = (cm.per_channel(v) for v in (mean, scale, shift))

    def block(a, b):
        yb, rows = out[a:b], cm.rows(a, b)
        numpy.subtract(mat[a:b], mean[rows], out=yb)
        yb *= scale[rows]
        yb += shift[rows]
    cm.over_blocks(block)
    return y


def grad(x, gy, mean, inv_std, gamma, cm):
    """(gx, ggamma, gbeta) of batch normalization, gx laid out as x, the others (C,)."""
    mat, gmat = cm.view(x), cm.view(gy)
    mean_c = cm.per_channel(mean)
    gy_sums, gy_xc_sums = [], []

    def reduce(a, b):
        t = mat[a:b] - mean_c[cm.rows(a, b)]
        t *= gmat[a:b]
        gy_sums.append((a, cm.sums(gmat[a:b])))
        gy_xc_sums.append((a, cm.sums(t)))
    cm.over_blocks(reduce)
    gbeta = cm.total(gy_sums)
    ggamma = cm.total(gy_xc_sums) * inv_std.reshape(cm.c)
    m = x.size // cm.c
    inv_m = x.dtype.type(1.0 / m)
    # NOTE: gx = (gy - ((x - mean) * inv_std * ggamma + gbeta) / m) * gamma * inv_std
    c1 = cm.per_channel(inv_std.reshape(cm.c) * ggamma * inv_m)
    c2 = cm.per_channel(gbeta * inv_m)
    c3 = cm.per_channel(gamma.reshape(cm.c) * inv_std.reshape(cm.c))
    gx = numpy.empty_like(x)
    out = cm.view(gx)

    def write(a, b):
        gxb, rows = out[a:b], cm.rows(a, b)
        numpy.subtract(mat[a:b], mean_c[rows], out=gxb)
        gxb *= c1[rows]
        gxb += c2[rows]
        numpy.subtract(gmat[a:b], gxb, out=gxb)
        gxb *= c3[rows]
    cm.over_blocks(write)
    return gx, ggamma.astype(x.dtype), gbeta.astype(x.dtype)
