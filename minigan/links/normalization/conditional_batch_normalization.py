"""ConditionalBatchNormalization: batch norm whose scale and shift depend on a class label."""
from minigan import functions as F
from minigan import initializers
from minigan.core.variable import as_variable
from minigan.links.connection.embed_id import EmbedID
from minigan.links.link import Chain
from minigan.links.normalization.batch_normalization import BatchNormalization


class ConditionalBatchNormalization(Chain):
    """``ConditionalBatchNormalization(size, n_classes, decay=0.9, eps=2e-5)``.

    y = gamma[c] * (x - mean) / sqrt(var + eps) + beta[c]: one (gamma, beta) pair per class c,
    rows of two EmbedID tables (gamma starting at 1, beta at 0), over statistics shared by all
    classes (de Vries et al. 2017, "Modulating early visual processing by language";
    Miyato and Koyama 2018, "cGANs with Projection Discriminator", the generator's
    categorical conditional batch norm).

    forward(x, c): x (N, size, ...); c either int labels (N,) or float class weights (N,
    n_classes) whose rows sum to 1, which blend the classes' gamma and beta (for morphing
    from one class to another).
    """

    def __init__(self, size, n_classes, decay=0.9, eps=2e-5):
        super().__init__()
        self.size, self.n_classes = size, n_classes
        with self.init_scope():
            self.bn = BatchNormalization(size, decay=decay, eps=eps, use_gamma=False,
                                         use_beta=False)
            self.gamma = EmbedID(n_classes, size, initialW=initializers.One())
            self.beta = EmbedID(n_classes, size, initialW=initializers.Zero())

    def forward(self, x, c):
        h = self.bn(x)
        c = getattr(c, 'array', c)
        if c.ndim == 2:        # (N, n_classes) weights: a blend of the classes' rows
            gamma = F.matmul(as_variable(c.astype(h.dtype)), self.gamma.W)
            beta = F.matmul(as_variable(c.astype(h.dtype)), self.beta.W)
        else:                  # (N,) int labels
            gamma, beta = self.gamma(c), self.beta(c)
        shape = (len(x), self.size) + (1,) * (x.ndim - 2)
        gamma = F.broadcast_to(F.reshape(gamma, shape), h.shape)
        beta = F.broadcast_to(F.reshape(beta, shape), h.shape)
        return gamma * h + beta
