"""Starting from another run's weights, and freezing D's first blocks (FreezeD).

A model trained on a bigger, different set (all Twemoji, an anime-face model) already knows
edges, shading and outlines; fine-tuning it on 100 pictures of one character reaches a good
model in a fraction of the steps and memorizes less than training from scratch. FreezeD
(Mo et al. 2020, "Freeze the Discriminator: a Simple Baseline for Fine-Tuning GANs") keeps
the first K blocks of D, its low-level feature extractor, fixed while the rest adapts.

``--init-from RUN`` reads the latest ``snapshot_iter_N.npz`` of a run folder (or the
snapshot file named), copies G and D (and with ``--init-optimizer`` their optimizers' state),
and refuses with one line naming the mismatched keys when the architectures differ.
"""
import copy
import os
import re

import numpy

from minigan.gan.models import dcgan, mlp, pggan, sagan
from minigan.optimizers import Optimizer
from minigan.serializers.npz import DictionarySerializer, NpzDeserializer

_SNAPSHOT = re.compile(r'^snapshot_iter_(\d+)\.npz$')
_SHOWN = 6  # NOTE: mismatched keys named in the error line


class InitError(ValueError):
    """--init-from cannot be used as asked; the message says what differs."""


def find_snapshot(run):
    """The snapshot file of ``run``: the file itself, or the folder's highest iteration."""
    if os.path.isfile(run):
        return run
    if not os.path.isdir(run):
        raise InitError("--init-from '%s' does not exist: give a run's --out folder or one of "
                        "its snapshot_iter_N.npz files" % run)
    found = [(int(m.group(1)), name) for name in os.listdir(run)
             for m in [_SNAPSHOT.match(name)] if m]
    if not found:
        raise InitError("--init-from '%s' holds no snapshot_iter_N.npz (a finished run keeps "
                        "its last snapshots)" % run)
    return os.path.join(run, max(found)[1])


def _expected(obj):
    """{key: shape} of what ``obj`` saves (parameters, persistents, optimizer state).

    An optimizer that has not stepped yet has no state arrays; the ones it will have (Adam's
    m and v, shaped like their parameter) are expected all the same.
    """
    target = {}
    obj.serialize(DictionarySerializer(target))
    shapes = {k: numpy.shape(v) for k, v in target.items()}
    params = obj.target.namedparams() if isinstance(obj, Optimizer) else ()
    for name, param in params:
        rule = getattr(param, 'update_rule', None)
        if rule is not None and rule.state is None and param.array is not None:
            for key in rule.state_keys():
                shapes['%s/%s' % (name.lstrip('/'), key)] = param.array.shape
    return shapes


def check_keys(npz, prefix, obj, what):
    """Raise InitError naming the keys of ``obj`` that ``npz[prefix...]`` lacks or shapes
    differently, and the keys it has that ``obj`` does not."""
    expected = _expected(obj)
    stored = {k[len(prefix):]: npz[k].shape for k in npz.files if k.startswith(prefix)}
    missing = sorted(set(expected) - set(stored))
    extra = sorted(set(stored) - set(expected))
    differ = ['%s %s vs %s' % (k, stored[k], expected[k]) for k in sorted(expected)
              if k in stored and stored[k] != expected[k] and expected[k] != ()]
    problems = []
    for label, keys in (('missing', missing), ('unexpected', extra),
                        ('shape differs (saved vs this model)', differ)):
        if keys:
            more = ', ...' if len(keys) > _SHOWN else ''
            problems.append('%s %s: %s%s' % (len(keys), label, ', '.join(keys[:_SHOWN]), more))
    if problems:
        raise InitError('--init-from: the saved %s does not fit this one (use the same script '
                        'and model options): %s' % (what, '; '.join(problems)))


def init_from(run, gen, dis, optimizers=None):
    """Load G and D (and ``optimizers`` {'gen': ..., 'dis': ...} when given) from ``run``.

    Returns the snapshot path used. Everything is checked before anything is loaded, so a
    mismatch leaves the models as they were.
    """
    path = find_snapshot(run)
    try:
        npz = numpy.load(path, allow_pickle=False)
    except (OSError, ValueError) as e:
        raise InitError("--init-from '%s' is not a readable snapshot: %s" % (path, e))
    with npz:
        if not any(k.startswith('updater/model:gen/') for k in npz.files):
            raise InitError("'%s' is not a training snapshot (no updater/model:gen/ keys)"
                            % path)
        pairs = [('updater/model:gen/', gen, 'generator'),
                 ('updater/model:dis/', dis, 'discriminator')]
        for name, opt in sorted((optimizers or {}).items()):
            pairs.append(('updater/optimizer:%s/' % name, opt, '%s optimizer' % name))
        for prefix, obj, what in pairs:
            check_keys(npz, prefix, obj, what)
        for prefix, obj, _ in pairs:
            obj.serialize(NpzDeserializer(npz, path=prefix, strict=True))
    return path


def dis_blocks(dis):
    """D's blocks from the input side: the units FreezeD counts.

    DCGAN: the first convolution, then each down-sampling convolution with its batch norm;
    SAGAN: the first convolution, then each down block (with its self-attention); PGGAN: all
    fromRGB layers, then its blocks from the highest resolution down, then the 4x4 head;
    MLP: each linear layer.
    """
    if isinstance(dis, dcgan.Discriminator):
        blocks = [[dis.c0]]
        for i, down in enumerate(dis.downs):
            blocks.append([down, dis.bns[i]] if dis.use_bn else [down])
        return blocks + [[dis.out]]
    if isinstance(dis, sagan.Discriminator):
        return [[dis.c0]] + [[d] for d in dis.downs] + [[dis.out]]
    if isinstance(dis, pggan.Discriminator):
        return [[dis.from_rgb]] + [[b] for b in reversed(list(dis.blocks))] + \
            [[dis.conv_last, dis.dense, dis.out]]
    if isinstance(dis, mlp.Discriminator):
        return [[dis.l0], [dis.l1], [dis.l2]]
    raise TypeError('FreezeD does not know the blocks of %s' % type(dis).__name__)


def freeze_d(dis, k):
    """Stop the optimizer updating D's first ``k`` blocks (call after ``optimizer.setup``).

    Returns the frozen links' names. Raises InitError if k leaves nothing to train.
    """
    blocks = dis_blocks(dis)
    if not 0 <= k < len(blocks):
        raise InitError('--freeze-d %d: this discriminator has %d blocks, so K must be 0 to %d'
                        % (k, len(blocks), len(blocks) - 1))
    names = {id(link): name for name, link in dis.namedlinks(skipself=True)}
    frozen = []
    for block in blocks[:k]:
        for link in block:
            link.disable_update()
            frozen.append(names[id(link)])
    return frozen


def final_phase(schedule):
    """A copy of a PGGAN ``schedule`` that is only its last, stable phase at full size.

    A model fine-tuned with ``--init-from`` has grown already; regrowing it from 4x4 would
    spend the budget undoing what it knows. Iterations past the phase stay in it.
    """
    last = schedule.phases[-1]
    short = copy.copy(schedule)
    short.phases = [last._replace(index=0, start=0)]
    short.total_iterations = last.iterations
    return short
