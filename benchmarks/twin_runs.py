"""Build, check and train the PyTorch twin of a minigan family (used by quality_vs_torch.py).

The run seeds NumPy exactly as minigan's example scripts do and builds minigan's networks
first, so the twin's run draws the same batch order and latent vectors as minigan's run with
that seed; with ``--torch-init minigan`` the twin also starts from those weights.
"""
import json
import os

import numpy
import torch

import convert_weights
import torch_train
import torch_mirror
import torch_mirror_pggan
from minigan.gan import data, progressive
from minigan.gan.models import dcgan, pggan, sagan


def minigan_models(args):
    """(gen, dis) as examples/train_<family>.py builds them right after seeding."""
    if args.family == 'sagan':
        return (sagan.Generator(size=args.size, z_dim=args.z_dim, ch=args.ch,
                                attn_resolutions=[16]),
                sagan.Discriminator(size=args.size, ch=args.ch, attn_resolutions=[16]))
    if args.family == 'dcgan':
        return (dcgan.Generator(size=args.size, z_dim=args.z_dim, ch=args.ch),
                dcgan.Discriminator(size=args.size, ch=args.ch))
    return (pggan.Generator(size=args.size, z_dim=args.z_dim, ch=args.ch),
            pggan.Discriminator(size=args.size, ch=args.ch))


def twin_models(args):
    """The PyTorch (gen, dis), initialized the PyTorch way for this family."""
    if args.family == 'sagan':
        return (torch_mirror.SaganGenerator(args.size, args.z_dim, args.ch,
                                            attn_resolutions=[16]),
                torch_mirror.SaganDiscriminator(args.size, args.ch, attn_resolutions=[16]))
    if args.family == 'dcgan':
        init = torch_mirror.dcgan_init_
        return (init(torch_mirror.DcganGenerator(args.size, args.z_dim, args.ch)),
                init(torch_mirror.DcganDiscriminator(args.size, args.ch)))
    return (torch_mirror_pggan.PgganGenerator(args.size, args.z_dim, args.ch),
            torch_mirror_pggan.PgganDiscriminator(args.size, args.ch))


def check_twin(args, tolerance=1e-4):
    """Raise unless the twin, given minigan's weights, computes minigan's G and D outputs."""
    import minigan
    numpy.random.seed(0)
    gen, dis = minigan_models(args)
    tgen, tdis = twin_models(args)
    if args.family == 'pggan':
        for net in (gen, dis):
            net.set_stage(net.last_stage, 0.5)
    for net, twin in ((gen, tgen), (dis, tdis)):
        convert_weights.converge_u(net)  # NOTE: else the SN estimates differ by a half step
        convert_weights.minigan_to_torch(net, twin)
    z = gen.make_hidden(8)
    with minigan.no_backprop_mode():
        x = gen(z)
        y = dis(x).array
    with torch.no_grad():
        tx = tgen(torch.from_numpy(z))
        ty = tdis(tx).numpy()
    for name, a, b in (('G', x.array, tx.numpy()), ('D', y, ty)):
        err = numpy.abs(a - b).max() / numpy.abs(b).max()
        print('twin check (%s, train mode): max relative difference %.1e' % (name, err))
        if not err < tolerance:
            raise SystemExit('error: the PyTorch twin of %s computes something else (%s)'
                             % (args.family, name))


def train(args, seed, run_dir):
    """Train the twin with the family's recipe; returns the generator to sample from."""
    if args.augment not in ('off', 'none'):
        raise SystemExit('error: the PyTorch twins have no augmentation; use --only minigan')
    os.makedirs(run_dir, exist_ok=True)
    numpy.random.seed(seed)
    torch.manual_seed(seed)
    gen, dis = minigan_models(args)  # NOTE: draws what minigan's run draws, in that order
    tgen, tdis = twin_models(args)
    if args.torch_init == 'minigan':
        convert_weights.minigan_to_torch(gen, tgen)
        convert_weights.minigan_to_torch(dis, tdis)
    log = []

    def record(it, loss_gen, loss_dis):
        if it % 100 == 0:
            log.append({'iteration': it, 'loss/gen': loss_gen, 'loss/dis': loss_dis})

    if args.family == 'pggan':
        q = progressive.QUICK
        images = data.ImageFolder(args.data, args.size).images
        schedule = progressive.Schedule(args.size, q['images_per_phase'], args.batch_size)
        n = min(args.iterations or schedule.total_iterations, schedule.total_iterations)
        opt_g = torch.optim.Adam(tgen.parameters(), 1e-3, betas=(0.0, 0.99), eps=1e-8)
        opt_d = torch.optim.Adam(tdis.parameters(), 1e-3, betas=(0.0, 0.99), eps=1e-8)
        result = torch_train.train_pggan(tgen, tdis, opt_g, opt_d, images, schedule, n,
                                         gen.make_hidden, q['ema_decay'], log=record,
                                         reuse_fake=args.fake_batch == 'reuse')
    else:
        dataset = data.ImageFolder(args.data, args.size)
        if args.family == 'sagan':
            opt_g = torch.optim.Adam(tgen.parameters(), 1e-4, betas=(0.0, 0.9))
            opt_d = torch.optim.Adam(tdis.parameters(), 4e-4, betas=(0.0, 0.9))
            loss = 'hinge'
        else:
            opt_g = torch.optim.Adam(tgen.parameters(), 2e-4, betas=(0.5, 0.999))
            opt_d = torch.optim.Adam(tdis.parameters(), 2e-4, betas=(0.5, 0.999))
            loss = 'ns'
        torch_train.train_gan(tgen, tdis, opt_g, opt_d, dataset, args.batch_size,
                              args.iterations, gen.make_hidden, loss=loss, log=record,
                              reuse_fake=args.fake_batch == 'reuse')
        result = tgen
    with open(os.path.join(run_dir, 'log.json'), 'w') as f:
        json.dump(log, f, indent=1)
    torch.save(result.state_dict(), os.path.join(run_dir, 'gen.pt'))
    return result
