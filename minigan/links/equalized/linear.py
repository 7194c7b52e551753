"""EqualizedLinear: a Linear layer with the equalized learning rate of PGGAN.

Karras et al., "Progressive Growing of GANs", ICLR 2018, section 4.1: weights are drawn
from N(0, 1) and scaled at run time by the He constant c = gain / sqrt(fan_in), so
Adam's scale-free steps change every layer at the same relative speed.
"""
import math

from minigan import functions as F
from minigan import initializers
from minigan.links.connection.linear import Linear


class EqualizedLinear(Linear):
    """``EqualizedLinear(in_size, out_size=None, nobias=False, initial_bias=None,
    gain=sqrt(2))``.

    y = x (c W)^T + b with W ~ N(0, 1) of shape (out_size, in_size), c = gain / sqrt(in_size)
    (the attribute ``scale``, None until in_size is known) and b = 0 by default.
    """

    def __init__(self, in_size, out_size=None, nobias=False, initial_bias=None,
                 gain=math.sqrt(2)):
        super().__init__(in_size, out_size, nobias, initializers.Normal(1.0), initial_bias)
        self.gain = gain

    @property
    def scale(self):
        """The He constant gain / sqrt(fan_in), fan_in = in_size."""
        if self.W.array is None:
            return None
        return self.gain / math.sqrt(self.W.shape[1])

    def forward(self, x):
        """x: (N, ...) -> (N, out_size)."""
        if self.W.array is None:
            self._initialize_params_from(x)
        return F.linear(x, self.W * self.scale, self.b)
