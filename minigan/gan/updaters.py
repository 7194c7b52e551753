"""The GAN training step as a StandardUpdater: n_dis discriminator steps, then one generator step.

One iteration, in the order it runs (``GANUpdater.update_core``):

1. n_dis times: a real batch x and a constant fake batch G(z) (no graph back into G);
   D's loss ``losses.dis_loss`` plus each weighted penalty of ``penalties`` (the gradient
   penalty, PGGAN's drift, ...); clear D's grads, backward, step D's optimizer.
2. Once: a fresh fake batch G(z) with its graph; G's loss ``losses.gen_loss`` on D(G(z)); clear
   G's grads, backward through D into G, step G's optimizer.
3. The moving average of G (``ema``), when there is one.

Gradients that a step does not need are still computed or left empty, and the optimizer treats
them as Chainer does: G's backward also fills D's grads (D's next step clears them first), and
a parameter that got no gradient at all (a PGGAN block not yet grown in, G during D's step)
gets a zero gradient from ``GradientMethod.reallocate_cleared_grads`` before its rule runs.
Adam then moves it by its momentum only, which is zero while it has never had a gradient.

Every random number (the latent batch z, the penalty's interpolation weights) is drawn from
numpy's global generator on the host, so a run seeded with ``numpy.random.seed`` and resumed
from a snapshot (which stores that generator's state) repeats bit for bit on the CPU.
"""
import minigan
from minigan import computational_graph, reporter
from minigan.gan import losses
from minigan.training import StandardUpdater


class GANUpdater(StandardUpdater):
    """Alternating updates of ``gen`` and ``dis`` with one of ``losses.LOSSES``.

    iterator: yields batches of real images (N, C, H, W) float32 in [-1, 1];
    optimizer: {'gen': Optimizer, 'dis': Optimizer};
    penalties: {name: weight} of extra terms of D's loss, names from ``losses.PENALTIES``
    (default ``{'gp': 10.0}`` for 'wgan-gp', none otherwise), each reported as ``loss/<name>``;
    augment: an optional differentiable function applied to real and fake batches before D
    (DiffAugment, or ADA's ``AdaptiveAugment``, which is also shown D's outputs on the reals
    through its ``observe`` and saved with the updater's state); ema: an optional
    ``ExponentialMovingAverage`` of ``gen``, updated after every generator step and saved
    with the updater's state. Reports ``loss/dis`` and ``loss/gen``.
    """

    graphs = None  # NOTE: --dump-graph sets {}; keep_graph then fills it once per step kind

    def __init__(self, iterator, optimizer, loss='ns', n_dis=1, penalties=None, augment=None,
                 ema=None, device=None, converter=None, **kwargs):
        if converter is not None:
            kwargs['converter'] = converter
        super().__init__(iterator, optimizer, device=device, **kwargs)
        if loss not in losses.LOSSES:
            raise ValueError('unknown loss %r; choose one of %s'
                             % (loss, ', '.join(losses.LOSSES)))
        if penalties is None:
            penalties = {'gp': losses.GP_LAMBDA} if loss == 'wgan-gp' else {}
        unknown = sorted(set(penalties) - set(losses.PENALTIES))
        if unknown:
            raise ValueError('unknown penalty %s; choose from %s'
                             % (', '.join(unknown), ', '.join(losses.PENALTIES)))
        self.loss, self.n_dis, self.penalties = loss, n_dis, dict(penalties)
        self.augment, self.ema = augment, ema

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
            self.keep_graph('dis', loss_dis)
            loss_dis.unchain_backward()
        loss_gen = self.gen_step_loss(len(x_real))
        self.gen.cleargrads()
        loss_gen.backward()
        gen_opt.update()
        self.keep_graph('gen', loss_gen)
        loss_gen.unchain_backward()
        if self.ema is not None:
            self.ema.update()
        reporter.report({'loss/gen': loss_gen.array, 'loss/dis': loss_dis.array})

    def dis_step_loss(self, x_real, x_fake):
        """D's loss on one real and one (constant) fake batch, plus the weighted penalties."""
        y_real = self.discriminate(x_real)
        y_fake = self.discriminate(x_fake)
        loss = losses.dis_loss(self.loss, y_real, y_fake)
        if hasattr(self.augment, 'observe'):
            self.augment.observe(y_real.array)  # NOTE: ADA steers p by D's outputs on reals
        for name, weight in self.penalties.items():
            term = losses.PENALTIES[name](self.dis, x_real, x_fake, y_real, y_fake)
            reporter.report({'loss/' + name: term.array})
            loss = loss + weight * term
        return loss

    def gen_step_loss(self, n):
        """G's loss on a fresh fake batch of ``n``, its graph running through D into G."""
        return losses.gen_loss(self.loss, self.discriminate(self.fake_batch(n, backprop=True)))

    def keep_graph(self, step, loss):
        """Keep the graph of the first ``step`` ('dis' or 'gen') in ``graphs``, when it is set.

        Called before ``unchain_backward`` cuts the graph, so the drawing shows everything the
        step's backward ran through (minigan.gan.graph_dump writes it).
        """
        if self.graphs is not None and step not in self.graphs:
            loss.name = 'loss/' + step
            self.graphs[step] = computational_graph.build_computational_graph([loss])

    def serialize(self, serializer):
        super().serialize(serializer)
        if self.ema is not None:
            self.ema.serialize(serializer['ema'])
        if hasattr(self.augment, 'serialize'):
            self.augment.serialize(serializer['augment'])
