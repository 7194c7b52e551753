"""The PGGAN training step: WGAN-GP with a drift term, on a schedule that grows the networks.

Before every update the schedule (``progressive.Schedule``) says which resolution is trained
and the fade-in weight alpha; both networks are set to that stage and alpha, and when the
resolution changes the dataset is replaced by the full-size uint8 images box-filtered once
to the new size. The critic minimizes (Karras et al. 2018, section A.1; Gulrajani et al. 2017)

    D(G(z)) - D(x) + lambda * (||grad D(x_hat)|| - 1)^2 + eps_drift * D(x)^2

with lambda = 10 and eps_drift = 0.001, and the generator -D(G(z)), one step each (n_critic
1): ``GANUpdater`` with the penalties {'gp': lambda, 'drift': eps_drift} and an optional
:class:`minigan.gan.ema.ExponentialMovingAverage` of G. The stage, alpha, images shown and
the average are part of the updater's state in snapshots; with the iteration they fix the
schedule, so a resume is exact.
"""
import numpy

from minigan import reporter
from minigan.gan import data
from minigan.gan.updaters import GANUpdater

_RESIZE_CHUNK = 256  # NOTE: images resized at a time, bounding the float64 temporary


def resize_all(images, resolution):
    """The uint8 (N, S, S, 3) images box-filtered to (N, resolution, resolution, 3)."""
    if images.shape[1] == resolution:
        return images
    return numpy.concatenate([data.resized(images[i:i + _RESIZE_CHUNK], resolution)
                              for i in range(0, len(images), _RESIZE_CHUNK)])


class PGGANUpdater(GANUpdater):
    """GAN updates that follow ``schedule`` through the resolutions of a growing G and D.

    iterator: a SerialIterator whose ``dataset`` and ``batch_size`` this updater replaces at
    each new resolution; images: the full-size uint8 (N, S, S, 3) training images (S at least
    the schedule's largest resolution); optimizer: {'gen': ..., 'dis': ...} over a
    ``pggan.Generator`` and ``pggan.Discriminator``; ema: an ExponentialMovingAverage of the
    generator or None. Reports ``stage``, ``resolution``, ``alpha``, ``images`` (thousands of
    images shown), ``loss/gen``, ``loss/dis``, ``loss/gp`` and ``loss/drift``.
    """

    def __init__(self, iterator, optimizer, schedule, images, ema=None, gp_lambda=10.0,
                 drift=0.001, flip=False, device=None, **kwargs):
        super().__init__(iterator, optimizer, loss='wgan-gp', n_dis=1,
                         penalties={'gp': gp_lambda, 'drift': drift}, ema=ema, device=device,
                         **kwargs)
        if images.shape[1] < schedule.max_size:
            raise ValueError('the images are %dx%d, smaller than the largest resolution %d'
                             % (images.shape[1], images.shape[2], schedule.max_size))
        self.schedule, self.images, self.flip = schedule, images, flip
        self.stage, self.alpha, self.images_shown = 0, 1.0, 0
        self.data_resolution = None

    def enter_phase(self):
        """Set both networks (and the data) to the stage and alpha of this iteration; at the
        first iteration of a phase, restart both optimizers (:meth:`reset_optimizers`)."""
        phase, alpha = self.schedule.at(self.iteration)
        if self.iteration > 0 and phase.index != self.schedule.at(self.iteration - 1)[0].index:
            self.reset_optimizers()
        if phase.resolution != self.data_resolution:
            iterator = self.get_iterator('main')
            iterator.dataset = data.ArrayImageDataset(
                resize_all(self.images, phase.resolution), flip=self.flip)
            iterator.batch_size = phase.batch_size
            self.data_resolution = phase.resolution
        self.stage, self.alpha = phase.stage, alpha
        self.gen.set_stage(phase.stage, alpha)
        self.dis.set_stage(phase.stage, alpha)
        return phase

    def reset_optimizers(self):
        """Forget every parameter's optimizer state and step count, as the official code does
        at each new level of detail (``reset_opt_for_new_lod``).

        The layers of a resolution not yet in use get zero gradients, yet their Adam step
        count keeps rising; when they join, the bias correction sqrt(1 - beta2^t) is spent
        while v is still near zero, and their first steps are up to 1 / sqrt(1 - beta2) = 10
        times alpha (6.3 times at t = 50). After a reset every first step is alpha again.
        """
        for optimizer in self.get_all_optimizers().values():
            for param in optimizer.target.params():
                rule = getattr(param, 'update_rule', None)
                if rule is not None:
                    rule.state, rule.t = None, 0

    def update_core(self):
        phase = self.enter_phase()
        super().update_core()
        self.images_shown += phase.batch_size
        reporter.report({'stage': self.stage, 'resolution': phase.resolution,
                         'alpha': self.alpha, 'images': self.images_shown / 1000})

    def serialize(self, serializer):
        super().serialize(serializer)
        self.stage = int(serializer('stage', self.stage))
        self.alpha = float(serializer('alpha', self.alpha))
        self.images_shown = int(serializer('images_shown', self.images_shown))
