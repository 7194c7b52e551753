"""PGGAN's growing schedule: which resolution, phase and fade-in weight at each iteration.

Training starts at 4x4 and doubles the resolution up to ``max_size``. Every new resolution is
first *faded in* (its blending weight alpha rises linearly from 0 to 1) and then *stabilized*
(alpha = 1); the 4x4 start has only a stabilizing phase. Each phase lasts ``images_per_phase``
training images (800k in the paper), so a phase at batch size B lasts ceil(images / B)
iterations. The schedule is a pure function of the iteration, which makes resuming in the
middle of a fade-in exact: Karras et al. 2018, "Progressive Growing of GANs for Improved
Quality, Stability, and Variation", sections 3 and A.1.

    4x4 stable | 8x8 fade | 8x8 stable | 16x16 fade | 16x16 stable | ...
"""
import collections
import math

SIZES = (4, 8, 16, 32, 64, 128, 256, 512, 1024)

#: Images per minibatch by resolution; section A.1: 16 up to 128x128, then 14, 6, 3.
PAPER_BATCH_SIZES = {4: 16, 8: 16, 16: 16, 32: 16, 64: 16, 128: 16, 256: 14, 512: 6, 1024: 3}
PAPER_IMAGES_PER_PHASE = 800000

#: The --quick preset: a CPU-sized run that still goes through every fade-in. Its phases are
#: 150 iterations long, so the generator average must forget faster than the paper's 0.999
#: (a half-life of ~700 iterations would still be mostly the random initialization).
#: ``augment`` replaces --augment auto: in runs this short DiffAugment slows D down more than
#: it guards against memorizing (see CPU).
QUICK = dict(max_size=32, images_per_phase=2400, batch_size=16, ch=32, z_dim=64,
             ema_decay=0.95, augment='off')

#: The CPU default of train_pggan.py (chosen when no GPU is given): the bundled faces grown to
#: 64x64 in under ten minutes on two cores. A 64x64 iteration costs about five 32x32 ones
#: (ch 32, measured with benchmarks/iteration.py's updater), so the low resolutions, where
#: the faces take shape, get the most images and 64x64 only sharpens them, at half the batch.
#: No augmentation: on the 118 bundled faces, grown to 16x16 with this schedule (seed 0), the
#: samples were faces with eyes and mouths without it and yellow blobs with DiffAugment.
CPU = dict(max_size=64, ch=32, z_dim=64, ema_decay=0.99, augment='off',
           images_per_phase={4: 2400, 8: 4800, 16: 4800, 32: 4800, 64: 1200, 128: 1200,
                             256: 1200, 512: 1200, 1024: 1200},
           batch_size={4: 16, 8: 16, 16: 16, 32: 16, 64: 8, 128: 4, 256: 2, 512: 1, 1024: 1})

Phase = collections.namedtuple('Phase', 'index stage resolution kind start iterations batch_size')
Phase.__doc__ = """One phase: ``kind`` is 'fade' or 'stable'; ``start`` is its first iteration."""


def stage_of(resolution):
    """The stage index of a resolution: 4 -> 0, 8 -> 1, ..., 256 -> 6."""
    if resolution not in SIZES:
        raise ValueError('PGGAN resolutions are powers of two from 4 to 1024, got %r'
                         % (resolution,))
    return SIZES.index(resolution)


class Schedule:
    """The phases from 4x4 to ``max_size``, each ``images_per_phase`` images long.

    ``images_per_phase`` and ``batch_size``: an int for every resolution, or a dict
    {resolution: value} (default batch sizes: the paper's). ``at(iteration)`` returns (phase,
    alpha) for the update that iteration performs; alpha = images already shown in a fade phase
    / images in the phase.
    """

    def __init__(self, max_size=256, images_per_phase=PAPER_IMAGES_PER_PHASE, batch_size=None):
        last = stage_of(max_size)
        if batch_size is None:
            batch_size = PAPER_BATCH_SIZES
        if isinstance(batch_size, int):
            batch_size = {res: batch_size for res in SIZES}
        images = images_per_phase
        if isinstance(images, int):
            images = {res: images for res in SIZES}
        if min(images[SIZES[s]] for s in range(last + 1)) < 1:
            raise ValueError('images_per_phase must be positive, got %r' % (images_per_phase,))
        self.max_size, self.images_per_phase = max_size, images_per_phase
        self.batch_sizes = {SIZES[s]: batch_size[SIZES[s]] for s in range(last + 1)}
        self.phases = []
        start = 0
        for stage in range(last + 1):
            resolution = SIZES[stage]
            bs = self.batch_sizes[resolution]
            n = math.ceil(images[resolution] / bs)
            for kind in (('stable',) if stage == 0 else ('fade', 'stable')):
                self.phases.append(Phase(len(self.phases), stage, resolution, kind, start, n,
                                         bs))
                start += n
        self.total_iterations = start

    @property
    def max_batch_size(self):
        return max(self.batch_sizes.values())

    def at(self, iteration):
        """(Phase, alpha) of update number ``iteration`` (0-based); past the end: the last."""
        phase = self.phases[-1]
        for p in self.phases:
            if iteration < p.start + p.iterations:
                phase = p
                break
        if phase.kind == 'stable':
            return phase, 1.0
        return phase, min(1.0, (iteration - phase.start) / phase.iterations)

    def images_shown(self, iteration):
        """How many training images the first ``iteration`` updates have used."""
        total = 0
        for p in self.phases:
            total += p.batch_size * max(0, min(iteration - p.start, p.iterations))
        return total

    def describe(self):
        """One line per phase: resolution, kind, iterations, batch size."""
        return '\n'.join('  %4dx%-4d %-6s %7d iterations x %d images' % (
            p.resolution, p.resolution, p.kind, p.iterations, p.batch_size) for p in self.phases)


def channels(resolution, ch=512):
    """Feature maps at ``resolution``: min(ch, 16384 / resolution), Table 2 of the paper.

    With ch=512: 512 for 4x4 to 32x32, then 256, 128, 64, 32, 16 at 64x64 ... 1024x1024.
    """
    return max(1, min(ch, 16384 // resolution))
