"""``python -m minigan.as_chainer`` and ``install()``: Chainer's module names answered by minigan
(issue 12's command and gaps 1 and 2)."""
import os
import subprocess
import sys
import textwrap

import numpy
import pytest

from minigan import as_chainer

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@pytest.fixture
def chainer():
    as_chainer.install()
    try:
        import chainer
        yield chainer
    finally:
        as_chainer.uninstall()


def test_chainer_names_resolve_to_minigan(chainer):
    import minigan
    import chainer.functions as F
    import chainer.links as L
    from chainer import cuda, function_node, link, variable
    from chainer.backends import cuda as backends_cuda
    from chainer.training import extension, extensions
    from chainer.utils import type_check
    assert F is minigan.functions and L is minigan.links
    assert cuda is backends_cuda is chainer.cuda
    assert link.Chain is chainer.Chain is minigan.Chain
    assert link.ChainList is minigan.ChainList and link.Link is minigan.Link
    assert function_node.FunctionNode is minigan.FunctionNode
    assert variable.Variable is minigan.Variable
    assert extension.Extension is minigan.training.Extension
    assert extensions.Evaluator is minigan.training.extensions.Evaluator
    assert type_check.expect is minigan.utils.type_check.expect
    assert chainer.__version__ == as_chainer.CHAINER_VERSION
    assert chainer.variable.Variable is minigan.Variable  # NOTE: without an import statement
    from chainer.optimizer import GradientMethod, WeightDecay  # NOQA
    assert WeightDecay is minigan.optimizer_hooks.WeightDecay
    from chainer.functions.array.broadcast import broadcast_to  # NOQA
    from chainer.links.connection.convolution_2d import Convolution2D  # NOQA
    from chainer.training.extensions.computational_graph import DumpGraph  # NOQA
    from chainer.dataset import download, convert, dataset_mixin  # NOQA


def test_a_missing_chainer_module_says_so(chainer):
    with pytest.raises(ModuleNotFoundError, match="'chainer.links.model.vision'"):
        import chainer.links.model.vision.resnet  # NOQA
    with pytest.raises(AttributeError, match='no attribute'):
        chainer.no_such_thing


def test_chainerx_is_unavailable(chainer):
    import chainerx
    assert chainerx.is_available() is False
    assert not isinstance(numpy.zeros(1), chainerx.ndarray)


def test_chainermn_maps_to_minigan_distributed_when_present(chainer):
    import importlib.util
    if importlib.util.find_spec('minigan.distributed') is None:
        with pytest.raises(ModuleNotFoundError, match='minigan.distributed'):
            import chainermn  # NOQA
    else:
        import chainermn
        import minigan.distributed
        assert chainermn is minigan.distributed


def test_uninstall_forgets_chainer():
    as_chainer.install()
    as_chainer.install()  # NOTE: twice is harmless
    import chainer  # NOQA
    as_chainer.uninstall()
    assert 'chainer' not in sys.modules
    assert not any(isinstance(f, as_chainer.ChainerFinder) for f in sys.meta_path)


def test_cuda_names_without_a_gpu(chainer):
    cuda = chainer.cuda
    if cuda.available:
        pytest.skip('a GPU is visible')
    assert cuda.available is False
    assert cuda.get_device_from_id(-1) is cuda.DummyDevice
    assert cuda.get_device_from_id(None) is cuda.DummyDevice
    assert cuda.get_device_from_array(numpy.zeros(2)) is cuda.DummyDevice
    with cuda.get_device_from_id(-1):
        cuda.DummyDevice.use()
    with pytest.warns(DeprecationWarning):
        assert cuda.get_device(numpy.zeros(1)) is cuda.DummyDevice
    assert numpy is not cuda.cupy and not isinstance(numpy.zeros(1), cuda.ndarray)
    assert cuda.get_array_module(numpy.zeros(1)) is numpy
    assert cuda.to_cpu(numpy.arange(2)).tolist() == [0, 1]
    with pytest.raises(RuntimeError, match='CUDA environment'):
        cuda.check_cuda_available()
    kernel = cuda.elementwise('T x', 'T y', 'y = x * 2', 'double_it')
    reduction = cuda.reduce('T x', 'T y', 'x', 'a + b', 'y = a', '0', 'total')
    assert kernel.name == 'double_it' and reduction.arguments[-1] == 'total'
    calls = []

    @cuda.memoize()
    def square(v):
        calls.append(v)
        return v * v
    assert square(3) == square(3) == 9 and calls == [3]


SCRIPT = '''
import argparse
import chainer
import chainer.functions as F
import chainer.links as L
from chainer import training
from chainer.training import extensions

parser = argparse.ArgumentParser()
parser.add_argument('--resume')
parser.add_argument('--iterations', type=int, default=4)
args = parser.parse_args()
import helper  # NOTE: found in the script's folder, as `python train.py` would
rng = chainer.backend.get_array_module(None).random.RandomState(0)
x = rng.randn(8, 3).astype('f')
t = (x.sum(axis=1) > 0).astype('i')
model = L.Classifier(chainer.Sequential(L.Linear(3, 4), F.relu, L.Linear(4, 2)))
optimizer = chainer.optimizers.Adam().setup(model)
train = chainer.iterators.SerialIterator(chainer.datasets.TupleDataset(x, t), 4)
updater = training.updaters.StandardUpdater(train, optimizer)
trainer = training.Trainer(updater, (args.iterations, 'iteration'), out='result')
trainer.extend(extensions.LogReport(trigger=(1, 'iteration')))
trainer.extend(extensions.snapshot(), trigger=(2, 'iteration'))
trainer.extend(extensions.PrintReport(['iteration', 'main/loss', 'main/accuracy']))
if args.resume:
    chainer.serializers.load_npz(args.resume, trainer)
trainer.run()
print('done', __name__, chainer.__version__, helper.VALUE)
'''


def _run(args, cwd):
    env = dict(os.environ, PYTHONPATH=ROOT)
    return subprocess.run([sys.executable, '-m', 'minigan.as_chainer'] + args, cwd=str(cwd),
                          env=env, capture_output=True, text=True, timeout=120)


def test_runs_a_chainer_program_unmodified_and_resumes(tmp_path):
    folder = tmp_path / 'program'
    folder.mkdir()
    (folder / 'train.py').write_text(textwrap.dedent(SCRIPT))
    (folder / 'helper.py').write_text('VALUE = 42\n')
    run = _run([str(folder / 'train.py')], tmp_path)
    assert run.returncode == 0, run.stderr
    assert 'done __main__ %s 42' % as_chainer.CHAINER_VERSION in run.stdout
    assert (tmp_path / 'result' / 'snapshot_iter_4').exists()
    resumed = _run([str(folder / 'train.py'), '--resume', 'result/snapshot_iter_4',
                    '--iterations', '6'], tmp_path)
    assert resumed.returncode == 0, resumed.stderr
    rows = [line.split()[0] for line in resumed.stdout.splitlines() if line[:1].isdigit()]
    assert rows == ['5', '6']


def test_usage_and_a_missing_script(tmp_path):
    usage = _run([], tmp_path)
    assert usage.returncode == 2 and 'usage:' in usage.stdout
    missing = _run([str(tmp_path / 'nope.py')], tmp_path)
    assert missing.returncode == 2
    assert missing.stderr.startswith('error: ') and len(missing.stderr.splitlines()) == 1


def test_install_refuses_when_a_real_chainer_is_imported(monkeypatch):
    import types
    monkeypatch.setitem(sys.modules, 'chainer', types.ModuleType('chainer'))
    with pytest.raises(RuntimeError, match='already imported'):
        as_chainer.install()
    assert not any(isinstance(f, as_chainer.ChainerFinder) for f in sys.meta_path)
