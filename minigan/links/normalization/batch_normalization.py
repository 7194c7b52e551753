"""BatchNormalization: batch norm with learned scale and shift and running statistics."""
import numpy

from minigan import functions as F
from minigan import initializers
from minigan.configuration import config, get_dtype
from minigan.core.parameter import Parameter
from minigan.links.link import Link


class BatchNormalization(Link):
    """``BatchNormalization(size=None, decay=0.9, eps=2e-5, dtype=None, use_gamma=True,
    use_beta=True, initial_gamma=None, initial_beta=None, axis=None)``.

    y = gamma * (x - mean) / sqrt(var + eps) + beta per channel (Ioffe and Szegedy 2015).
    While ``config.train`` the statistics are those of the batch (over every axis but 1,
    or over ``axis``) and the persistents are updated in place:
    avg_mean <- decay avg_mean + (1 - decay) mean, the same for avg_var with the unbiased
    variance. Otherwise avg_mean and avg_var are used. avg_mean starts at 0, avg_var at 1.
    ``forward(x, finetune=True)`` averages all batches seen instead: it counts them in the
    persistent ``N`` and uses decay = 1 - 1/N (N stays 0 otherwise, as in Chainer).
    ``size`` is the channel count (or the shape of gamma); with ``size=None`` give ``axis``
    and the shape comes from the first input. x: (N, C) or (N, C, H, W).
    """

    gamma = None
    beta = None
    avg_mean = None
    avg_var = None

    def __init__(self, size=None, decay=0.9, eps=2e-5, dtype=None, use_gamma=True,
                 use_beta=True, initial_gamma=None, initial_beta=None, axis=None):
        super().__init__()
        if size is None and axis is None:
            raise RuntimeError('BatchNormalization needs size or axis')
        self.N = 0
        self.register_persistent('N')
        self.decay = decay
        self.eps = eps
        self.axis = (axis,) if isinstance(axis, int) else axis
        self._dtype = get_dtype(dtype, map_mixed16=numpy.float32)
        with self.init_scope():
            if use_gamma:
                self.gamma = Parameter(self._initializer(initial_gamma, 1))
            if use_beta:
                self.beta = Parameter(self._initializer(initial_beta, 0))
        if size is not None:
            self._initialize_params(size)

    def _initializer(self, value, default):
        initializer = initializers.get_initializer(default if value is None else value)
        initializer.dtype = self._dtype
        return initializer

    def _initialize_params(self, shape):
        shape = (shape,) if isinstance(shape, int) else tuple(shape)
        self.avg_mean = self.xp.zeros(shape, dtype=self._dtype)
        self.register_persistent('avg_mean')
        self.avg_var = self.xp.ones(shape, dtype=self._dtype)
        self.register_persistent('avg_var')
        for param in (self.gamma, self.beta):
            if param is not None:
                param.initialize(shape, self.xp)

    def start_finetuning(self):
        """Restart the batch count N, so ``forward(x, finetune=True)`` averages from here on."""
        self.N = 0

    def forward(self, x, finetune=False):
        """x: (N, C, ...) -> same shape."""
        if self.avg_mean is None:
            self._initialize_params([d for i, d in enumerate(x.shape) if i not in self.axis])
        gamma = self.gamma
        if gamma is None:
            gamma = self.xp.ones(self.avg_mean.shape, dtype=self._dtype)
        beta = self.beta
        if beta is None:
            beta = self.xp.zeros(self.avg_mean.shape, dtype=self._dtype)
        if not config.train:
            return F.fixed_batch_normalization(x, gamma, beta, self.avg_mean, self.avg_var,
                                               self.eps, axis=self.axis)
        decay = self.decay
        if finetune:
            self.N += 1
            decay = 1.0 - 1.0 / self.N
        return F.batch_normalization(x, gamma, beta, eps=self.eps, running_mean=self.avg_mean,
                                     running_var=self.avg_var, decay=decay, axis=self.axis)
