"""GAN objectives, written as compositions of minigan functions.

``y_real`` and ``y_fake`` are the discriminator's raw outputs (logits or critic values),
shape (N, 1). Every loss is a mean over the batch.

| name       | discriminator / critic minimizes                     | generator minimizes     |
| ---------- | ---------------------------------------------------- | ----------------------- |
| minimax    | softplus(-y_real) + softplus(y_fake)                 | -softplus(y_fake)       |
| ns         | same as minimax                                      | softplus(-y_fake)       |
| lsgan      | (y_real - 1)^2 / 2 + y_fake^2 / 2                    | (y_fake - 1)^2 / 2      |
| hinge      | relu(1 - y_real) + relu(1 + y_fake)                  | -y_fake                 |
| wgan-gp    | y_fake - y_real + lambda * gradient penalty          | -y_fake                 |

Penalties are extra terms of the discriminator's loss, added with a weight by the updater
(``GANUpdater(penalties={'gp': 10.0, 'drift': 0.001})``); ``PENALTIES`` names them.

minimax and ns: Goodfellow et al. 2014, "Generative Adversarial Nets" (log D(x) =
-softplus(-y), log(1 - D(x)) = -softplus(y)). lsgan: Mao et al. 2017, "Least Squares
Generative Adversarial Networks", eq. 2 with a=0, b=c=1. hinge: Lim & Ye 2017, used by
SAGAN (Zhang et al. 2019, eq. 4). wgan-gp: Gulrajani et al. 2017, "Improved Training of
Wasserstein GANs", algorithm 1.
"""
import numpy

import minigan
from minigan import functions as F

LOSSES = ('ns', 'minimax', 'lsgan', 'hinge', 'wgan-gp')
GP_LAMBDA = 10.0  # NOTE: the gradient penalty's weight in Gulrajani et al. 2017 and PGGAN
NORM_EPS = 1e-12  # NOTE: keeps sqrt differentiable where a gradient is exactly zero


def dis_loss(kind, y_real, y_fake):
    """The discriminator's (critic's) loss without any penalty term."""
    if kind in ('ns', 'minimax'):
        return F.mean(F.softplus(-y_real)) + F.mean(F.softplus(y_fake))
    if kind == 'lsgan':
        return 0.5 * F.mean(F.square(y_real - 1.0)) + 0.5 * F.mean(F.square(y_fake))
    if kind == 'hinge':
        return F.mean(F.relu(1.0 - y_real)) + F.mean(F.relu(1.0 + y_fake))
    if kind == 'wgan-gp':
        return F.mean(y_fake) - F.mean(y_real)
    raise ValueError('unknown loss %r; choose one of %s' % (kind, ', '.join(LOSSES)))


def gen_loss(kind, y_fake):
    """The generator's loss on the discriminator's output for generated images."""
    if kind == 'ns':
        return F.mean(F.softplus(-y_fake))
    if kind == 'minimax':
        return -F.mean(F.softplus(y_fake))
    if kind == 'lsgan':
        return 0.5 * F.mean(F.square(y_fake - 1.0))
    if kind in ('hinge', 'wgan-gp'):
        return -F.mean(y_fake)
    raise ValueError('unknown loss %r; choose one of %s' % (kind, ', '.join(LOSSES)))


def gradient_penalty(dis, x_real, x_fake, xp=numpy):
    """WGAN-GP penalty E[(||grad_x D(x_hat)||_2 - 1)^2] at random interpolates x_hat.

    x_hat = eps * x_real + (1 - eps) * x_fake with eps ~ U(0, 1) per example (Gulrajani et
    al. 2017, eq. 3). The gradient is taken with ``enable_double_backprop=True`` so the
    penalty itself can be differentiated with respect to D's weights. ``x_real`` and
    ``x_fake`` are raw arrays (N, C, H, W).
    """
    n = len(x_real)
    eps = xp.asarray(numpy.random.uniform(size=(n,) + (1,) * (x_real.ndim - 1)),
                     dtype=x_real.dtype)
    x_hat = minigan.Variable(eps * x_real + (1 - eps) * x_fake)
    g, = minigan.grad([dis(x_hat)], [x_hat], enable_double_backprop=True)
    norm = F.sqrt(F.sum(F.square(g), axis=tuple(range(1, g.ndim))) + NORM_EPS)
    return F.mean(F.square(norm - 1.0))


def drift_penalty(y_real):
    """PGGAN's drift term E[D(x)^2] (Karras et al. 2018, section A.1), keeps D near 0."""
    return F.mean(F.square(y_real))


# NOTE: every penalty is called as f(dis, x_real, x_fake, y_real, y_fake) and returns a scalar
PENALTIES = {
    'gp': lambda dis, x_real, x_fake, y_real, y_fake: gradient_penalty(
        dis, x_real, x_fake, dis.xp),
    'drift': lambda dis, x_real, x_fake, y_real, y_fake: drift_penalty(y_real),
}
