import numpy
import pytest

import minigan
from minigan import functions as F
from minigan import initializers
from minigan.backend import cuda
from tests.links_tests.helpers import load, save


class Affine(minigan.Link):
    """y = x * a + b with a persistent call counter: enough to test the Link machinery."""

    def __init__(self, size=3, a=2.0):
        super().__init__()
        with self.init_scope():
            self.a = minigan.Parameter(initializers.Constant(a), (size,))
            self.b = minigan.Parameter(initializers.Normal(1.0))
        self.add_persistent('count', 0)
        self.add_persistent('stat', numpy.zeros(size, dtype=numpy.float32))

    def forward(self, x):
        if self.b.array is None:
            self.b.initialize(x.shape[1:], self.xp)
        self.count += 1
        return x * F.broadcast_to(self.a, x.shape) + F.broadcast_to(self.b, x.shape)


class Net(minigan.Chain):
    def __init__(self):
        super().__init__()
        with self.init_scope():
            self.l1 = Affine(3, 2.0)
            self.l2 = minigan.ChainList(Affine(3, 3.0), Affine(3, 4.0))
            self.w = minigan.Parameter(numpy.ones(2, dtype=numpy.float32))

    def forward(self, x):
        return self.l2[1](self.l2[0](self.l1(x)))


def _x():
    return numpy.arange(6, dtype=numpy.float32).reshape(2, 3)


def test_init_scope_registers_params_and_children():
    net = Net()
    names = [name for name, _ in net.namedparams()]
    assert names == ['/w', '/l1/a', '/l1/b', '/l2/0/a', '/l2/0/b', '/l2/1/a', '/l2/1/b']
    assert [name for name, _ in net.namedparams(include_uninit=False)] == [
        '/w', '/l1/a', '/l2/0/a', '/l2/1/a']
    assert [name for name, _ in net.namedlinks()] == ['/', '/l1', '/l2', '/l2/0', '/l2/1']
    assert [name for name, _ in net.namedlinks(skipself=True)][0] == '/l1'
    assert list(net.children()) == [net.l1, net.l2]
    assert len(list(net.links(skipself=True))) == 4
    assert net.l1.name == 'l1' and net.l2[1].name == '1' and net.w.name == 'w'
    assert net['l1'] is net.l1


def test_assignment_outside_init_scope_is_not_registered():
    link = Affine()
    link.c = minigan.Parameter(numpy.zeros(1, dtype=numpy.float32))
    assert [name for name, _ in link.namedparams()] == ['/a', '/b']
    del link.a
    assert [name for name, _ in link.namedparams()] == ['/b']


def test_add_param_and_persistents():
    link = minigan.Link()
    link.add_param('W', (2, 3), initializer=initializers.One())
    link.add_param('u', (2,))
    numpy.testing.assert_array_equal(link.W.array, numpy.ones((2, 3)))
    assert numpy.isnan(link.u.array).all()
    with pytest.raises(AttributeError):
        link.add_param('W', (1,))
    link.add_persistent('N', 0)
    link.v = numpy.zeros(2)
    link.register_persistent('v')
    assert link._persistent == ['N', 'v']
    with pytest.raises(AttributeError):
        link.register_persistent('missing')


def test_forward_and_grad_management():
    net = Net()
    y = net(_x())
    expected = ((_x() * 2 + net.l1.b.array) * 3 + net.l2[0].b.array) * 4 + net.l2[1].b.array
    numpy.testing.assert_allclose(y.array, expected, rtol=1e-6)
    F.sum(y).backward()
    numpy.testing.assert_allclose(net.l1.a.grad, (_x() * 12).sum(axis=0), rtol=1e-6)
    net.cleargrads()
    assert all(p.grad is None for p in net.params())
    net.zerograds()
    assert all((p.grad == 0).all() for p in net.params() if p.array is not None)


def test_addgrads():
    a, b = Affine(), Affine()
    a.a.grad = numpy.ones(3, dtype=numpy.float32)
    b.a.grad = numpy.full(3, 2.0, dtype=numpy.float32)
    a.addgrads(b)
    numpy.testing.assert_array_equal(a.a.grad, numpy.full(3, 3.0))
    assert a.b.grad is None


def test_copy_share():
    net = Net()
    net(_x())
    net.l1.a.grad = numpy.ones(3, dtype=numpy.float32)
    shared = net.copy()
    assert shared.l1.a is not net.l1.a
    assert shared.l1.a.array is net.l1.a.array
    assert shared.l1.a.grad is None
    assert shared.l1 is not net.l1 and shared.l2[0] is not net.l2[0]
    assert shared.l1.name == 'l1' and shared.name is None
    assert [n for n, _ in shared.namedparams()] == [n for n, _ in net.namedparams()]


def test_copy_deep_has_own_graph_nodes():
    net = Net()
    net(_x())
    deep = net.copy(mode='copy')
    deep.l1.a.array[...] = 5.0
    numpy.testing.assert_array_equal(net.l1.a.array, numpy.full(3, 2.0))
    F.sum(deep(_x())).backward()
    # NOTE: the gradient must use the copy's values (a weight shared by node would not).
    numpy.testing.assert_allclose(deep.l1.a.grad, (_x() * 12).sum(axis=0), rtol=1e-6)
    numpy.testing.assert_allclose(deep.l2[0].a.grad, ((_x() * 5 + deep.l1.b.array) * 4).sum(0),
                                  rtol=1e-6)
    assert net.l1.a.grad is None


def test_copy_init_reinitializes():
    numpy.random.seed(0)
    net = Net()
    net(_x())
    net.l1.a.array[...] = 7.0
    fresh = net.copy(mode='init')
    numpy.testing.assert_array_equal(fresh.l1.a.array, numpy.full(3, 2.0))
    assert not numpy.allclose(fresh.l1.b.array, net.l1.b.array)
    assert fresh.l1.b.shape == net.l1.b.shape
    with pytest.raises(ValueError):
        net.copy(mode='bad')


def test_copyparams():
    src, dst = Net(), Net()
    src(_x())
    src.l2[0].stat[...] = 3.0
    dst.copyparams(src)
    for (name, p), (_, q) in zip(dst.namedparams(), src.namedparams()):
        numpy.testing.assert_array_equal(p.array, q.array, err_msg=name)
    numpy.testing.assert_array_equal(dst.l2[0].stat, numpy.full(3, 3.0))
    assert dst.l1.count == 1
    other = Net()
    other.copyparams(src, copy_persistent=False)
    assert other.l1.count == 0


def test_serialize_round_trip():
    net = Net()
    net(_x())
    net.l1.stat[...] = 1.5
    saved = save(net)
    assert sorted(saved) == sorted([
        'w', 'l1/a', 'l1/b', 'l1/count', 'l1/stat', 'l2/0/a', 'l2/0/b', 'l2/0/count',
        'l2/0/stat', 'l2/1/a', 'l2/1/b', 'l2/1/count', 'l2/1/stat'])
    fresh = Net()
    assert fresh.l1.b.array is None
    stat = fresh.l1.stat
    load(fresh, saved)
    numpy.testing.assert_array_equal(fresh.l1.b.array, net.l1.b.array)
    assert fresh.l1.stat is stat and (stat == 1.5).all()
    assert fresh.l1.count == 1
    numpy.testing.assert_array_equal(fresh(_x()).array, net(_x()).array)


def test_serialize_leaves_unsaved_uninitialized_param():
    link = Affine()
    saved = save(link)
    assert saved['b'] is None
    fresh = Affine()
    load(fresh, saved)
    assert fresh.b.array is None


def test_to_cpu_round_trip():
    net = Net()
    net(_x())
    before = [p.array.copy() for p in net.params()]
    assert net.to_cpu() is net
    assert net.to_device('@numpy') is net and net.xp is numpy
    assert str(net.l2[0].device) == '@numpy'
    for p, b in zip(net.params(), before):
        assert isinstance(p.array, numpy.ndarray)
        numpy.testing.assert_array_equal(p.array, b)
    assert isinstance(net.l1.stat, numpy.ndarray) and net.l1.count == 1


@pytest.mark.skipif(not cuda.available(), reason='CuPy with a GPU is not available')
def test_to_gpu_round_trip():
    net = Net()
    net(_x())
    before = net.l1.b.array.copy()
    net.to_gpu()
    assert net.xp is cuda.get_cupy() and cuda.is_cupy_array(net.l1.stat)
    y = net(net.xp.asarray(_x()))
    net.to_cpu()
    numpy.testing.assert_array_equal(net.l1.b.array, before)
    numpy.testing.assert_allclose(cuda.to_cpu(y.array), net(_x()).array, rtol=1e-6)


def test_update_enabled():
    class Rule:
        enabled = True

    link = Affine()
    assert not link.update_enabled
    for p in link.params():
        p.update_rule = Rule()
    assert link.update_enabled
    link.disable_update()
    assert not link.update_enabled and not link.a.update_rule.enabled
    link.enable_update()
    assert link.b.update_rule.enabled


class Recorder(minigan.LinkHook):
    name = 'Recorder'

    def __init__(self):
        self.calls = []

    def added(self, link):
        self.calls.append(('added', link))

    def deleted(self, link):
        self.calls.append(('deleted', link))

    def forward_preprocess(self, args):
        self.calls.append(('pre', args.link, args.forward_name, args.args, args.kwargs))

    def forward_postprocess(self, args):
        self.calls.append(('post', args.out))


def test_local_hook_protocol():
    link, hook = Affine(), Recorder()
    assert link.add_hook(hook) is link
    x = _x()
    y = link(x)
    assert hook.calls[0] == ('added', link)
    assert hook.calls[1][:3] == ('pre', link, 'forward') and hook.calls[1][3][0] is x
    assert hook.calls[1][4] == {}
    assert hook.calls[2][0] == 'post' and hook.calls[2][1] is y
    with pytest.raises(KeyError):
        link.add_hook(Recorder())
    with pytest.raises(TypeError):
        link.add_hook(object())
    link.delete_hook('Recorder')
    assert hook.calls[-1] == ('deleted', link)
    link(x)
    assert len(hook.calls) == 4


def test_global_hook_protocol():
    hook = Recorder()
    link = Affine()
    with hook:
        link(_x())
    link(_x())
    assert [c[0] for c in hook.calls] == ['added', 'pre', 'post', 'deleted']
    assert hook.calls[0] == ('added', None)


def test_sequential():
    l1, l2 = Affine(3, 2.0), Affine(3, 3.0)
    seq = minigan.Sequential(l1, F.negative, l2)
    assert len(seq) == 3 and seq[1] is F.negative
    assert [name for name, _ in seq.namedlinks(skipself=True)] == ['/0', '/1']
    y = seq(_x())
    expected = -(_x() * 2 + l1.b.array) * 3 + l2.b.array
    numpy.testing.assert_allclose(y.array, expected, rtol=1e-6)
    copied = seq.copy()
    assert copied[0] is not l1 and copied[1] is F.negative and copied[2] is copied._children[1]
    numpy.testing.assert_allclose(copied(_x()).array, expected, rtol=1e-6)
    with pytest.raises(RuntimeError):
        minigan.Sequential()(_x())


def test_chainlist_rejects_init_scope_links():
    chain_list = minigan.ChainList()
    with pytest.raises(TypeError):
        with chain_list.init_scope():
            chain_list.child = Affine()
