"""model.json: everything needed to rebuild a trained generator without the training script.

A run directory holds ``model.json`` and the generator weights it names (``gen.npz``, or the
moving-average weights ``gen_ema.npz`` when the run kept them). ``model.json`` is plain JSON:
the model family, the generator's constructor arguments, the loss and the minigan version.
"""
import importlib
import json
import os

import minigan
from minigan import serializers

FAMILIES = ('mlp', 'dcgan', 'sagan', 'pggan')


def write_model_json(out, family, generator_kwargs, **extra):
    """Write ``out/model.json`` atomically and return the dict written."""
    if family not in FAMILIES:
        raise ValueError('unknown model family %r' % family)
    spec = dict(family=family, generator=generator_kwargs, generator_file='gen.npz',
                minigan_version=minigan.__version__, **extra)
    os.makedirs(out, exist_ok=True)
    path = os.path.join(out, 'model.json')
    tmp = path + '.tmp'
    with open(tmp, 'w') as f:
        json.dump(spec, f, indent=2, sort_keys=True)
    os.replace(tmp, path)
    return spec


def read_model_json(model_dir):
    path = os.path.join(model_dir, 'model.json')
    if not os.path.exists(path):
        raise FileNotFoundError('%s not found: --model must be the --out folder of a training '
                                'run (it holds model.json and gen.npz)' % path)
    with open(path) as f:
        return json.load(f)


def build_generator(spec):
    """A freshly initialized generator of the family and shape that ``spec`` describes."""
    family = spec['family']
    if family not in FAMILIES:
        raise ValueError('model.json names unknown family %r' % family)
    module = importlib.import_module('minigan.gan.models.%s' % family)
    return module.Generator(**spec['generator'])


def load_generator(model_dir, device=None, prefer_ema=True, weights=None):
    """Rebuild the generator of a run directory and load its trained weights.

    Returns (generator, spec). Uses ``gen_ema.npz`` when it exists and ``prefer_ema``;
    ``weights`` names one file instead (``'gen_best.npz'``: the best quality seen in training).
    """
    spec = read_model_json(model_dir)
    gen = build_generator(spec)
    if weights is not None:
        names = [weights]
    else:
        names = (['gen_ema.npz'] if prefer_ema else []) + [spec.get('generator_file', 'gen.npz')]
    for name in names:
        path = os.path.join(model_dir, name)
        if os.path.exists(path):
            serializers.load_npz(path, gen)
            break
    else:
        raise FileNotFoundError('no generator weights (%s) in %s' % (' or '.join(names),
                                                                     model_dir))
    if device is not None:
        gen.to_device(device)
    return gen, spec
