"""SpectralNormalization: divide a link's weight by its largest singular value.

Miyato et al., "Spectral Normalization for Generative Adversarial Networks", ICLR 2018.
With W viewed as a matrix (rows = output units), sigma(W) is estimated by power
iteration from a persistent vector u, refined a little at every training call:

    v = W^T u / ||W^T u||,   u = W v / ||W v||,   sigma = u^T W v,   W_SN = W / sigma

u and v are treated as constants, so the gradient flows through W and through sigma's
dependence on W (as in the paper and Chainer).

NOTE: W_SN does not depend on the scale of W, but training does: Adam moves each weight by
about lr per step whatever its size, so W_SN turns by about lr / std(W) per step, and the
initializer's scale multiplies the learning rate (see minigan/gan/models/sagan.py).
"""
import numpy

from minigan import functions as F
from minigan.configuration import config
from minigan.core.parameter import Parameter
from minigan.link_hooks.link_hook import LinkHook


def _normalize(v, eps):
    return v / (v.dot(v) ** 0.5 + eps)


class SpectralNormalization(LinkHook):
    """``SpectralNormalization(n_power_iteration=1, eps=1e-6, use_gamma=False, factor=None,
    weight_name='W', name=None)``; attach with ``link.add_hook(SpectralNormalization())``.

    The link gets the persistent ``<weight_name>_u`` (``W_u``, shape (out_dim,)), saved in
    checkpoints as ``<link>/W_u``. For a deconvolution, whose W is (in, out, kh, kw), the
    output axis is 1. In training mode u is updated in place by ``n_power_iteration``
    steps; otherwise the same steps run on a copy and u is kept. ``use_gamma`` adds a
    learned scale ``gamma`` (initialized to sigma(W)); ``factor`` divides sigma.
    """

    name = 'SpectralNormalization'

    def __init__(self, n_power_iteration=1, eps=1e-6, use_gamma=False, factor=None,
                 weight_name='W', name=None):
        if n_power_iteration < 1:
            raise ValueError('n_power_iteration must be at least 1')
        self.n_power_iteration = n_power_iteration
        self.eps = eps
        self.use_gamma = use_gamma
        self.factor = factor
        self.weight_name = weight_name
        self.vector_name = weight_name + '_u'
        self.axis = 0
        self._initialized = False
        self._original_weight = None
        if name is not None:
            self.name = name

    def __enter__(self):
        raise NotImplementedError('SpectralNormalization is a per-link hook: use add_hook')

    def added(self, link):
        # NOTE: imported here because minigan.links imports this module (SelfAttention).
        from minigan.links.connection.deconvolution_2d import Deconvolution2D
        if not hasattr(link, self.weight_name):
            raise ValueError('%s has no weight %s to normalize'
                             % (type(link).__name__, self.weight_name))
        if isinstance(link, Deconvolution2D):
            self.axis = 1
        if getattr(link, self.weight_name).array is not None:
            self._prepare(link)

    def deleted(self, link):
        delattr(link, self.vector_name)
        if self.use_gamma:
            del link.gamma

    def _prepare(self, link, x=None):
        W = getattr(link, self.weight_name)
        if W.array is None:
            link._initialize_params_from(x)
        out_dim = W.shape[self.axis]
        # NOTE: drawn from NumPy's global generator, as Chainer does on the CPU.
        u = link.xp.asarray(numpy.random.normal(size=(out_dim,))).astype(W.dtype)
        link.add_persistent(self.vector_name, u)
        if self.use_gamma:
            s = link.xp.linalg.svd(self._matrix(W.array), compute_uv=False)
            with link.init_scope():
                link.gamma = Parameter(link.xp.asarray(s[0]).reshape(()))
        self._initialized = True

    def _matrix(self, W):
        """W as (out_dim, rest): the output axis first, the others flattened."""
        if self.axis != 0:
            axes = [self.axis] + [i for i in range(W.ndim) if i != self.axis]
            W = W.transpose(axes)
        return W.reshape(W.shape[0], -1)

    def _stacked(self, shape):
        """The shape (L, out_dim, R) that W takes without a copy, with row o of the matrix
        ``_matrix(W)`` equal to W[:, o, :] flattened: L = 1 when the output axis is first,
        L = in_channels for a deconvolution's (in, out, kh, kw)."""
        if self.axis == 0:
            return (1, shape[0], -1)
        return (shape[0], shape[1], -1)

    def normalized_weight(self, link):
        """W / sigma(W) as a Variable; updates u in place while ``config.train``."""
        W = getattr(link, self.weight_name)
        u = getattr(link, self.vector_name)
        # NOTE: the matrix products below read W in place: a deconvolution's W is never
        # copied into (out, in*kh*kw) order, neither here nor in the graph of sigma
        W3 = F.reshape(W, self._stacked(W.shape))
        xp = W.xp
        for _ in range(self.n_power_iteration):
            v = _normalize(xp.matmul(u, W3.array).ravel(), self.eps)           # W^T u
            v3 = v.reshape(W3.shape[0], -1, 1)
            u = _normalize(xp.matmul(W3.array, v3)[..., 0].sum(axis=0), self.eps)  # W v
        sigma = F.sum(F.matmul(F.matmul(u[None, None, :], W3), v3))  # u^T W v
        if self.factor is not None:
            sigma = sigma / self.factor
        if config.train:
            getattr(link, self.vector_name)[...] = u
        W_sn = W / sigma
        return link.gamma * W_sn if self.use_gamma else W_sn

    def forward_preprocess(self, cb_args):
        link = cb_args.link
        if not self._initialized:
            self._prepare(link, cb_args.args[0])
        self._original_weight = getattr(link, self.weight_name)
        setattr(link, self.weight_name, self.normalized_weight(link))

    def forward_postprocess(self, cb_args):
        setattr(cb_args.link, self.weight_name, self._original_weight)
        self._original_weight = None
