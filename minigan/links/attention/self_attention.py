"""SelfAttention: the non-local block of SAGAN (Zhang et al., "Self-Attention GANs", 2019).

Every position attends to every other one, so a layer can relate distant parts of an
image. For x (N, C, H, W) and n = H W positions, with 1x1 convolutions

    q = W_q x (N, C/8, n),  k = W_k x (N, C/8, n),  v = W_v x (N, C, n)
    A = softmax_j(q_i . k_j)  (N, n, n),   o_i = sum_j A_ij v_j,   y = x + gamma o

gamma starts at 0, so the block starts as the identity and learns how much to attend.
It is a composition of F ops (rule 4): no hand-written gradient.
"""
from minigan import functions as F
from minigan.core.parameter import Parameter
from minigan.link_hooks.spectral_normalization import SpectralNormalization
from minigan.links.connection.convolution_2d import Convolution2D
from minigan.links.link import Chain


class SelfAttention(Chain):
    """``SelfAttention(in_channels, ratio=8, sn=False, initialW=None)``.

    x (N, C, H, W) -> y (N, C, H, W). ``ratio`` divides C for the query and key channels
    (8 in the paper); ``sn=True`` adds SpectralNormalization to the three convolutions,
    as SAGAN does in both networks. Children: ``query``, ``key``, ``value``; parameter
    ``gamma`` (shape ()).
    """

    def __init__(self, in_channels, ratio=8, sn=False, initialW=None):
        super().__init__()
        inner = max(in_channels // ratio, 1)
        with self.init_scope():
            self.query = Convolution2D(in_channels, inner, 1, nobias=True, initialW=initialW)
            self.key = Convolution2D(in_channels, inner, 1, nobias=True, initialW=initialW)
            self.value = Convolution2D(in_channels, in_channels, 1, nobias=True,
                                       initialW=initialW)
            self.gamma = Parameter(0, shape=())
        if sn:
            for conv in (self.query, self.key, self.value):
                conv.add_hook(SpectralNormalization())

    def forward(self, x):
        """x: (N, C, H, W) -> (N, C, H, W)."""
        n, c, h, w = x.shape

        def positions(y):
            # NOTE: (N, C', H, W) -> (N, H*W, C'): free for channels-last y (a convolution's)
            return F.reshape(F.transpose(y, (0, 2, 3, 1)), (n, h * w, -1))
        q, k, v = positions(self.query(x)), positions(self.key(x)), positions(self.value(x))
        attention = F.softmax(F.matmul(q, k, transb=True), axis=2)  # (N, n, n): A_ij
        o = F.matmul(attention, v)  # (N, n, C): o_i = sum_j A_ij v_j
        o = F.transpose(F.reshape(o, (n, h, w, c)), (0, 3, 1, 2))  # channels-last, like x
        return x + F.broadcast_to(self.gamma, x.shape) * o
