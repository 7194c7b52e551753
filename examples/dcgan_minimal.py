"""DCGAN in one file: the whole training loop on minigan's functions, links and optimizers.

    python examples/dcgan_minimal.py                             # the bundled faces, 32x32
    python examples/dcgan_minimal.py --data sushi/ --iterations 5000 --out result/sushi

No Trainer, no updater: each iteration is Goodfellow et al. 2014's algorithm (non-saturating
G loss) on Radford et al. 2016's DCGAN; grids of one fixed noise batch go to --out/samples/.
examples/train_dcgan.py runs the same loop with every option, snapshots and resume.
"""
import os

import numpy

import minigan
from minigan import functions as F
from minigan import initializers
from minigan import links as L
from minigan import optimizers
from minigan.gan import cli, data, sampling

BUNDLED = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data', 'twemoji-faces-64')
SIZE, Z_DIM, CH = 32, 100, 64  # image side, latent size, width of the widest layer


def normal():
    return initializers.Normal(0.02)  # NOTE: the DCGAN paper's N(0, 0.02) initialization


class Generator(minigan.Chain):
    def __init__(self):
        super().__init__()
        with self.init_scope():
            self.fc = L.Linear(Z_DIM, 4 * CH * 4 * 4, nobias=True, initialW=normal())
            self.bn0 = L.BatchNormalization(4 * CH)
            self.up1 = L.Deconvolution2D(4 * CH, 2 * CH, 4, 2, 1, nobias=True, initialW=normal())
            self.bn1 = L.BatchNormalization(2 * CH)
            self.up2 = L.Deconvolution2D(2 * CH, CH, 4, 2, 1, nobias=True, initialW=normal())
            self.bn2 = L.BatchNormalization(CH)
            self.up3 = L.Deconvolution2D(CH, 3, 4, 2, 1, initialW=normal())

    def forward(self, z):                                            # z: (N, 100)
        h = F.reshape(self.fc(z), (len(z), 4 * CH, 4, 4))            # (N, 256, 4, 4)
        h = F.relu(self.bn0(h))                                      # (N, 256, 4, 4)
        h = F.relu(self.bn1(self.up1(h)))                            # (N, 128, 8, 8)
        h = F.relu(self.bn2(self.up2(h)))                            # (N, 64, 16, 16)
        return F.tanh(self.up3(h))                                   # (N, 3, 32, 32) in [-1, 1]


class Discriminator(minigan.Chain):
    def __init__(self):
        super().__init__()
        with self.init_scope():
            self.c1 = L.Convolution2D(3, CH, 4, 2, 1, initialW=normal())
            self.c2 = L.Convolution2D(CH, 2 * CH, 4, 2, 1, nobias=True, initialW=normal())
            self.bn2 = L.BatchNormalization(2 * CH)
            self.c3 = L.Convolution2D(2 * CH, 4 * CH, 4, 2, 1, nobias=True, initialW=normal())
            self.bn3 = L.BatchNormalization(4 * CH)
            self.fc = L.Linear(4 * CH * 4 * 4, 1, initialW=normal())

    def forward(self, x):                                            # x: (N, 3, 32, 32)
        h = F.leaky_relu(self.c1(x), 0.2)                            # (N, 64, 16, 16)
        h = F.leaky_relu(self.bn2(self.c2(h)), 0.2)                  # (N, 128, 8, 8)
        h = F.leaky_relu(self.bn3(self.c3(h)), 0.2)                  # (N, 256, 4, 4)
        return self.fc(h)                                            # (N, 1): a logit


def sample_z(n, rng=numpy.random):
    return rng.normal(size=(n, Z_DIM)).astype(numpy.float32)         # (N, 100) ~ N(0, I)


@cli.command
def main(argv=None):
    parser = cli.ArgumentParser(__doc__)
    parser.add_argument('--data', default=BUNDLED, help='folder of training images')
    parser.add_argument('--iterations', type=cli.positive_int, default=1500)
    parser.add_argument('--batch-size', type=cli.positive_int, default=64)
    parser.add_argument('--sample-every', type=cli.positive_int, default=250)
    parser.add_argument('--out', default='result/dcgan_minimal')
    args = parser.parse_args(argv)
    if os.path.isdir(args.out) and os.listdir(args.out):
        raise cli.UserError('%s is not empty; choose another --out' % args.out)
    images = data.to_float(data.ImageFolder(args.data, SIZE).images)  # (M, 3, 32, 32)

    numpy.random.seed(0)
    gen, dis = Generator(), Discriminator()
    opt_gen = optimizers.Adam(alpha=2e-4, beta1=0.5).setup(gen)
    opt_dis = optimizers.Adam(alpha=2e-4, beta1=0.5).setup(dis)
    z_fixed = sample_z(64, numpy.random.RandomState(1))

    for it in range(1, args.iterations + 1):
        # D step: D(x) up on real images, down on fakes (a constant here: no graph into G)
        x_real = images[numpy.random.randint(0, len(images), args.batch_size)]
        with minigan.no_backprop_mode():
            x_fake = gen(sample_z(args.batch_size)).array
        loss_dis = F.mean(F.softplus(-dis(x_real))) + F.mean(F.softplus(dis(x_fake)))
        dis.cleargrads()
        loss_dis.backward()
        opt_dis.update()

        # G step: D(G(z)) up; backward runs through D into G, and only G takes a step
        loss_gen = F.mean(F.softplus(-dis(gen(sample_z(args.batch_size)))))
        gen.cleargrads()
        loss_gen.backward()
        opt_gen.update()

        if it % args.sample_every == 0 or it == args.iterations:
            with minigan.using_config('train', False), minigan.no_backprop_mode():
                x = gen(z_fixed).array                               # (64, 3, 32, 32)
            path = os.path.join(args.out, 'samples', 'iter_%07d.png' % it)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            sampling.save_grid(path, x)
            print('iteration %d  loss/dis %.3f  loss/gen %.3f  %s'
                  % (it, loss_dis.array, loss_gen.array, path), flush=True)


if __name__ == '__main__':
    main()
