"""Linear: the fully connected layer, y = x W^T + b, with a lazily inferred input size."""
import numpy

from minigan import functions as F
from minigan import initializers
from minigan.core.parameter import Parameter
from minigan.links.link import Link


class Linear(Link):
    """``Linear(in_size, out_size=None, nobias=False, initialW=None, initial_bias=None)``.

    y = x W^T + b with W (out_size, in_size) and b (out_size,). ``Linear(out_size)`` or
    ``Linear(None, out_size)`` infers in_size at the first call; an input (N, ...) with more
    than two axes is flattened to (N, in_size). initialW defaults to LeCunNormal, the bias
    to 0 (Chainer's defaults).
    """

    def __init__(self, in_size, out_size=None, nobias=False, initialW=None, initial_bias=None):
        super().__init__()
        if out_size is None:
            in_size, out_size = None, in_size
        self.in_size = in_size
        self.out_size = out_size
        with self.init_scope():
            self.W = Parameter(initializers.get_initializer(initialW))
            if in_size is not None:
                self._initialize_params(in_size)
            if nobias:
                self.b = None
            else:
                bias = initializers.get_initializer(0 if initial_bias is None else initial_bias)
                self.b = Parameter(bias, out_size)

    def _initialize_params(self, in_size):
        self.W.initialize((self.out_size, in_size), self.xp)

    def _initialize_params_from(self, x):
        self._initialize_params(int(numpy.prod(x.shape[1:])))

    def forward(self, x, n_batch_axes=1):
        """x: (N, ...) -> (N, out_size)."""
        if self.W.array is None:
            self._initialize_params(int(numpy.prod(x.shape[n_batch_axes:])))
        return F.linear(x, self.W, self.b, n_batch_axes=n_batch_axes)
