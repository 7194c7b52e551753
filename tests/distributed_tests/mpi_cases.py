"""Checks run by ``mpiexec -n K python -m tests.distributed_tests.mpi_cases CASES COMM DEVICE``.

Each case asserts on every process; a failing assert exits non-zero and pytest (which
starts the processes, see test_multi_process.py) reports the output.
"""
import os
import signal
import sys

import numpy

import minigan
from minigan import distributed, optimizers
from minigan import links as L
from minigan.distributed.mpi import abort_on_uncaught_exception
from minigan.gan import losses, parallel
from minigan.gan.models import dcgan


def to_device(device, model):
    model.to_device(device)
    return model


def case_mean_grad(comm, device):
    """Every gradient becomes the mean of the per-process gradients; allreduce sums."""
    xp = minigan.get_device(device).xp
    model = to_device(device, minigan.Sequential(L.Linear(3, 4), L.Linear(4, 2)))

    def grads_of(rank):
        rng = numpy.random.RandomState(rank)
        return {name: rng.randn(*p.shape).astype(p.dtype)
                for name, p in sorted(model.namedparams())}

    for name, p in model.namedparams():
        p.grad = xp.asarray(grads_of(comm.rank)[name])
    comm.allreduce_grad(model)
    everyone = [grads_of(r) for r in range(comm.size)]
    for name, p in model.namedparams():
        mean = sum(g[name] for g in everyone) / comm.size
        numpy.testing.assert_allclose(minigan.backend.to_cpu(p.grad), mean, rtol=1e-6, atol=1e-7)
    x = xp.full((2, 3), comm.rank + 1.0, dtype=numpy.float32)
    total = comm.allreduce(x)
    numpy.testing.assert_array_equal(minigan.backend.to_cpu(total),
                                     numpy.full((2, 3), comm.size * (comm.size + 1) / 2))
    # the weights of process 0 reach everyone
    for p in model.params():
        p.array[...] = comm.rank
    comm.bcast_data(model)
    assert all(float(p.array.max()) == 0 for p in model.params())
    obj = comm.bcast_obj({'rank': comm.rank, 'a': numpy.arange(3), 't': (1, 'x')})
    assert obj['rank'] == 0 and obj['t'] == (1, 'x')
    gathered = comm.gather_obj(comm.rank * 10)
    assert gathered == (list(range(0, 10 * comm.size, 10)) if comm.rank == 0 else None)


def critic_steps(comm, device, batch, steps, shards):
    """``steps`` WGAN-GP critic updates (Adam) on this process's part of fixed batches."""
    numpy.random.seed(0)
    dis = to_device(device, dcgan.Discriminator(size=16, ch=8, use_bn=False))
    opt = optimizers.Adam(alpha=1e-3, beta1=0.5, beta2=0.9)
    opt.setup(dis)
    if comm is not None:
        opt = distributed.create_multi_node_optimizer(opt, comm)
    xp = dis.xp
    rank = comm.rank if comm is not None else 0
    part = slice(rank * batch, (rank + 1) * batch)
    for step in range(steps):
        rng = numpy.random.RandomState(100 + step)  # NOTE: the whole batch of all processes
        real = rng.uniform(-1, 1, (batch * shards, 3, 16, 16)).astype(numpy.float32)
        fake = rng.uniform(-1, 1, (batch * shards, 3, 16, 16)).astype(numpy.float32)
        eps = rng.uniform(size=(batch * shards, 1, 1, 1))
        uniform = numpy.random.uniform
        numpy.random.uniform = lambda size: eps[part]  # the penalty's interpolation weights
        try:
            x_real, x_fake = xp.asarray(real[part]), xp.asarray(fake[part])
            loss = losses.dis_loss('wgan-gp', dis(x_real), dis(x_fake))
            loss = loss + 10.0 * losses.gradient_penalty(dis, x_real, x_fake, xp)
        finally:
            numpy.random.uniform = uniform
        dis.cleargrads()
        loss.backward()
        opt.update()
    return {name: minigan.backend.to_cpu(p.array) for name, p in sorted(dis.namedparams())}


def case_same_as_one_big_batch(comm, device):
    """K processes with batch B step exactly as one process with batch K*B (no BN)."""
    B, steps = 2, 3
    mine = critic_steps(comm, device, B, steps, comm.size)
    alone = critic_steps(None, device, B * comm.size, steps, 1)
    moved = 0
    for name in mine:
        numpy.testing.assert_allclose(mine[name], alone[name], rtol=1e-4, atol=2e-6,
                                      err_msg=name)
        moved += 1
    first = critic_steps(None, device, B, 0, 1)
    assert any(not numpy.allclose(first[n], mine[n]) for n in mine), 'the weights never moved'
    others = comm.gather_obj(mine)
    if comm.rank == 0:
        for theirs in others:
            for name in mine:
                numpy.testing.assert_array_equal(theirs[name], mine[name])
    assert moved


def case_scatter(comm, device):
    """The parts cover every example; exactly once without force_equal_length."""
    n = 11
    data = numpy.arange(n) * 10
    for equal in (True, False):
        for mine in (data, data if comm.rank == 0 else None):  # every process, or root only
            part = distributed.scatter_dataset(mine, comm, shuffle=True, seed=3,
                                               force_equal_length=equal)
            values = [int(part[i]) for i in range(len(part))]
            parts = comm.gather_obj(values)
            if comm.rank == 0:
                every = sorted(v for p in parts for v in p)
                if equal:
                    assert len({len(p) for p in parts}) == 1
                    assert sorted(set(every)) == list(data)
                else:
                    assert every == list(data)


def generator_steps(comm, device, batch, steps, shards, sync_bn):
    """``steps`` Adam updates of a DCGAN generator (batch normalization) towards a target."""
    numpy.random.seed(0)
    gen = to_device(device, dcgan.Generator(size=16, z_dim=8, ch=8))
    opt = optimizers.Adam(alpha=1e-3)
    opt.setup(gen)
    if sync_bn:  # NOTE: after setup, as the scripts do
        distributed.create_mnbn_model(gen, comm)
    if comm is not None:
        opt = distributed.create_multi_node_optimizer(opt, comm)
    rank = comm.rank if comm is not None else 0
    part = slice(rank * batch, (rank + 1) * batch)
    for step in range(steps):
        rng = numpy.random.RandomState(200 + step)
        z = rng.randn(batch * shards, 8).astype(numpy.float32)[part]
        target = rng.uniform(-1, 1, (batch * shards, 3, 16, 16)).astype(numpy.float32)[part]
        x = gen(gen.xp.asarray(z))
        loss = minigan.functions.mean(minigan.functions.square(x - gen.xp.asarray(target)))
        gen.cleargrads()
        loss.backward()
        opt.update()
    state = {name: p.array for name, p in gen.namedparams()}
    state.update({name: getattr(link, key) for name, link in gen.namedlinks()
                  for key in ('avg_mean', 'avg_var') if hasattr(link, key)})
    return {k: minigan.backend.to_cpu(v) for k, v in state.items()}


def case_sync_bn(comm, device):
    """With MultiNodeBatchNormalization, K batches of B normalize as one batch of K*B."""
    mine = generator_steps(comm, device, 2, 3, comm.size, sync_bn=True)
    alone = generator_steps(None, device, 2 * comm.size, 3, 1, sync_bn=False)
    for name in alone:
        numpy.testing.assert_allclose(mine[name], alone[name], rtol=1e-4, atol=2e-6,
                                      err_msg=name)
    if comm.size > 1:
        own = generator_steps(comm, device, 2, 3, comm.size, sync_bn=False)
        assert not all(numpy.allclose(own[n], alone[n], rtol=1e-4, atol=2e-6) for n in alone)


def case_stop_together(comm, device):
    """Ctrl-C in any one process stops every process after the same iteration."""
    stop = parallel.StopTogether(comm)
    stop.initialize(None)
    stopped_at = None
    try:
        for iteration in range(10):
            if iteration == 3 and comm.rank == comm.size - 1:
                os.kill(os.getpid(), signal.SIGINT)
            try:
                stop(None)
            except KeyboardInterrupt:
                stopped_at = iteration
                break
    finally:
        stop.finalize()
    assert comm.allgather_obj(stopped_at) == [3] * comm.size


def case_evaluator(comm, device):
    """A multi-node evaluator reports the mean over processes of each value."""
    class Evaluator:
        def evaluate(self):
            return {'main/loss': numpy.float32(comm.rank), 'main/acc': minigan.Variable(
                numpy.array(2.0 * comm.rank, numpy.float32))}
    result = distributed.create_multi_node_evaluator(Evaluator(), comm).evaluate()
    mean = (comm.size - 1) / 2
    assert result == {'main/loss': mean, 'main/acc': 2 * mean}, result


CASES = {name[5:]: f for name, f in globals().items() if name.startswith('case_')}

if __name__ == '__main__':
    cases, communicator, device = sys.argv[1:]
    comm = distributed.create_communicator(communicator)
    abort_on_uncaught_exception()
    if device != '-1':
        device = '@cupy:%d' % comm.intra_rank
        minigan.get_device(device).use()
    for case in cases.split(','):
        CASES[case](comm, device)
        print('ok %s rank %d of %d' % (case, comm.rank, comm.size), flush=True)
