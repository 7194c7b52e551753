"""Every row of tests/chainer_api_table.py: the name exists where Chainer 7 puts it, with Chainer
7.8.1's parameter names, order and defaults, and each pitfall listed there is tested.

A signature matches when Chainer's positional parameters lead minigan's in the same order
with the same defaults, Chainer's keyword arguments (its ``**kwargs``) exist with the same
defaults, and anything minigan adds has a default, so every Chainer call still works.
"""
import importlib
import inspect
import os

import numpy
import pytest

import minigan as chainer
import minigan.functions as F
import minigan.links as L
from tests.chainer_api_table import FUNCTIONS, LINKS, NAMES, PITFALLS, REQ, SIGNATURES

TESTS = os.path.dirname(__file__)


def _resolve(path):
    """'training.extensions.LogReport' -> the object, reached from ``minigan`` by attributes."""
    obj = chainer
    for part in path.split('.'):
        obj = getattr(obj, part)
    return obj


def _assert_signature(obj, positional, keywords=()):
    params = [p for p in inspect.signature(obj).parameters.values() if p.name != 'self']
    leading = [(p.name, p.default) for p in params[:len(positional)]]
    assert leading == list(positional)
    by_name = {p.name: p for p in params}
    for name, default in keywords:
        assert name in by_name and by_name[name].default == default, name
    for p in params[len(positional):]:
        assert p.default is not REQ or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD), p.name


@pytest.mark.parametrize('path', NAMES)
def test_name_exists(path):
    assert _resolve(path) is not None


def test_submodules_import_by_their_chainer_path():
    for module in ('minigan.backends.cuda', 'minigan.link_hooks', 'minigan.training.extensions',
                   'minigan.training.updaters', 'minigan.dataset', 'minigan.reporter'):
        importlib.import_module(module)


@pytest.mark.parametrize('name', FUNCTIONS)
def test_function_exists(name):
    assert callable(getattr(F, name))


@pytest.mark.parametrize('name', LINKS)
def test_link_exists(name):
    assert issubclass(getattr(L, name), chainer.Link)


def test_get_mnist_exists():
    _assert_signature(chainer.datasets.get_mnist, [
        ('withlabel', True), ('ndim', 1), ('scale', 1.0), ('dtype', None),
        ('label_dtype', numpy.int32), ('rgb_format', False)])


@pytest.mark.parametrize('path, positional, keywords', SIGNATURES,
                         ids=[s[0] for s in SIGNATURES])
def test_signature_matches_chainer(path, positional, keywords):
    _assert_signature(_resolve(path), positional, keywords)


@pytest.mark.parametrize('func', ['backend.get_array_module', 'backends.cuda.get_array_module'])
def test_get_array_module_takes_any_number_of_arrays(func):
    get_array_module = _resolve(func)
    kinds = [p.kind for p in inspect.signature(get_array_module).parameters.values()]
    assert kinds == [inspect.Parameter.VAR_POSITIONAL]
    assert get_array_module(numpy.ones(1), chainer.Variable(numpy.ones(1))) is numpy


# ---- attributes and methods named in the doc ----
def test_variable_and_parameter_attributes():
    for name in ('array', 'data', 'grad', 'grad_var', 'shape', 'ndim', 'dtype', 'xp', 'T',
                 'backward', 'cleargrad', 'unchain_backward', 'reshape', 'transpose',
                 '__getitem__', '__len__', '__abs__', '__neg__', '__matmul__', '__rmatmul__',
                 '__pow__', '__rpow__', '__lt__', '__ge__'):
        assert hasattr(chainer.Variable, name), name
    p = chainer.Parameter(chainer.initializers.Constant(3.0))
    assert isinstance(p, chainer.Variable) and p.array is None and p.initializer is not None
    p.initialize((2,))
    numpy.testing.assert_array_equal(p.array, [3.0, 3.0])
    assert p.dtype == numpy.float32 and p.update_rule is None


def test_function_node_and_link_methods():
    for name in ('apply', 'forward', 'backward', 'retain_inputs', 'retain_outputs',
                 'get_retained_inputs', 'get_retained_outputs'):
        assert callable(getattr(chainer.FunctionNode, name)), name
    for cls in (chainer.Link, chainer.Chain, chainer.ChainList, chainer.Sequential):
        for name in ('init_scope', 'params', 'namedparams', 'links', 'namedlinks', 'children',
                     'cleargrads', 'zerograds', 'to_device', 'to_cpu', 'to_gpu', 'copy',
                     'copyparams', 'addgrads', 'add_hook', 'add_persistent',
                     'register_persistent', 'serialize', 'xp', '__call__', 'forward'):
            assert hasattr(cls, name), (cls.__name__, name)


def test_config_flags_and_context_managers():
    assert chainer.config.train is True and chainer.config.enable_backprop is True
    with chainer.using_config('train', False):
        assert chainer.config.train is False
    with chainer.no_backprop_mode():
        assert chainer.config.enable_backprop is False
        with chainer.force_backprop_mode():
            assert chainer.config.enable_backprop is True
            x = chainer.Variable(numpy.ones(2, dtype=numpy.float32))
            assert (x * 2).creator is not None
        assert (x * 2).creator is None
    assert chainer.config.train is True and chainer.config.enable_backprop is True


@pytest.mark.parametrize('spec', [-1, '@numpy'])
def test_cpu_device_use_and_send(spec):
    device = chainer.get_device(spec)
    device.use()
    assert device.xp is numpy
    sent = device.send((numpy.ones(2), [numpy.zeros(1)]))
    assert isinstance(sent, tuple) and isinstance(sent[1], list)
    numpy.testing.assert_array_equal(sent[0], [1.0, 1.0])
    cuda = chainer.backends.cuda
    numpy.testing.assert_array_equal(cuda.to_cpu(numpy.arange(3)), [0, 1, 2])
    assert cuda.to_cpu(None) is None


@pytest.mark.skipif(not chainer.backend.cuda.available(), reason='no GPU (CuPy with a device)')
@pytest.mark.parametrize('spec', [0, '@cupy:0'])
def test_gpu_device_use_and_send(spec):
    device = chainer.get_device(spec)
    device.use()
    y = device.send(numpy.arange(3.0))
    assert chainer.backends.cuda.get_array_module(y) is device.xp
    numpy.testing.assert_array_equal(chainer.backends.cuda.to_cpu(y), [0.0, 1.0, 2.0])
    numpy.testing.assert_array_equal(
        chainer.backends.cuda.to_cpu(chainer.backends.cuda.to_gpu(numpy.ones(2))), [1, 1])


def test_initial_values_accept_an_initializer_a_scalar_or_an_array():
    bias = numpy.arange(3, dtype=numpy.float32)
    for initialW, first_row in [(chainer.initializers.Constant(2.0), [2, 2]), (0.5, [0.5, 0.5]),
                                (numpy.full((3, 2), 7, dtype=numpy.float32), [7, 7])]:
        link = L.Linear(2, 3, initialW=initialW, initial_bias=bias)
        numpy.testing.assert_array_equal(link.W.array[0], first_row)
        numpy.testing.assert_array_equal(link.b.array, bias)


def test_links_infer_their_input_size():
    x = numpy.ones((2, 4), dtype=numpy.float32)
    for link in (L.Linear(3), L.Linear(None, 3)):
        assert link(x).shape == (2, 3) and link.W.shape == (3, 4)
    image = numpy.ones((1, 2, 5, 5), dtype=numpy.float32)
    for link in (L.Convolution2D(None, 3, 3), L.Convolution2D(3, 3)):
        assert link(image).shape == (1, 3, 3, 3) and link.W.shape == (3, 2, 3, 3)
    for link in (L.Deconvolution2D(None, 3, 2, 2), L.Deconvolution2D(3, 2, stride=2)):
        assert link(image).shape == (1, 3, 10, 10) and link.W.shape == (2, 3, 2, 2)


def test_link_copy_modes():
    link = L.Linear(2, 3, initialW=0.5)
    shared, copied, fresh = link.copy(), link.copy('copy'), link.copy('init')
    link.W.array[...] = 9.0
    assert shared.W is not link.W and shared.W.array is link.W.array
    numpy.testing.assert_array_equal(copied.W.array, numpy.full((3, 2), 0.5))
    numpy.testing.assert_array_equal(fresh.W.array, numpy.full((3, 2), 0.5))


def test_batch_normalization_start_finetuning_restarts_the_count():
    bn = L.BatchNormalization(2)
    x = numpy.random.RandomState(0).randn(4, 2).astype(numpy.float32)
    bn(x, finetune=True)
    bn(x + 1, finetune=True)
    assert bn.N == 2
    bn.start_finetuning()
    assert bn.N == 0
    bn(x + 3, finetune=True)
    # NOTE: with N = 1 the decay is 0, so the running mean is this batch's mean alone
    numpy.testing.assert_allclose(bn.avg_mean, (x + 3).mean(axis=0), rtol=1e-6)


def test_optimizer_iterator_updater_and_trainer_attributes(tmp_path):
    model = L.Linear(2, 1)
    optimizer = chainer.optimizers.Adam().setup(model)
    assert optimizer.target is model and optimizer.t == 0
    optimizer.alpha = 0.5
    assert optimizer.alpha == 0.5
    data = chainer.datasets.TupleDataset(numpy.ones((4, 2), dtype=numpy.float32),
                                         numpy.zeros(4, dtype=numpy.int32))
    it = chainer.iterators.SerialIterator(data, 2, shuffle=False)
    assert (it.epoch, it.is_new_epoch, it.epoch_detail) == (0, False, 0.0)
    assert len(it.next()) == 2
    it.reset()
    assert it.epoch_detail == 0.0
    updater = chainer.training.updaters.StandardUpdater(it, {'gen': optimizer})
    assert updater.get_iterator('main') is it and updater.get_optimizer('gen') is optimizer
    assert dict(updater.get_all_optimizers()) == {'gen': optimizer}
    assert (updater.iteration, updater.epoch, updater.is_new_epoch) == (0, 0, False)
    trainer = chainer.training.Trainer(updater, (1, 'iteration'), out=str(tmp_path))
    assert trainer.updater is updater and trainer.observation == {}
    assert os.path.abspath(str(trainer.out)) == str(tmp_path)


def test_reporter_scope_collects_reports():
    observation, inner = {}, {}
    reporter = chainer.Reporter()
    with reporter, reporter.scope(observation):
        chainer.report({'loss': 1.5})
        with chainer.report_scope(inner):
            chainer.reporter.report({'acc': 0.5})
    assert observation == {'loss': 1.5} and inner == {'acc': 0.5}


# ---- the pitfalls at the end of chainer_api.md, each with the test that covers it ----
@pytest.mark.parametrize('pitfall, path, test_name', PITFALLS, ids=[p[0] for p in PITFALLS])
def test_pitfall_has_its_test(pitfall, path, test_name):
    with open(os.path.join(TESTS, path)) as f:
        assert 'def %s(' % test_name in f.read(), pitfall


def test_pitfall_scalar_operand_keeps_float32_on_the_left_too():
    # NOTE: what the operator test leaves out: a float64 ndarray on the left of ``/`` and ``@``
    x = chainer.Variable(numpy.array([1.0, 2.0], dtype=numpy.float32))
    assert (numpy.ones(2) / x).dtype == numpy.float32
    assert (numpy.ones((1, 2)) @ x.reshape(2, 1)).dtype == numpy.float32
