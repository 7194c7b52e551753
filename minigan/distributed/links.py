"""Batch normalization whose statistics are those of the batches of all processes together.

With K processes of batch B, per-process batch normalization (the default) normalizes each
process's B examples by their own mean and variance; MultiNodeBatchNormalization uses the
mean and variance of all K*B, as one process with batch K*B would, at the cost of one small
all-reduce (2C numbers) per layer in forward and one in backward. ChainerMN's names.
"""
from minigan import functions as F
from minigan.configuration import config
from minigan.core.variable import as_variable
from minigan.distributed.functions import allreduce_sum
from minigan.links.link import Chain, ChainList
from minigan.links.normalization.batch_normalization import BatchNormalization


class MultiNodeBatchNormalization(BatchNormalization):
    """``MultiNodeBatchNormalization(size, comm, decay=0.9, eps=2e-5, dtype=None, ...)``.

    mean = sum_k sum(x_k) / n, var = sum_k sum(x_k^2) / n - mean^2 with n the number of
    values per channel over all processes; otherwise as BatchNormalization (same parameters,
    persistents and npz keys, so snapshots load either way).
    """

    def __init__(self, size, comm, decay=0.9, eps=2e-5, dtype=None, use_gamma=True,
                 use_beta=True, initial_gamma=None, initial_beta=None, axis=None):
        super().__init__(size, decay, eps, dtype, use_gamma, use_beta, initial_gamma,
                         initial_beta, axis)
        self.comm = comm

    def forward(self, x, finetune=False):
        if not config.train or finetune:
            return super().forward(x, finetune)
        x = as_variable(x)
        axes = self.axis or (0,) + tuple(range(2, x.ndim))
        channels = self.avg_mean.size
        # NOTE: one all-reduce carries the sums, the sums of squares and the count
        n = self.xp.full((1,), x.size // channels, dtype=x.dtype)
        sums = allreduce_sum(self.comm, F.concat([F.sum(x, axis=axes), F.sum(x * x, axis=axes),
                                                  n], axis=0))
        count = float(sums.array[-1])
        mean, mean_sq = sums[:channels] / count, sums[channels:2 * channels] / count
        var = mean_sq - mean * mean
        gamma = self.gamma if self.gamma is not None else self.xp.ones_like(self.avg_mean)
        beta = self.beta if self.beta is not None else self.xp.zeros_like(self.avg_mean)
        self.avg_mean *= self.decay
        self.avg_mean += (1 - self.decay) * mean.array.reshape(self.avg_mean.shape)
        self.avg_var *= self.decay
        self.avg_var += (1 - self.decay) * count / max(count - 1, 1) * var.array.reshape(
            self.avg_var.shape)
        return F.fixed_batch_normalization(x, gamma, beta, mean, var, self.eps, axis=self.axis)


def create_mnbn_model(link, comm):
    """Replace, in place, every BatchNormalization inside ``link`` by a
    MultiNodeBatchNormalization with the same settings, parameters and statistics; returns
    ``link`` (ChainerMN returns a copy)."""
    if type(link) is BatchNormalization:
        return _multi_node(link, comm)
    for _, parent in list(link.namedlinks()):
        for name, child in list(parent._named_children()):
            if type(child) is not BatchNormalization:
                continue
            new = _multi_node(child, comm)
            if isinstance(parent, ChainList):
                new.name = name
                parent._children[int(name)] = new
            elif isinstance(parent, Chain):
                order = list(parent._children)
                delattr(parent, name)
                parent.add_link(name, new)
                parent._children[:] = order  # NOTE: the same child order as before
    return link


def _multi_node(bn, comm):
    # NOTE: the same Parameter objects and arrays, so an optimizer already set up (and its
    # per-parameter state) keeps working
    new = MultiNodeBatchNormalization(bn.avg_mean.shape, comm, bn.decay, bn.eps, bn._dtype,
                                      use_gamma=False, use_beta=False, axis=bn.axis)
    with new.init_scope():
        for name in ('gamma', 'beta'):
            if getattr(bn, name) is not None:
                setattr(new, name, getattr(bn, name))
    new.avg_mean, new.avg_var, new.N = bn.avg_mean, bn.avg_var, bn.N
    new.to_device(bn.device)
    return new
