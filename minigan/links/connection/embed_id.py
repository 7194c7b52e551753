"""EmbedID: a lookup table of learned vectors, one row per integer id."""
from minigan import functions as F
from minigan import initializers
from minigan.core.parameter import Parameter
from minigan.links.link import Link


class EmbedID(Link):
    """``EmbedID(in_size, out_size, initialW=None, ignore_label=None)``.

    y[..., :] = W[x[...], :] with W (in_size, out_size) drawn from N(0, 1) by default; ids
    equal to ``ignore_label`` map to zero vectors. The class embedding of the projection
    discriminator (Miyato and Koyama 2018) and of conditional SAGAN.
    """

    def __init__(self, in_size, out_size, initialW=None, ignore_label=None):
        super().__init__()
        self.ignore_label = ignore_label
        with self.init_scope():
            if initialW is None:
                initialW = initializers.Normal(1.0)
            self.W = Parameter(initialW, (in_size, out_size))

    def forward(self, x):
        """x: int array of any shape -> x.shape + (out_size,)."""
        return F.embed_id(x, self.W, ignore_label=self.ignore_label)
