"""An exponential moving average of a model's weights, for sampling from a steadier generator.

After every generator step, each parameter's running copy moves a little towards it:

    ema = decay * ema + (1 - decay) * param        (decay 0.999 in PGGAN and BigGAN)

The averaged generator draws visibly cleaner images than the raw one, whose weights jitter
from step to step (Karras et al. 2018, "Progressive Growing of GANs", section 4.1 end; Yazici
et al. 2019, "The Unusual Effectiveness of Averaging in GAN Training").
"""


class ExponentialMovingAverage:
    """Keeps ``self.model``, a deep copy of ``target`` whose weights follow an EMA of target's.

    ``update()`` averages every parameter and every floating-point array persistent (batch
    norm statistics, a spectral norm's ``u``); Python scalars and integer persistents (counters,
    PGGAN's ``stage`` and ``alpha``) are copied, since averaging them means nothing.
    A parameter whose array does not exist yet (a lazily initialized link) is skipped and
    copied once it does. ``serialize`` saves and loads the averaged model, so resuming
    continues the same average. Give it to the updater, which updates it after every generator
    step and saves it with its own state: ``GANUpdater(..., ema=ExponentialMovingAverage(gen))``.
    """

    def __init__(self, target, decay=0.999):
        if not 0.0 <= decay < 1.0:
            raise ValueError('decay must be in [0, 1), got %r' % (decay,))
        self.target, self.decay = target, decay
        self.model = target.copy(mode='copy')

    def update(self):
        """ema = decay * ema + (1 - decay) * param, for all parameters and float persistents."""
        params = dict(self.target.namedparams())
        for name, p in self.model.namedparams():
            src = params[name].array
            if src is None:
                continue
            if p.array is None or p.array.shape != src.shape:
                p.array = src.copy()
            else:
                p.array *= self.decay
                p.array += (1 - self.decay) * src
        targets = dict(self.target.namedlinks())
        for name, link in self.model.namedlinks():
            source = targets[name]
            for key in link._persistent:
                value = getattr(source, key)
                mine = getattr(link, key)
                if getattr(mine, 'ndim', 0) > 0 and mine.dtype.kind == 'f':
                    mine *= self.decay
                    mine += (1 - self.decay) * value
                elif hasattr(value, 'copy'):
                    setattr(link, key, value.copy())
                else:
                    setattr(link, key, value)

    def serialize(self, serializer):
        self.model.serialize(serializer['model'])
