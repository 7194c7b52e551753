"""SAGAN in minigan and in PyTorch on identical numbers, step by step, to the first difference.

Both libraries get the same initial weights (benchmarks/convert_weights.py), the same real
batch and the same z. Each training iteration runs minigan's own GANUpdater (hinge loss,
Adam (0, 0.9), lr 1e-4 for G and 4e-4 for D; G's step on the D step's fake batch unless
--fresh-fake) and the same loop in PyTorch; the script then
compares, in call order, every layer's output, every spectral-normalized weight's sigma, the
losses, every gradient, every parameter after Adam and every persistent (u, BN statistics),
and prints the largest relative difference of each kind (float64 by default, so anything
above ~1e-9 is not rounding).

Two differences between the libraries are by design, and removed unless --pytorch-defaults:
PyTorch's spectral norm steps u from v and then v, and divides by u^T W v with the new v
(minigan and Chainer step v from u, then u, and use the v of that step, with eps 1e-6 in
the normalization), and PyTorch adds Adam's eps after the bias correction (Chainer before
it). Both vanish as u converges and as |g| >> eps. By default u also starts at W's top
singular vector (--random-u keeps minigan's random draw; PyTorch runs 15 power iterations
when the layer is made).

    python benchmarks/sagan_parity.py                        # 32x32, ch 32, batch 5, 3 steps
    python benchmarks/sagan_parity.py --steps 5 --dtype float32 --all
    python benchmarks/sagan_parity.py --pytorch-defaults --random-u    # the libraries as shipped
"""
import argparse
import os
import re
import sys

import numpy
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [os.path.dirname(HERE), HERE]

from minigan import optimizers, reporter  # noqa: E402
from minigan.gan.data import ImageFolder  # noqa: E402
from minigan.gan.models import sagan  # noqa: E402
from minigan.gan.updaters import GANUpdater  # noqa: E402
from minigan.iterators import SerialIterator  # noqa: E402
from minigan.link_hooks import SpectralNormalization  # noqa: E402
from minigan.link_hooks.link_hook import LinkHook  # noqa: E402

import convert_weights  # noqa: E402
import torch_mirror  # noqa: E402

# NOTE: biases in front of batch norm have gradient 0 in exact arithmetic; both libraries
# return rounding noise there, which Adam turns into tiny steps that differ, and BN removes
# them (and their share of the running mean) again, so they are left out of the comparison.
BEFORE_BN = re.compile(r'^/gen/(l0|ups/\d+/deconv)/b$|^/gen/(bn0|ups/\d+/bn)/avg_mean$')
DATA = os.path.join(os.path.dirname(HERE), 'examples', 'data', 'twemoji-faces-64')


class Recorder(LinkHook):
    """Records every link's output, and every SN hook's sigma, keyed by path, in call order."""

    name = 'Recorder'

    def __init__(self, paths):
        self.paths, self.log = paths, []

    def forward_postprocess(self, cb_args):
        path = self.paths.get(id(cb_args.link))
        if path is not None:
            self.log.append(('out ' + path, cb_args.out.array.copy()))


def record_minigan_sigma(log, paths):
    """Wrap SpectralNormalization.normalized_weight so each call logs sigma = W / W_sn."""
    original = SpectralNormalization.normalized_weight

    def normalized_weight(self, link):
        W_sn = original(self, link)
        W = getattr(link, self.weight_name).array
        k = numpy.argmax(numpy.abs(W))
        log.append(('sigma ' + paths[id(link)], numpy.array(W.flat[k] / W_sn.array.flat[k])))
        return W_sn
    SpectralNormalization.normalized_weight = normalized_weight


def record_torch(module, prefix, log):
    """Forward hooks logging every module's output and every spectral norm's sigma."""
    for name, sub in module.named_modules():
        if name.endswith('parametrizations.weight.0'):
            owner = name[:-len('.parametrizations.weight.0')]

            def sigma_hook(m, inputs, out, owner=owner):
                W = inputs[0].detach()
                k = torch.argmax(W.abs())
                log.append(('sigma /%s/%s' % (prefix, owner.replace('.', '/')),
                            (W.flatten()[k] / out.detach().flatten()[k]).numpy()))
            sub.register_forward_hook(sigma_hook)
        elif name and 'parametrizations' not in name:
            def out_hook(m, inputs, out, name=name):
                log.append(('out /%s/%s' % (prefix, name.replace('.', '/')),
                            out.detach().numpy().copy()))
            sub.register_forward_hook(out_hook)


def chainer_order(module, eps):
    """Make PyTorch's spectral norms step as Chainer (and minigan) do, for exact parity.

    v = W^T u / (||W^T u|| + eps), u = W v / (||W v|| + eps), sigma = u^T W v; PyTorch's own
    order (u from v first, then v, eps 1e-12 inside a max) differs by a half step.
    """
    def l2(x):
        return x / (x.norm() + eps)

    for sub in module.modules():
        if type(sub).__name__ == '_SpectralNorm':
            def forward(weight, sn=sub):
                W = sn._reshape_weight_to_matrix(weight)
                with torch.no_grad():
                    v = l2(W.t() @ sn._u)
                    u = l2(W @ v)
                    if sn.training:
                        sn._u.copy_(u)
                return weight / torch.dot(u, W @ v)
            sub.forward = forward


def chainer_eps(optimizer, t, keep):
    """Chainer adds eps to sqrt(v) before Adam's bias correction, PyTorch after it; with
    eps_t = eps / sqrt(1 - beta2^t) PyTorch's step equals Chainer's exactly."""
    if not keep:
        for group in optimizer.param_groups:
            group['eps'] = 1e-8 / (1 - group['betas'][1] ** t) ** 0.5


def to_dtype(link, dtype):
    for sub in link.links():
        for name in sub._params:
            param = getattr(sub, name)
            param.array = param.array.astype(dtype)
        for name in sub._persistent:
            value = getattr(sub, name)
            if isinstance(value, numpy.ndarray):
                setattr(sub, name, value.astype(dtype))


def state(link, prefix, grads):
    """{'/gen/ups/0/deconv/W': array} of params (or grads) and persistents."""
    out = {}
    for path, param in link.namedparams():
        out[prefix + path] = (param.grad if grads else param.array).copy()
    if not grads:
        for path, sub in link.namedlinks():
            for name in sub._persistent:
                value = getattr(sub, name)
                if isinstance(value, numpy.ndarray):
                    out[prefix + path.rstrip('/') + '/' + name] = value.copy()
    return out


def torch_state(module, link, prefix, grads):
    out = {}
    for sub, name, target in convert_weights._pairs(link, module):
        tensor = convert_weights._torch_tensor(target, name)
        if grads and name in sub._persistent:
            continue
        value = tensor.grad if grads else tensor
        path = '/'.join(p for p in [prefix] + [n for n, l in link.namedlinks()
                                               if l is sub][0].strip('/').split('/') if p)
        out['/' + path + '/' + name] = value.detach().numpy().copy()
    return out


def rel(a, b, floor):
    """max |a - b| / max(max |b|, floor).

    The floor matters for the biases in front of batch norm: their gradient is 0 in exact
    arithmetic, so both libraries return rounding noise (~1e-17) there, and Adam moves those
    biases by tiny steps in directions that differ; BN removes them again either way.
    """
    a, b = numpy.asarray(a, numpy.float64), numpy.asarray(b, numpy.float64)
    if a.shape != b.shape:
        return float('inf')
    return float(numpy.abs(a - b).max() / max(numpy.abs(b).max(), floor))


def compare(title, ours, theirs, show_all, tol):
    """Print the worst relative difference per kind; return the first key above tol.

    Arrays of a dict (gradients, parameters) are compared relative to their own largest
    value or, if that is smaller, to 1e-6 of the largest value of all of them.
    """
    floor = 1e-30
    if isinstance(ours, dict):
        floor = 1e-6 * max(numpy.abs(b).max() for b in theirs.values())
        ours = {k: v for k, v in ours.items() if not BEFORE_BN.match(k)}
        theirs = {k: v for k, v in theirs.items() if not BEFORE_BN.match(k)}
        keys = sorted(set(ours) | set(theirs))
        pairs = [(k, ours.get(k), theirs.get(k)) for k in keys]
    else:
        names_o = [k for k, _ in ours]
        names_t = [k for k, _ in theirs]
        if names_o != names_t:
            for i, (a, b) in enumerate(zip(names_o, names_t)):
                if a != b:
                    print('  %s: call %d is %s in minigan, %s in PyTorch' % (title, i, a, b))
                    break
            print('  %s: %d calls in minigan, %d in PyTorch'
                  % (title, len(names_o), len(names_t)))
        pairs = [(k, a, b) for (k, a), (_, b) in zip(ours, theirs)]
    worst, first = {}, None
    for key, a, b in pairs:
        if a is None or b is None:
            print('  %s: %s missing in %s' % (title, key, 'minigan' if a is None else 'PyTorch'))
            continue
        r = rel(a, b, floor)
        kind = key.split(' ')[0] if ' ' in key else key.rsplit('/', 1)[-1]
        if r > worst.get(kind, (-1, ''))[0]:
            worst[kind] = (r, key)
        if r > tol and first is None:
            first = (key, r)
        if show_all:
            print('    %-48s %.2e' % (key, r))
    for kind, (r, key) in sorted(worst.items()):
        print('  %-6s %-10s worst %.2e at %s' % (title, kind, r, key))
    return first


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--size', type=int, default=32)
    parser.add_argument('--ch', type=int, default=32)
    parser.add_argument('--z-dim', type=int, default=128)
    parser.add_argument('--batch', type=int, default=5)
    parser.add_argument('--attn', type=int, nargs='*', default=[16])
    parser.add_argument('--steps', type=int, default=3)
    parser.add_argument('--dtype', default='float64', choices=['float32', 'float64'])
    parser.add_argument('--data', default=DATA)
    parser.add_argument('--seed', type=int, default=0)
    parser.add_argument('--random-u', action='store_true',
                        help="keep minigan's random initial u (default: the converged one)")
    parser.add_argument('--pytorch-defaults', action='store_true',
                        help="keep PyTorch's own spectral-norm step order and Adam eps "
                        "placement (default: make them compute as minigan/Chainer do)")
    parser.add_argument('--fresh-fake', action='store_true',
                        help="G's step on a fresh z (GANUpdater(reuse_fake=False)); default: "
                        "on the D step's fake batch, as GANUpdater does")
    parser.add_argument('--all', action='store_true', help='print every compared array')
    args = parser.parse_args()
    dtype = numpy.dtype(args.dtype)
    tol = 1e-9 if dtype == numpy.float64 else 1e-4
    torch.set_default_dtype(torch.float64 if dtype == numpy.float64 else torch.float32)
    numpy.random.seed(args.seed)
    torch.manual_seed(args.seed)

    gen = sagan.Generator(size=args.size, z_dim=args.z_dim, ch=args.ch,
                          attn_resolutions=args.attn)
    dis = sagan.Discriminator(size=args.size, ch=args.ch, attn_resolutions=args.attn)
    to_dtype(gen, dtype)
    to_dtype(dis, dtype)
    tgen = torch_mirror.SaganGenerator(args.size, args.z_dim, args.ch,
                                       attn_resolutions=args.attn)
    tdis = torch_mirror.SaganDiscriminator(args.size, args.ch, attn_resolutions=args.attn)

    if not args.pytorch_defaults:
        chainer_order(tgen, 1e-6)
        chainer_order(tdis, 1e-6)
    if not args.random_u:
        convert_weights.converge_u(gen)
        convert_weights.converge_u(dis)
    convert_weights.minigan_to_torch(gen, tgen)
    convert_weights.minigan_to_torch(dis, tdis)
    paths = {id(l): '/gen' + p for p, l in gen.namedlinks(skipself=True)}
    paths.update({id(l): '/dis' + p for p, l in dis.namedlinks(skipself=True)})
    ours_log, theirs_log = [], []
    record_minigan_sigma(ours_log, paths)
    recorder = Recorder(paths)
    recorder.log = ours_log
    record_torch(tgen, 'gen', theirs_log)
    record_torch(tdis, 'dis', theirs_log)

    images = ImageFolder(args.data, args.size)
    real = [images[i].astype(dtype) for i in range(args.batch)]
    eps = 1e-8
    opts = {'gen': optimizers.Adam(alpha=1e-4, beta1=0.0, beta2=0.9, eps=eps),
            'dis': optimizers.Adam(alpha=4e-4, beta1=0.0, beta2=0.9, eps=eps)}
    opts['gen'].setup(gen)
    opts['dis'].setup(dis)
    updater = GANUpdater(SerialIterator(real, args.batch, shuffle=False), opts, loss='hinge',
                         reuse_fake=not args.fresh_fake)
    zs = []
    make_hidden = gen.make_hidden
    gen.make_hidden = lambda n: zs.append(make_hidden(n).astype(dtype)) or zs[-1]
    grads = {}
    for name, opt in opts.items():
        def update(opt=opt, name=name, original=opt.update):
            grads[name] = state(opt.target, '/' + name, grads=True)
            original()
        opt.update = update
    topt_g = torch.optim.Adam(tgen.parameters(), 1e-4, betas=(0.0, 0.9), eps=eps)
    topt_d = torch.optim.Adam(tdis.parameters(), 4e-4, betas=(0.0, 0.9), eps=eps)
    relu = torch.nn.functional.relu
    x_real = torch.from_numpy(numpy.stack(real))

    first = None
    for step in range(1, args.steps + 1):
        print('step %d' % step)
        del ours_log[:], theirs_log[:], zs[:]
        observation = {}
        with reporter.Reporter().scope(observation), recorder:
            updater.update()
        with torch.set_grad_enabled(updater.reuse_fake):
            x_fake = tgen(torch.from_numpy(zs[0]))
        loss_d = relu(1 - tdis(x_real)).mean() + relu(1 + tdis(x_fake.detach())).mean()
        topt_d.zero_grad()
        loss_d.backward()
        tgrads = {'dis': torch_state(tdis, dis, 'dis', grads=True)}
        chainer_eps(topt_d, step, args.pytorch_defaults)
        topt_d.step()
        if not updater.reuse_fake:  # NOTE: else G's step reuses the D step's fake batch
            x_fake = tgen(torch.from_numpy(zs[1]))
        loss_g = -tdis(x_fake).mean()
        topt_g.zero_grad()
        loss_g.backward()
        tgrads['gen'] = torch_state(tgen, gen, 'gen', grads=True)
        chainer_eps(topt_g, step, args.pytorch_defaults)
        topt_g.step()
        checks = [
            ('calls', ours_log, theirs_log),
            ('loss', {'loss/dis': observation['loss/dis'], 'loss/gen': observation['loss/gen']},
             {'loss/dis': loss_d.item(), 'loss/gen': loss_g.item()}),
            ('grad', dict(grads['dis'], **grads['gen']), dict(tgrads['dis'], **tgrads['gen'])),
            ('after', dict(state(dis, '/dis', False), **state(gen, '/gen', False)),
             dict(torch_state(tdis, dis, 'dis', False), **torch_state(tgen, gen, 'gen', False))),
        ]
        for title, ours, theirs in checks:
            found = compare(title, ours, theirs, args.all, tol)
            if found and first is None:
                first = (step, title) + found
    if first:
        print('first difference above %.0e: step %d, %s %s (%.2e)' % ((tol,) + first))
    else:
        print('no difference above %.0e in %d steps' % (tol, args.steps))


if __name__ == '__main__':
    main()
