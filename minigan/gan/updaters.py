"""The GAN training step as a StandardUpdater: n_dis discriminator steps, then one generator step.

One iteration, in the order it runs (``GANUpdater.update_core``):

1. n_dis times: a real batch x and a fake batch G(z), which D sees as a constant; D's loss
   ``losses.dis_loss`` plus each weighted penalty of ``penalties`` (the gradient penalty,
   PGGAN's drift, ...); clear D's grads, backward, step D's optimizer.
2. Once: G's loss ``losses.gen_loss`` on D(G(z)) for the last D step's fake batch, whose
   graph into G was kept (``reuse_fake``, as pytorch/examples and Chainer's DCGAN example
   do: one generator forward per iteration instead of two), or for a fresh one; clear G's
   grads, backward through the updated D into G, step G's optimizer.
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
    with the updater's state; reuse_fake: G's step uses the last D step's fake batch (True,
    the default) or draws a fresh one (False: one more generator forward per iteration).
    Reports ``loss/dis`` and ``loss/gen``.
    """

    graphs = None  # NOTE: --dump-graph sets {}; keep_graph then fills it once per step kind
    real_labels = fake_labels = None  # NOTE: class labels D is given (ConditionalGANUpdater)

    def __init__(self, iterator, optimizer, loss='ns', n_dis=1, penalties=None, augment=None,
                 ema=None, reuse_fake=True, device=None, converter=None, **kwargs):
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
        self.augment, self.ema, self.reuse_fake = augment, ema, reuse_fake

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

    def discriminate(self, x, labels=None):
        """D's output for x (augmented, when there is an ``augment``), given ``labels`` when
        D is class-conditional."""
        x = self.augment(x) if self.augment is not None else x
        return self.dis(x) if labels is None else self.dis(x, labels)

    def update_core(self):
        gen_opt, dis_opt = self.get_optimizer('gen'), self.get_optimizer('dis')
        for i in range(self.n_dis):
            x_real = self.real_batch()
            # NOTE: the last fake batch keeps its graph into G when G's step reuses it
            fake = self.fake_batch(len(x_real), self.reuse_fake and i == self.n_dis - 1)
            loss_dis = self.dis_step_loss(x_real, fake.array)
            self.dis.cleargrads()
            loss_dis.backward()
            dis_opt.update()
            self.keep_graph('dis', loss_dis)
            loss_dis.unchain_backward()
        loss_gen = self.gen_step_loss(len(x_real), fake if self.reuse_fake else None)
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
        y_real = self.discriminate(x_real, self.real_labels)
        y_fake = self.discriminate(x_fake, self.fake_labels)
        loss = losses.dis_loss(self.loss, y_real, y_fake)
        if hasattr(self.augment, 'observe'):
            self.augment.observe(y_real.array)  # NOTE: ADA steers p by D's outputs on reals
        for name, weight in self.penalties.items():
            term = losses.PENALTIES[name](self.dis, x_real, x_fake, y_real, y_fake)
            reporter.report({'loss/' + name: term.array})
            loss = loss + weight * term
        return loss

    def gen_step_loss(self, n, x_fake=None):
        """G's loss on ``x_fake`` (a fake batch with its graph into G) or on a fresh batch of
        ``n``; the graph runs through D into G."""
        if x_fake is None:  # NOTE: a reused fake batch keeps the labels it was drawn with
            x_fake = self.fake_batch(n, backprop=True)
        return losses.gen_loss(self.loss, self.discriminate(x_fake, self.fake_labels))

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
