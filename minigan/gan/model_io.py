"""model.json: everything needed to rebuild a trained generator without the training script.

A run directory holds ``model.json`` and the generator weights it names (``gen.npz``, or the
moving-average weights ``gen_ema.npz`` when the run kept them). ``model.json`` is plain JSON:
the model family, the generator's constructor arguments, the loss and the minigan version.
"""
import importlib
import inspect
import json
import os

import minigan
from minigan import serializers
from minigan.gan import progressive
from minigan.gan.models import dcgan, sagan
from minigan.utils.atomic_file import atomic_path

FAMILIES = ('mlp', 'dcgan', 'sagan', 'pggan')
MAX_MLP_SIZE = 128  # NOTE: the MLP's last layer has channels * size^2 outputs
# NOTE: far above any sensible width or latent size, far below the 1e8 that asks for a terabyte
MAX_INT_ARGUMENT = 1 << 14


class ModelFileError(ValueError):
    """model.json or the weights it names are missing, damaged or do not fit each other."""


def check_size(family, size):
    """Raise ValueError unless generators of ``family`` can be built at ``size`` x ``size``."""
    if family == 'dcgan':
        dcgan.bottom_width(size)
    elif family == 'sagan':
        sagan.num_stages(size)
    elif family == 'pggan':
        progressive.stage_of(size)
    elif not 1 <= size <= MAX_MLP_SIZE:
        raise ValueError('the MLP GAN supports sizes from 1 to %d; got %d' % (MAX_MLP_SIZE, size))


def describe(spec):
    """'a DCGAN 32x32 generator' from a model spec."""
    size = spec.get('image_size') or spec.get('generator', {}).get('size', '?')
    return 'a %s %sx%s generator' % (spec.get('family', '?').upper(), size, size)


def write_model_json(out, family, generator_kwargs, **extra):
    """Write ``out/model.json`` atomically and return the dict written."""
    if family not in FAMILIES:
        raise ValueError('unknown model family %r' % family)
    spec = dict(family=family, generator=generator_kwargs, generator_file='gen.npz',
                minigan_version=minigan.__version__, **extra)
    os.makedirs(out, exist_ok=True)
    with atomic_path(os.path.join(out, 'model.json')) as tmp:
        with open(tmp, 'w') as f:
            json.dump(spec, f, indent=2, sort_keys=True)
    return spec


def read_model_json(model_dir):
    """The checked spec in ``model_dir/model.json``; ModelFileError says what is wrong."""
    path = os.path.join(model_dir, 'model.json')
    if not os.path.isdir(model_dir):
        raise ModelFileError('--model %s is not a folder: give the --out folder of a training '
                             'run (it holds model.json and gen.npz)' % model_dir)
    if not os.path.exists(path):
        raise ModelFileError('%s not found: --model must be the --out folder of a training '
                             'run (it holds model.json and gen.npz)' % path)
    with open(path) as f:
        text = f.read()
    try:
        spec = json.loads(text)
    except ValueError as e:
        what = 'is empty' if not text.strip() else 'is not valid JSON (%s)' % e
        raise ModelFileError('%s %s: it was damaged or cut short; train again or restore it'
                             % (path, what)) from None
    check_spec(spec, path)
    return spec


def check_spec(spec, path='model.json'):
    """Raise ModelFileError unless ``spec`` names a known family, sane generator arguments
    and a weights file inside the model's folder."""
    def bad(message):
        return ModelFileError('%s %s' % (path, message))
    if not isinstance(spec, dict) or not isinstance(spec.get('generator'), dict):
        raise bad('does not describe a model: it needs "family" and a "generator" object')
    family = spec.get('family')
    if family not in FAMILIES:
        raise bad('names unknown model family %r (known: %s)' % (family, ', '.join(FAMILIES)))
    known = inspect.signature(_module(family).Generator).parameters
    for key, value in spec['generator'].items():
        if key not in known:
            raise bad('gives the %s generator an unknown argument %r' % (family, key))
        for v in value if isinstance(value, list) else [value]:
            if type(v) is int and not 1 <= v <= MAX_INT_ARGUMENT:
                raise bad('gives %s = %r; whole numbers must be from 1 to %d'
                          % (key, value, MAX_INT_ARGUMENT))
            if type(v) not in (int, float, bool, str):
                raise bad('gives %s = %r; expected numbers, true/false or text' % (key, value))
    try:
        check_size(family, spec['generator'].get('size', known['size'].default))
    except ValueError as e:
        raise bad('asks for an impossible size: %s' % e) from None
    name = spec.get('generator_file', 'gen.npz')
    if not isinstance(name, str) or os.path.basename(name) != name or name.startswith('.') \
            or not name.endswith('.npz'):
        raise bad('names generator_file %r; it must be a .npz file name inside the folder, '
                  'without a path' % (name,))


def _module(family):
    return importlib.import_module('minigan.gan.models.%s' % family)


def build_generator(spec):
    """A freshly initialized generator of the family and shape that ``spec`` describes."""
    check_spec(spec)
    try:
        return _module(spec['family']).Generator(**spec['generator'])
    except MemoryError:
        raise ModelFileError('%s does not fit in memory (arguments %s)'
                             % (describe(spec), spec['generator'])) from None


def load_generator(model_dir, device=None, prefer_ema=True, weights=None):
    """Rebuild the generator of a run directory and load its trained weights.

    Returns (generator, spec). Uses ``gen_ema.npz`` when it exists and ``prefer_ema``;
    ``weights`` names one file instead (``'gen_best.npz'``: the best quality seen in training).
    Every problem with the folder's files raises ModelFileError naming the file.
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
            break
    else:
        hint = ('; it is kept when the run scores its samples (--eval-every)'
                if names == ['gen_best.npz'] else '')
        raise ModelFileError('no generator weights (%s) in %s%s'
                             % (' or '.join(names), model_dir, hint))
    try:
        serializers.load_npz(path, gen)
    except serializers.NpzFileError as e:
        raise ModelFileError(str(e)) from None
    except serializers.NpzMismatchError as e:
        raise ModelFileError('%s does not match model.json, which describes %s: %s'
                             % (path, describe(spec), str(e).split(': ', 1)[-1])) from None
    if device is not None:
        gen.to_device(device)
    return gen, spec
