"""The GAN training step as a StandardUpdater: n_dis discriminator steps, then one generator step.

Every random number (the latent batch z, the penalty's interpolation weights) is drawn from
numpy's global generator on the host, so a run seeded with ``numpy.random.seed`` and resumed
from a snapshot (which stores that generator's state) repeats bit for bit on the CPU.
"""
import minigan
from minigan import reporter
from minigan.gan import losses
from minigan.training import StandardUpdater


class GANUpdater(StandardUpdater):
    """Alternating updates of ``gen`` and ``dis`` with one of ``losses.LOSSES``.

    iterator: yields batches of real images (N, C, H, W) float32 in [-1, 1];
    optimizer: {'gen': Optimizer, 'dis': Optimizer}; ``gp_lambda``: weight of the gradient
    penalty (used by 'wgan-gp'); ``augment``: an optional differentiable function applied to
    real and fake batches before D (DiffAugment). Reports ``loss/dis``, ``loss/gen`` and,
    for WGAN-GP, ``loss/gp``.
    """

    def __init__(self, iterator, optimizer, loss='ns', n_dis=1, gp_lambda=10.0,
                 augment=None, device=None, converter=None, **kwargs):
        if converter is not None:
            kwargs['converter'] = converter
        super().__init__(iterator, optimizer, device=device, **kwargs)
        self.loss, self.n_dis, self.gp_lambda, self.augment = loss, n_dis, gp_lambda, augment
        if loss not in losses.LOSSES:
            raise ValueError('unknown loss %r; choose one of %s'
                             % (loss, ', '.join(losses.LOSSES)))

    @property
    def gen(self):
        return self.get_optimizer('gen').target

    @property
    def dis(self):
        return self.get_optimizer('dis').target

    def real_batch(self):
        batch = self.get_iterator('main').next()
        return self.converter(batch, self.device)

    def fake_batch(self, n, backprop):
        xp = self.gen.xp
        z = xp.asarray(self.gen.make_hidden(n))
        if backprop:
            return self.gen(z)
        with minigan.no_backprop_mode():
            return self.gen(z)

    def discriminate(self, x):
        return self.dis(self.augment(x) if self.augment is not None else x)

    def update_core(self):
        gen_opt, dis_opt = self.get_optimizer('gen'), self.get_optimizer('dis')
        for _ in range(self.n_dis):
            x_real = self.real_batch()
            x_fake = self.fake_batch(len(x_real), backprop=False).array
            loss_dis = self.dis_step_loss(x_real, x_fake)
            self.dis.cleargrads()
            loss_dis.backward()
            dis_opt.update()
            loss_dis.unchain_backward()
        x_fake = self.fake_batch(len(x_real), backprop=True)
        loss_gen = losses.gen_loss(self.loss, self.discriminate(x_fake))
        self.gen.cleargrads()
        loss_gen.backward()
        gen_opt.update()
        loss_gen.unchain_backward()
        reporter.report({'loss/gen': loss_gen.array, 'loss/dis': loss_dis.array})

    def dis_step_loss(self, x_real, x_fake):
        """D's loss on one real and one (constant) fake batch, plus the penalties in use."""
        y_real = self.discriminate(x_real)
        y_fake = self.discriminate(x_fake)
        loss = losses.dis_loss(self.loss, y_real, y_fake)
        if self.loss == 'wgan-gp':
            gp = losses.gradient_penalty(self.dis, x_real, x_fake, self.dis.xp)
            reporter.report({'loss/gp': gp.array})
            loss = loss + self.gp_lambda * gp
        return loss
