"""Quality during training: every few iterations, score samples against the training images.

``QualityMonitor`` generates ``--eval-samples`` images from one fixed latent batch, scores them
with :mod:`minigan.gan.metrics` against (up to 1000 of) the training images and

* reports ``quality/fd``, ``quality/precision``, ... so that they appear in ``log``;
* redraws ``quality.png`` (the Frechet distance, and the 0-to-1 scores) and ``nearest.png``
  (the samples nearest to a training image);
* keeps ``gen_best.npz``, the generator with the lowest fd so far (``generate.py --best``);
* raises the collapse alarm: when duplicates climb past ``DUPLICATES_ALARM`` or diversity
  falls below ``DIVERSITY_ALARM``, the progress line and the log say so, with remedies. Until
  the samples have once been varied it waits for ``WARM_UP`` (half) of the run, since a
  generator that is still learning makes look-alike samples too (a DCGAN on the bundled faces
  has 40% near-twins at iteration 300 of 1500, and far fewer later).

By default it scores at every sample grid, but skips a turn whenever scoring would take more
than ``BUDGET`` (5%) of the training time so far (the first scoring is guessed to take
``FIRST_COST_GUESS``, so a run of a few seconds is never scored); an explicit ``--eval-every``
is always honoured, and then the last iteration is scored too. Scoring never draws from
numpy's global random generator, so a run trains the same with or without it.
"""
import argparse
import io
import json
import os
import time

import numpy
from PIL import Image

import minigan
from minigan import reporter, serializers
from minigan.gan import metrics, sampling
from minigan.gan.metrics.sheet import nearest_sheet
from minigan.training import extension
from minigan.training.extensions import _pil_plot

SAMPLES = 256
MAX_REAL = 1000
BUDGET = 0.05
FIRST_COST_GUESS = 2.0  # NOTE: seconds; a few hundred samples and images on a 2-core CPU
EVAL_SEED_OFFSET = 54321  # NOTE: not the sample grids' latents, which the model is shown more
DUPLICATES_ALARM = 0.3
DIVERSITY_ALARM = 0.5
WARM_UP = 0.5  # NOTE: of the run; an untrained G's samples all look alike, which is no collapse
REMEDIES = ('DiffAugment or ADA (--augment), a larger latent (--z-dim), a lower learning rate for '
            'D, more training images')
LOGGED = ('fd', 'kd', 'precision', 'recall', 'density', 'coverage', 'diversity', 'duplicates',
          'memorized', 'memorized_pixels')
PLOTTED = ('precision', 'recall', 'coverage', 'diversity', 'duplicates', 'memorized')
SHEET_ROWS = 32


def add_arguments(parser):
    add = parser.add_argument
    # NOTE: argparse %-formats help texts itself, so a percent sign must reach it as %%
    add('--eval-every', type=_count(0), default=None,
        help='iterations between quality scores (default: at each sample grid, kept under '
             '%d%%%% of the training time; 0: never)' % round(100 * BUDGET))
    add('--eval-samples', type=_count(2), default=SAMPLES, help='samples scored each time')


def _count(least):
    def parse(text):
        try:
            value = int(text)
        except ValueError:
            value = None
        if value is None or value < least:
            raise argparse.ArgumentTypeError('expected a whole number >= %d, got %r'
                                             % (least, text))
        return value
    return parse


def attach(trainer, args, gen, notes=None):
    """Add a QualityMonitor as the options ask (none with --eval-every 0); return it."""
    if args.eval_every == 0:
        return None
    default = args.eval_every is None
    monitor = QualityMonitor(gen, args.sample_every if default else args.eval_every,
                             args.eval_samples, BUDGET if default else None,
                             final_size=args.size, seed=args.seed, notes=notes)
    trainer.extend(monitor, name='quality')
    return monitor


def collapse_alarm(scores):
    """A sentence when ``scores`` look like mode collapse, else None."""
    signs = []
    if scores['duplicates'] > DUPLICATES_ALARM:
        signs.append('%d%% of samples have a near-identical twin' % round(
            100 * scores['duplicates']))
    if scores['diversity'] < DIVERSITY_ALARM:
        signs.append('diversity is %.2f of the data\'s' % scores['diversity'])
    if not signs:
        return None
    return 'mode collapse? %s. Try %s.' % (' and '.join(signs), REMEDIES)


class QualityMonitor(extension.Extension):
    """Score ``gen`` (or the updater's moving average of it) every ``every`` iterations.

    budget: skip a turn when scoring would exceed this fraction of the training time (None:
    never skip); final_size: only samples of this side compete for ``gen_best.npz`` (PGGAN's
    smaller stages do not); notes: a :class:`LogNotes` that carries the alarm into ``log``.
    """

    priority = extension.PRIORITY_WRITER

    def __init__(self, gen, every, n_samples=SAMPLES, budget=None, final_size=None, seed=0,
                 notes=None, max_real=MAX_REAL):
        self.gen, self.every, self.n_samples, self.budget = gen, every, n_samples, budget
        self.final_size, self.seed, self.notes, self.max_real = final_size, seed, notes, max_real
        self.history, self.best, self.seconds, self.skipped, self.alarm = [], None, 0.0, 0, None
        self._reference = self._real = self._key = None
        self._last_cost = 0.0
        self._train_seconds = 0.0
        self._finished = False  # NOTE: the summary is printed at the end, not at a rollback

    def __call__(self, trainer):
        iteration = trainer.updater.iteration
        length, unit = trainer.stop_trigger.get_training_length()
        last = unit == 'iteration' and iteration >= length
        self._finished = last
        if iteration % self.every and not (last and self.budget is None):
            return
        self._train_seconds = trainer.elapsed_time - self.seconds
        if self.budget is not None:
            expected = self._last_cost or FIRST_COST_GUESS
            if self.seconds + expected > self.budget * self._train_seconds:
                self.skipped += 1
                return
        start = time.perf_counter()
        state = numpy.random.get_state()
        try:
            self.score(trainer)
        finally:
            numpy.random.set_state(state)
        self._last_cost = time.perf_counter() - start
        self.seconds += self._last_cost
        self.history[-1]['seconds'] = self._last_cost
        reporter.report({'quality/seconds': self.seconds,
                         'quality/overhead': self.seconds / max(self._train_seconds, 1e-9)})

    def model(self, trainer):
        ema = getattr(trainer.updater, 'ema', None)
        return ema.model if ema is not None else self.gen

    def score(self, trainer):
        """Score one batch of samples now; update the log, the plots, the best and alarms."""
        iteration = trainer.updater.iteration
        reference, real = self.reference(trainer.updater.get_iterator('main').dataset)
        fake = self.generate(self.model(trainer))
        scores, (index, distance, suspicion) = reference.compare(fake, neighbours=3)
        # NOTE: the log line comes at the next --log-every iteration, which need not be this one
        reporter.report(dict({'quality/' + k: scores[k] for k in LOGGED},
                             **{'quality/iteration': iteration}))
        self.history.append(dict({k: scores[k] for k in LOGGED}, iteration=iteration,
                                 size=int(fake.shape[-1])))
        if self.final_size in (None, fake.shape[-1]) and (
                self.best is None or scores['fd'] < self.best['fd']):
            self.best = {'iteration': iteration, 'fd': scores['fd']}
            serializers.save_npz(os.path.join(trainer.out, 'gen_best.npz'), self.model(trainer))
        length, unit = trainer.stop_trigger.get_training_length()
        done = iteration if unit == 'iteration' else trainer.updater.epoch_detail
        self.raise_alarm(scores, iteration, done / length)
        draw_quality(os.path.join(trainer.out, 'quality.png'), self.history, self.best)
        sheet = nearest_sheet(sampling.to_uint8(fake), real, index, distance, suspicion,
                              rows=SHEET_ROWS)
        sampling.save_grid(os.path.join(trainer.out, 'nearest.png'), sheet[None], padding=0)

    def reference(self, dataset):
        """The Reference of (up to ``max_real`` of) the images ``dataset`` now holds."""
        key = (id(dataset), len(dataset))
        if key != self._key:
            pick = numpy.random.default_rng(self.seed).permutation(len(dataset))[:self.max_real]
            pick = numpy.sort(pick)
            images = getattr(dataset, 'images', None)
            if isinstance(images, numpy.ndarray) and images.dtype == numpy.uint8:
                real = images[pick]
            else:
                items = [dataset[int(i)] for i in pick]
                real = numpy.stack([item[0] if isinstance(item, tuple) else item
                                    for item in items])
            self._reference = metrics.Reference(real)
            self._real = real if real.dtype == numpy.uint8 else sampling.to_uint8(real)
            self._key = key
        return self._reference, self._real

    def generate(self, gen, batch_size=64):
        z = gen.make_hidden(self.n_samples, numpy.random.RandomState(self.seed +
                                                                     EVAL_SEED_OFFSET))
        out = []
        with minigan.using_config('train', False), minigan.no_backprop_mode():
            for i in range(0, len(z), batch_size):
                x = gen(gen.xp.asarray(z[i:i + batch_size])).array
                out.append(minigan.backend.to_cpu(x))
        return numpy.concatenate(out)

    def raise_alarm(self, scores, iteration, progress):
        """Set the alarm from ``scores``; ``progress``: the fraction of the run done."""
        alarm = collapse_alarm(scores)
        varied_before = any(collapse_alarm(h) is None for h in self.history[:-1])
        if progress < WARM_UP and not varied_before:
            alarm = None
        if alarm and not self.alarm:
            print('\nquality at iteration %d: %s' % (iteration, alarm))
        elif self.alarm and not alarm:
            print('\nquality at iteration %d: the collapse alarm is over' % iteration)
        self.alarm = alarm and 'iteration %d: %s' % (iteration, alarm)
        if alarm and self.notes is not None:
            self.notes.add('alarm', alarm)

    def status(self, trainer=None):
        """One line for the progress bar: the latest scores, or the alarm in words."""
        if self.alarm:
            return 'ALARM ' + self.alarm
        if not self.history:
            return 'quality: first scores at iteration %d' % self.every
        h = self.history[-1]
        best = (' (best %.4g @%d)' % (self.best['fd'], self.best['iteration'])
                if self.best else '')
        return ('quality @%d: fd %.4g%s precision %.2f recall %.2f coverage %.2f diversity '
                '%.2f duplicates %.2f memorized %.2f' % (
                    h['iteration'], h['fd'], best, h['precision'], h['recall'], h['coverage'],
                    h['diversity'], h['duplicates'], h['memorized']))

    def finalize(self):
        if not self.history or not self._finished:
            return
        line = 'quality: %d scorings took %.1f s, %.1f%% of the training time' % (
            len(self.history), self.seconds, 100 * self.seconds / max(self._train_seconds, 1e-9))
        if self.skipped:
            line += ' (%d skipped to stay under %d%%)' % (self.skipped, round(100 * self.budget))
        if self.best:
            line += '; best fd %.4g at iteration %d, saved as gen_best.npz' % (
                self.best['fd'], self.best['iteration'])
        print(line)

    def serialize(self, serializer):
        state = {'history': self.history, 'best': self.best, 'seconds': self.seconds,
                 'skipped': self.skipped, 'alarm': self.alarm}
        try:
            state = json.loads(str(serializer('state', json.dumps(state))))
        except KeyError:
            return  # NOTE: a snapshot of a run that did not score (--eval-every 0, or older)
        self.history, self.best = state['history'], state['best']
        self.seconds, self.skipped, self.alarm = state['seconds'], state['skipped'], state['alarm']


def draw_quality(path, history, best=None):
    """quality.png: fd on the left, the 0-to-1 scores on the right, against the iteration."""
    panels = []
    fd = {'fd (lower is better)': [(h['iteration'], h['fd']) for h in history]}
    if best:
        fd['best fd'] = [(best['iteration'], best['fd'])]
    scores = {k: [(h['iteration'], h[k]) for h in history] for k in PLOTTED}
    for series, size in ((fd, (480, 360)), (scores, (560, 360))):
        buffer = io.BytesIO()
        panels.append(_pil_plot.draw_plot(buffer, series, 'iteration', marker='o', size=size))
    image = Image.new('RGB', (sum(p.width for p in panels), 360), 'white')
    image.paste(panels[0], (0, 0))
    image.paste(panels[1], (panels[0].width, 0))
    sampling.save_grid(path, numpy.asarray(image)[None], padding=0)


def combined_status(status, monitor):
    """The progress bar's status: the script's own (keys or a function), then the quality."""
    if monitor is None:
        return status

    def line(trainer):
        parts = []
        if callable(status):
            parts.append(status(trainer))
        elif status:
            values = {k: getattr(v, 'array', v) for k, v in trainer.observation.items()}
            parts.append('  '.join('%s=%.4g' % (k, float(values[k]))
                                   for k in status if k in values))
        parts.append(monitor.status(trainer))
        return '  |  '.join(p for p in parts if p)
    return line
