"""The training loops of minigan's updaters, written in PyTorch for the twins of torch_mirror.py.

Everything but the networks and their optimizers stays on minigan's side, so both libraries
see the same stream of data: the images (minigan.gan.data), the batch order (SerialIterator
on NumPy's global generator), the latent vectors (``make_hidden``) and PGGAN's schedule.

- ``train_gan``: GANUpdater. Each iteration: n_dis times { a real batch, a fake batch from a
  fresh z, D's loss on it as a constant, Adam on D }, then G's loss on the last fake batch
  through its graph into G (``reuse_fake``, GANUpdater's default; else on a fresh z), Adam on G.
- ``train_pggan``: PGGANUpdater. The same with WGAN-GP, the drift term, the schedule's stage
  and alpha, and an exponential moving average of G after every generator step.
"""
import copy

import numpy
import torch
import torch.nn.functional as TF

from minigan.gan import data, losses
from minigan.gan.pggan_updater import resize_all
from minigan.iterators import SerialIterator


def dis_loss(kind, y_real, y_fake):
    if kind in ('ns', 'minimax'):
        return TF.softplus(-y_real).mean() + TF.softplus(y_fake).mean()
    if kind == 'hinge':
        return TF.relu(1 - y_real).mean() + TF.relu(1 + y_fake).mean()
    if kind == 'wgan-gp':
        return y_fake.mean() - y_real.mean()
    raise ValueError('loss %r has no PyTorch twin here' % kind)


def gen_loss(kind, y_fake):
    if kind == 'ns':
        return TF.softplus(-y_fake).mean()
    if kind == 'minimax':
        return -TF.softplus(y_fake).mean()
    if kind in ('hinge', 'wgan-gp'):
        return -y_fake.mean()
    raise ValueError('loss %r has no PyTorch twin here' % kind)


def gradient_penalty(dis, x_real, x_fake):
    """As losses.gradient_penalty: eps from NumPy's generator, ||g|| = sqrt(sum g^2 + 1e-12)."""
    eps = numpy.random.uniform(size=(len(x_real), 1, 1, 1))
    eps = torch.as_tensor(eps, dtype=x_real.dtype)
    x_hat = (eps * x_real + (1 - eps) * x_fake).requires_grad_(True)
    g, = torch.autograd.grad(dis(x_hat).sum(), x_hat, create_graph=True)
    norm = torch.sqrt(g.pow(2).flatten(1).sum(1) + 1e-12)
    return (norm - 1).pow(2).mean()


def _z(make_hidden, n):
    return torch.from_numpy(make_hidden(n))


def train_gan(gen, dis, opt_gen, opt_dis, dataset, batch_size, iterations, make_hidden,
              loss='hinge', n_dis=1, reuse_fake=True, log=None):
    """GANUpdater's loop; ``make_hidden(n)`` draws z on the host (the minigan generator's)."""
    iterator = SerialIterator(dataset, batch_size)
    assert loss in losses.LOSSES
    for it in range(iterations):
        for i in range(n_dis):
            x_real = torch.from_numpy(numpy.stack(iterator.next()))
            with torch.set_grad_enabled(reuse_fake and i == n_dis - 1):
                x_fake = gen(_z(make_hidden, len(x_real)))
            loss_dis = dis_loss(loss, dis(x_real), dis(x_fake.detach()))
            opt_dis.zero_grad()
            loss_dis.backward()
            opt_dis.step()
        if not reuse_fake:
            x_fake = gen(_z(make_hidden, len(x_real)))
        loss_gen = gen_loss(loss, dis(x_fake))
        opt_gen.zero_grad()
        loss_gen.backward()
        opt_gen.step()
        if log is not None:
            log(it + 1, loss_gen.item(), loss_dis.item())


class TorchEMA:
    """theta_avg <- decay theta_avg + (1 - decay) theta after each G step (ema.py's rule)."""

    def __init__(self, model, decay):
        self.model, self.decay = copy.deepcopy(model), decay
        self.target = model

    @torch.no_grad()
    def update(self):
        for avg, p in zip(self.model.parameters(), self.target.parameters()):
            avg.mul_(self.decay).add_(p, alpha=1 - self.decay)
        for avg, b in zip(self.model.buffers(), self.target.buffers()):
            avg.copy_(b)


def train_pggan(gen, dis, opt_gen, opt_dis, images, schedule, iterations, make_hidden,
                ema_decay, gp_lambda=10.0, drift=0.001, reuse_fake=True, log=None):
    """PGGANUpdater's loop on uint8 (N, S, S, 3) ``images``; returns the EMA generator.
    ``reuse_fake``: G's step reuses the D step's fake batch (GANUpdater's default)."""
    ema = TorchEMA(gen, ema_decay)
    iterator = SerialIterator(data.ArrayImageDataset(images), schedule.batch_sizes[4])
    resolution = None
    for it in range(iterations):
        phase, alpha = schedule.at(it)
        if phase.resolution != resolution:
            iterator.dataset = data.ArrayImageDataset(resize_all(images, phase.resolution))
            iterator.batch_size = phase.batch_size
            resolution = phase.resolution
        for net in (gen, dis, ema.model):
            net.set_stage(phase.stage, alpha)
        x_real = torch.from_numpy(numpy.stack(iterator.next()))
        with torch.set_grad_enabled(reuse_fake):
            x_fake = gen(_z(make_hidden, len(x_real)))
        y_real, y_fake = dis(x_real), dis(x_fake.detach())
        gp = gradient_penalty(dis, x_real, x_fake.detach())
        loss_dis = (dis_loss('wgan-gp', y_real, y_fake) + gp_lambda * gp
                    + drift * y_real.pow(2).mean())
        opt_dis.zero_grad()
        loss_dis.backward()
        opt_dis.step()
        if not reuse_fake:
            x_fake = gen(_z(make_hidden, len(x_real)))
        loss_gen = gen_loss('wgan-gp', dis(x_fake))
        opt_gen.zero_grad()
        loss_gen.backward()
        opt_gen.step()
        ema.update()
        if log is not None:
            log(it + 1, loss_gen.item(), loss_dis.item())
    return ema.model
