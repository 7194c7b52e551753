"""A DCGAN training script written in Chainer's idiom runs unchanged on minigan."""
import json
import os

import numpy
from PIL import Image

import minigan as chainer
import minigan.functions as F
import minigan.links as L
from minigan import training
from minigan.training import extensions


class Generator(chainer.Chain):

    def __init__(self, n_hidden=4, ch=8):
        super().__init__()
        self.n_hidden = n_hidden
        self.ch = ch
        with self.init_scope():
            w = chainer.initializers.Normal(0.02)
            self.l0 = L.Linear(n_hidden, 2 * 2 * ch, initialW=w)                # (N, 4ch)
            self.dc1 = L.Deconvolution2D(ch, ch // 2, 4, 2, 1, initialW=w)       # (N, ch/2, 4, 4)
            self.dc2 = L.Deconvolution2D(ch // 2, 3, 4, 2, 1, initialW=w)        # (N, 3, 8, 8)
            self.bn0 = L.BatchNormalization(2 * 2 * ch)
            self.bn1 = L.BatchNormalization(ch // 2)

    def make_hidden(self, batchsize):
        return numpy.random.uniform(-1, 1, (batchsize, self.n_hidden, 1, 1)).astype(
            numpy.float32)

    def forward(self, z):
        h = F.reshape(F.relu(self.bn0(self.l0(z))), (len(z), self.ch, 2, 2))
        h = F.relu(self.bn1(self.dc1(h)))
        return F.sigmoid(self.dc2(h))


class Discriminator(chainer.Chain):

    def __init__(self, ch=8):
        super().__init__()
        with self.init_scope():
            w = chainer.initializers.Normal(0.02)
            self.c0 = L.Convolution2D(None, ch, 4, 2, 1, initialW=w)      # (N, ch, 4, 4)
            self.c1 = L.Convolution2D(ch, ch * 2, 4, 2, 1, initialW=w)    # (N, 2ch, 2, 2)
            self.l2 = L.Linear(None, 1, initialW=w)                       # (N, 1)

    def forward(self, x):
        h = F.leaky_relu(self.c0(x))
        h = F.leaky_relu(self.c1(h))
        return self.l2(h)


class DCGANUpdater(training.updaters.StandardUpdater):

    def __init__(self, *args, **kwargs):
        self.gen, self.dis = kwargs.pop('models')
        super().__init__(*args, **kwargs)

    def loss_dis(self, dis, y_fake, y_real):
        batchsize = len(y_fake)
        loss = (F.sum(F.softplus(-y_real)) + F.sum(F.softplus(y_fake))) / batchsize
        chainer.report({'loss': loss}, dis)
        return loss

    def loss_gen(self, gen, y_fake):
        loss = F.sum(F.softplus(-y_fake)) / len(y_fake)
        chainer.report({'loss': loss}, gen)
        return loss

    def update_core(self):
        gen_optimizer = self.get_optimizer('gen')
        dis_optimizer = self.get_optimizer('dis')
        batch = self.get_iterator('main').next()
        x_real = chainer.Variable(self.converter(batch, self.device)) / 255.
        xp = chainer.backend.get_array_module(x_real.array)
        gen, dis = self.gen, self.dis
        y_real = dis(x_real)
        z = chainer.Variable(xp.asarray(gen.make_hidden(len(batch))))
        x_fake = gen(z)
        y_fake = dis(x_fake)
        dis_optimizer.update(self.loss_dis, dis, y_fake, y_real)
        gen_optimizer.update(self.loss_gen, gen, y_fake)


def make_optimizer(model, alpha=0.0002, beta1=0.5):
    optimizer = chainer.optimizers.Adam(alpha=alpha, beta1=beta1)
    optimizer.setup(model)
    optimizer.add_hook(chainer.optimizer_hooks.WeightDecay(0.0001), 'hook_dec')
    return optimizer


def test_dcgan_in_chainer_idiom(tmp_path, capsys):
    numpy.random.seed(0)
    paths = []
    for i in range(6):
        image = numpy.random.randint(0, 256, (8, 8, 3)).astype(numpy.uint8)
        Image.fromarray(image).save(tmp_path / ('%d.png' % i))
        paths.append('%d.png' % i)
    train = chainer.datasets.ImageDataset(paths, root=str(tmp_path))
    train_iter = chainer.iterators.SerialIterator(train, 4)

    gen, dis = Generator(), Discriminator()
    opt_gen, opt_dis = make_optimizer(gen), make_optimizer(dis)
    updater = DCGANUpdater(models=(gen, dis), iterator=train_iter,
                           optimizer={'gen': opt_gen, 'dis': opt_dis}, device=-1)
    out = str(tmp_path / 'result')
    trainer = training.Trainer(updater, (6, 'iteration'), out=out)
    snapshot_interval, display_interval = (3, 'iteration'), (2, 'iteration')
    trainer.extend(extensions.snapshot(filename='snapshot_iter_{.updater.iteration}.npz'),
                   trigger=snapshot_interval)
    trainer.extend(extensions.snapshot_object(gen, 'gen_iter_{.updater.iteration}.npz'),
                   trigger=snapshot_interval)
    trainer.extend(extensions.LogReport(trigger=display_interval))
    trainer.extend(extensions.PrintReport(['epoch', 'iteration', 'gen/loss', 'dis/loss']),
                   trigger=display_interval)
    trainer.extend(extensions.ProgressBar(update_interval=2))
    trainer.run()

    with open(os.path.join(out, 'log')) as f:
        log = json.load(f)
    assert [e['iteration'] for e in log] == [2, 4, 6]
    assert [e['epoch'] for e in log] == [1, 2, 4]  # 6 images, batches of 4
    for entry in log:
        assert numpy.isfinite(entry['gen/loss']) and entry['gen/loss'] > 0
        assert numpy.isfinite(entry['dis/loss']) and entry['dis/loss'] > 0

    stdout = capsys.readouterr().out
    assert stdout.splitlines()[0].split() == ['epoch', 'iteration', 'gen/loss', 'dis/loss']
    assert any(line.split()[:2] == ['4', '6'] for line in stdout.splitlines())
    assert 'iters/sec' in stdout and '6 iter, 4 epoch / 6 iterations' in stdout

    assert sorted(n for n in os.listdir(out) if n.endswith('.npz')) == [
        'gen_iter_3.npz', 'gen_iter_6.npz', 'snapshot_iter_3.npz', 'snapshot_iter_6.npz']
    with numpy.load(os.path.join(out, 'snapshot_iter_6.npz')) as f:
        assert int(f['updater/iteration']) == 6
        assert f['updater/model:dis/c0/W'].shape == (8, 3, 4, 4)
        numpy.testing.assert_array_equal(f['updater/model:gen/dc2/W'], gen.dc2.W.array)
        assert f['updater/optimizer:gen/l0/W/m'].shape == gen.l0.W.shape
        assert int(f['updater/optimizer:dis/t']) == 6
        assert f['updater/model:gen/bn0/avg_mean'].shape == (32,)
        assert json.loads(str(f['extensions/LogReport/_log'])) == log
    restored = Generator()
    chainer.serializers.load_npz(os.path.join(out, 'gen_iter_6.npz'), restored)
    for (name, p), (_, q) in zip(sorted(gen.namedparams()), sorted(restored.namedparams())):
        numpy.testing.assert_array_equal(p.array, q.array, err_msg=name)
    numpy.testing.assert_array_equal(restored.bn1.avg_var, gen.bn1.avg_var)
