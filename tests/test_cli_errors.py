"""Every bad option and bad file gets one ``error:`` line, and the run folder stays as it was.

A table of mistakes a user can make, run over every training script (dcgan_minimal.py
included) and over generate.py, interpolate.py, progress_gif.py, evaluate.py and
prepare_data.py. Each case must end with a non-zero exit status, no
traceback, exactly one line starting ``error:``, and the run folder byte for byte unchanged
(a folder that did not exist must not be created). The scripts run in this process
(``main(argv)``); what a subprocess adds, a real Ctrl-C or kill -9, is in
tests/gan_tests/test_run_faults.py.

    python -m pytest tests/test_cli_errors.py
"""
import hashlib
import json
import os
import shutil

import numpy
import pytest
from PIL import Image

from minigan.gan import data
from tests.examples_tests.conftest import load_example

TRAIN = {
    'dcgan': ['--size', '16', '--ch', '4', '--z-dim', '4', '--batch-size', '4'],
    'sagan': ['--size', '16', '--ch', '4', '--z-dim', '4', '--batch-size', '4', '--attn'],
    'mlp_gan': ['--size', '8', '--hidden', '8', '--z-dim', '4', '--batch-size', '4'],
    'pggan': ['--max-size', '8', '--ch', '4', '--z-dim', '4', '--batch-size', '4',
              '--images-per-phase', '4'],
}
COMMON = ['--iterations', '2', '--n-samples', '4', '--snapshot-every', '2']
SIZE = {'pggan': '--max-size'}
LR = {'sagan': '--lr-gen'}
WIDTH = {'mlp_gan': '--hidden'}

_SCRIPTS = {}


def script(name):
    if name not in _SCRIPTS:
        _SCRIPTS[name] = load_example(name)
    return _SCRIPTS[name]


@pytest.fixture(scope='module')
def world(tmp_path_factory):
    """Eight tiny pictures and one finished two-iteration run of every family."""
    root = tmp_path_factory.mktemp('world')
    pics = root / 'pics'
    pics.mkdir()
    rng = numpy.random.RandomState(0)
    for i in range(8):
        Image.fromarray(rng.randint(0, 256, (16, 16, 3)).astype(numpy.uint8)).save(
            pics / ('%d.png' % i))
    for family, options in TRAIN.items():
        script('train_' + family).main(['--data', str(pics), '--out', str(root / family)]
                                       + options + COMMON)
    return root


def digest(path):
    """A hash of every name and byte under ``path`` ('absent' when there is nothing)."""
    if not os.path.exists(path):
        return 'absent'
    if os.path.isfile(path):
        return hashlib.sha1(open(path, 'rb').read()).hexdigest()
    h = hashlib.sha1()
    for folder, dirs, files in sorted(os.walk(path)):
        dirs.sort()
        for name in sorted(files) + ['%s/' % d for d in dirs]:
            full = os.path.join(folder, name)
            h.update(os.path.relpath(full, path).encode())
            if os.path.isfile(full):
                with open(full, 'rb') as f:
                    h.update(f.read())
    return h.hexdigest()


def rewrite_npz(path, change):
    with numpy.load(path, allow_pickle=False) as f:
        arrays = {k: f[k] for k in f.files}
    change(arrays)
    with open(path, 'wb') as f:
        numpy.savez(f, **arrays)


def pickle_all(arrays):
    for key in arrays:
        arrays[key] = numpy.array(arrays[key], dtype=object)


def edit_model_json(run, change):
    path = run / 'model.json'
    spec = json.loads(path.read_text())
    change(spec)
    path.write_text(json.dumps(spec))


def truncate(path):
    data = path.read_bytes()
    path.write_bytes(data[:len(data) // 2])


# Each case: (script, family of the run copied to RUN, argv, prepare(run, world) or None).
# In argv, RUN is the copied run folder and WORLD the module's folder.
CASES = []


def case(name, script_name, family, argv, prepare=None):
    CASES.append(pytest.param(script_name, family, argv, prepare, id=name))


for fam in TRAIN:
    train = 'train_' + fam
    size, lr, width = SIZE.get(fam, '--size'), LR.get(fam, '--lr'), WIDTH.get(fam, '--ch')
    new = ['--out', 'RUN/new']
    odd = '129' if fam == 'mlp_gan' else '33'
    for option, value in [(size, '0'), (size, '-5'), (size, odd), (size, '100000'),
                          ('--batch-size', '0'), ('--batch-size', '-1'),
                          ('--iterations', '0'), ('--iterations', '-3'),
                          ('--snapshot-every', '-1'), ('--log-every', '0'),
                          ('--device', '5'), ('--device', 'foo'), ('--device', '@cupy:x'),
                          ('--background', '#zzz'), (lr, 'nan'), (lr, '-1'), (width, '0'),
                          ('--seed', 'x'), ('--fit', 'zoom'), ('--bogus', '1')]:
        case('%s %s %s' % (fam, option, value), train, fam, new + [option, value])
    case('%s fresh run into a run' % fam, train, fam, ['--out', 'RUN'])
    case('%s --resume missing' % fam, train, fam, new + ['--resume', 'RUN/snapshot_iter_9.npz'])
    case('%s --resume a folder' % fam, train, fam, new + ['--resume', 'RUN'])
    case('%s --resume text' % fam, train, fam, new + ['--resume', 'RUN/log'])
    case('%s --resume png' % fam, train, fam, new + ['--resume', 'RUN/loss.png'])
    case('%s --resume gen.npz' % fam, train, fam, new + ['--resume', 'RUN/gen.npz'])
    own = ['--out', 'RUN', '--resume', 'RUN/snapshot_iter_2.npz']
    case('%s --resume truncated' % fam, train, fam, own,
         lambda run, world: truncate(run / 'snapshot_iter_2.npz'))
    case('%s --resume pickled' % fam, train, fam, own,
         lambda run, world: rewrite_npz(run / 'snapshot_iter_2.npz', pickle_all))
    other = 'sagan' if fam == 'dcgan' else 'dcgan'
    case('%s --resume a %s snapshot' % (fam, other), train, fam,
         new + ['--resume', 'WORLD/%s/snapshot_iter_2.npz' % other])
    case('%s --resume into another run' % fam, train, fam,
         ['--out', 'RUN', '--resume', 'WORLD/%s/snapshot_iter_2.npz' % fam])
    case('%s --overwrite with its own --resume' % fam, train, fam,
         ['--out', 'RUN', '--overwrite', '--resume', 'RUN/snapshot_iter_2.npz'])
    case('%s --out is a file' % fam, train, fam, ['--out', 'RUN/log'])
    case('%s --out under a file' % fam, train, fam, ['--out', 'RUN/log/x'])
    case('%s --data missing' % fam, train, fam, new + ['--data', 'RUN/nothing'])
    case('%s --data empty' % fam, train, fam, new + ['--data', 'RUN/samples/empty'],
         lambda run, world: (run / 'samples' / 'empty').mkdir())

case('dcgan --resume with another --ch', 'train_dcgan', 'dcgan',
     ['--out', 'RUN', '--ch', '8', '--resume', 'RUN/snapshot_iter_2.npz'])
case('dcgan --resume with another --loss', 'train_dcgan', 'dcgan',
     ['--out', 'RUN', '--loss', 'wgan-gp', '--resume', 'RUN/snapshot_iter_2.npz'])
case('dcgan --resume one weight pickled', 'train_dcgan', 'dcgan',
     ['--out', 'RUN', '--resume', 'RUN/snapshot_iter_2.npz'],
     lambda run, world: rewrite_npz(run / 'snapshot_iter_2.npz', lambda a: a.update(
         {'updater/model:gen/l0/W': numpy.array(a['updater/model:gen/l0/W'], dtype=object)})))
case('sagan --ema 1.5', 'train_sagan', 'sagan', ['--out', 'RUN/new', '--ema', '1.5'])
case('pggan --images-per-phase 0', 'train_pggan', 'pggan',
     ['--out', 'RUN/new', '--images-per-phase', '0'])

GENERATE = [('--n', '0'), ('--n', 'x'), ('--batch-size', '0'), ('--device', 'foo')]
for option, value in GENERATE:
    case('generate %s %s' % (option, value), 'generate', 'dcgan',
         ['--model', 'RUN', option, value])
for name, prepare in [
        ('missing', lambda run, world: (run / 'model.json').unlink()),
        ('empty', lambda run, world: (run / 'model.json').write_text('')),
        ('truncated', lambda run, world: truncate(run / 'model.json')),
        ('a list', lambda run, world: (run / 'model.json').write_text('[1, 2]')),
        ('family zzz', lambda run, world: edit_model_json(run, lambda s: s.update(family='zzz'))),
        ('ch 1e8', lambda run, world: edit_model_json(
            run, lambda s: s['generator'].update(ch=100000000))),
        ('ch "wide"', lambda run, world: edit_model_json(
            run, lambda s: s['generator'].update(ch={'a': 1}))),
        ('size 33', lambda run, world: edit_model_json(
            run, lambda s: s['generator'].update(size=33))),
        ('unknown argument', lambda run, world: edit_model_json(
            run, lambda s: s['generator'].update(depth=3))),
        ('size 32 for 16 weights', lambda run, world: edit_model_json(
            run, lambda s: s['generator'].update(size=32))),
        ('generator_file outside', lambda run, world: edit_model_json(
            run, lambda s: s.update(generator_file='../../dcgan/gen.npz')))]:
    case('generate model.json %s' % name, 'generate', 'dcgan', ['--model', 'RUN'], prepare)
case('generate --model missing', 'generate', 'dcgan', ['--model', 'RUN/nothing'])
case('generate --model a file', 'generate', 'dcgan', ['--model', 'RUN/log'])
case('generate gen.npz missing', 'generate', 'dcgan', ['--model', 'RUN'],
     lambda run, world: (run / 'gen.npz').unlink())
case('generate gen.npz truncated', 'generate', 'dcgan', ['--model', 'RUN'],
     lambda run, world: truncate(run / 'gen.npz'))
case('generate gen.npz pickled', 'generate', 'dcgan', ['--model', 'RUN'],
     lambda run, world: rewrite_npz(run / 'gen.npz', pickle_all))
case('generate gen.npz 4000x4000', 'generate', 'dcgan', ['--model', 'RUN'],
     lambda run, world: rewrite_npz(run / 'gen.npz', lambda a: a.update(
         {'l0/W': numpy.zeros((4000, 4000), numpy.float32)})))
case('generate --grid under a file', 'generate', 'dcgan',
     ['--model', 'RUN', '--grid', 'RUN/log/g.png'])
for option, value in [('--fps', '0'), ('--fps', 'inf'), ('--points', '0'), ('--frames', '-1'),
                      ('--scale', '0'), ('--grid', '0x3'), ('--grid', 'big'),
                      ('--out', 'walk.avi'), ('--mode', 'cubic')]:
    case('interpolate %s %s' % (option, value), 'interpolate', 'pggan',
         ['--model', 'RUN', option, value])
case('interpolate model.json missing', 'interpolate', 'pggan', ['--model', 'RUN'],
     lambda run, world: (run / 'model.json').unlink())
for option, value in [('--every', '0'), ('--fps', '0'), ('--hold', '-1'), ('--scale', '0'),
                      ('--out', 'p.avi')]:
    case('progress_gif %s %s' % (option, value), 'progress_gif', 'dcgan',
         ['--run', 'RUN', option, value])
case('progress_gif no samples', 'progress_gif', 'dcgan', ['--run', 'RUN/samples'])
case('progress_gif a corrupt grid', 'progress_gif', 'dcgan', ['--run', 'RUN'],
     lambda run, world: (run / 'samples' / 'iter_0000001.png').write_bytes(b'not a png'))

for option, value in [('--n', '1'), ('--batch-size', '0'), ('--device', 'foo'),
                      ('--max-real', 'x')]:
    case('evaluate %s %s' % (option, value), 'evaluate', 'dcgan',
         ['--model', 'RUN', option, value])
case('evaluate --model missing', 'evaluate', 'dcgan', ['--model', 'RUN/nothing'])
case('evaluate --data missing', 'evaluate', 'dcgan', ['--model', 'RUN', '--data', 'RUN/none'])
case('evaluate gen.npz pickled', 'evaluate', 'dcgan', ['--model', 'RUN'],
     lambda run, world: rewrite_npz(run / 'gen.npz', pickle_all))
for option, value in [('--size', '3'), ('--background', '#zzz'), ('--margin', '2'),
                      ('--fit', 'zoom'), ('--threshold', '-1')]:
    case('prepare_data %s %s' % (option, value), 'prepare_data', 'dcgan',
         ['RUN/samples', 'RUN/prepared', option, value])
case('prepare_data input missing', 'prepare_data', 'dcgan', ['RUN/nothing', 'RUN/prepared'])
case('prepare_data output not empty', 'prepare_data', 'dcgan', ['RUN/samples', 'RUN'])
for option, value in [('--iterations', '0'), ('--batch-size', '-1'), ('--sample-every', 'x'),
                      ('--data', 'RUN/nothing')]:
    case('dcgan_minimal %s %s' % (option, value), 'dcgan_minimal', 'dcgan',
         ['--out', 'RUN/new', option, value])
case('dcgan_minimal --out not empty', 'dcgan_minimal', 'dcgan', ['--out', 'RUN'])


@pytest.mark.parametrize('script_name, family, argv, prepare', CASES)
def test_one_error_line_and_nothing_touched(world, tmp_path, capsys, script_name, family,
                                            argv, prepare):
    run = tmp_path / 'run'
    shutil.copytree(world / family, run)
    if prepare:
        prepare(run, world)
    argv = [a.replace('RUN', str(run)).replace('WORLD', str(world)) for a in argv]
    if script_name.startswith('train_'):
        argv = ['--data', str(world / 'pics')] + TRAIN[family] + COMMON + argv
    before = digest(run)
    capsys.readouterr()
    with pytest.raises(SystemExit) as info:
        script(script_name).main(argv)
    out, err = capsys.readouterr()
    code = info.value.code
    if isinstance(code, str):  # NOTE: what Python does with sys.exit('...') on the way out
        err, code = err + code + '\n', 1
    errors = [line for line in (out + err).splitlines() if line.startswith('error:')]
    assert code not in (0, None), out + err
    assert 'Traceback' not in out + err
    assert len(errors) == 1, out + err
    assert digest(run) == before, errors


def test_ctrl_c_before_training_names_the_folders(world, tmp_path, capsys, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt
    monkeypatch.setattr(data, 'ImageFolder', interrupted)
    with pytest.raises(SystemExit) as info:
        script('train_dcgan').main(['--data', str(world / 'pics'), '--out', str(tmp_path / 'r')]
                                   + TRAIN['dcgan'] + COMMON)
    err = capsys.readouterr().err
    assert info.value.code == 130 and err.count('error:') == 1
    assert str(world / 'pics') in err and str(tmp_path / 'r') in err
    assert not (tmp_path / 'r').exists()


def test_a_read_only_out_is_refused_before_decoding(world, tmp_path, capsys, monkeypatch):
    # NOTE: as root a chmod 555 folder stays writable, so the refusal of the system is simulated
    monkeypatch.setattr(os, 'access', lambda path, mode: False)
    with pytest.raises(SystemExit):
        script('train_dcgan').main(['--data', str(world / 'pics'), '--out', str(tmp_path / 'r')]
                                   + TRAIN['dcgan'] + COMMON)
    err = capsys.readouterr().err
    assert err.startswith('error: --out %s cannot be written' % (tmp_path / 'r'))


def test_under_mpiexec_only_process_0_says_it(capsys, monkeypatch):
    from minigan.gan import cli
    for rank, said in (('1', ''), ('0', 'error: x\n')):
        monkeypatch.setenv('PMI_RANK', rank)
        with pytest.raises(SystemExit) as info:
            cli.fail('x')
        assert info.value.code == 1 and capsys.readouterr().err == said
