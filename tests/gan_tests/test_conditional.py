import numpy
import pytest
from PIL import Image

import minigan
from minigan import optimizers
from minigan.gan import conditional, data
from minigan.gan.models import dcgan, sagan
from minigan.iterators import SerialIterator


def _folder(root, classes, loose=0):
    for name, n in classes.items():
        (root / name).mkdir(parents=True)
        for i in range(n):
            Image.new('RGB', (8, 8), (30 * i, 0, 0)).save(root / name / ('%d.png' % i))
    for i in range(loose):
        Image.new('RGB', (8, 8)).save(root / ('loose%d.png' % i))
    return data.ImageFolder(str(root), 8, log=lambda m: None)


def test_subfolders_are_classes_in_sorted_order(tmp_path):
    labeled = conditional.LabeledImages(_folder(tmp_path, {'tamago': 2, 'maguro': 3}))
    assert labeled.class_names == ['maguro', 'tamago']
    assert list(labeled.counts) == [3, 2] and len(labeled) == 5
    assert labeled.describe() == '2 classes: maguro (3), tamago (2)'
    x, c = labeled[4]
    assert x.shape == (3, 8, 8) and c == 1


@pytest.mark.parametrize('classes, loose, message', [
    ({'a': 2, 'b': 2}, 1, 'lie directly in it (loose0.png)'),
    ({'only': 3}, 0, "two or more class subfolders, found ['only']"),
])
def test_unusable_class_layouts_are_refused(tmp_path, classes, loose, message):
    with pytest.raises(data.DatasetError, match=message.replace('(', r'\(').replace(')', r'\)')
                       .replace('[', r'\[').replace(']', r'\]')):
        conditional.LabeledImages(_folder(tmp_path, classes, loose))


@pytest.mark.parametrize('module, kwargs', [(dcgan, {}), (sagan, {'attn_resolutions': ()})])
def test_projection_adds_embedding_dot_pooled_features(module, kwargs):
    numpy.random.seed(0)
    dis = module.Discriminator(size=16, ch=4, n_classes=3, **kwargs)
    x = numpy.random.uniform(-1, 1, (4, 3, 16, 16)).astype(numpy.float32)
    c = numpy.array([0, 2, 1, 2], numpy.int32)
    with minigan.using_config('train', False):
        plain, projected = dis(x).array, dis(x, c).array
        assert not numpy.allclose(plain, projected)
        # the difference is linear in the class embedding: zero embedding, zero difference
        dis.embed.W.array[...] = 0
        if hasattr(dis.embed, 'W_u'):
            dis.embed.delete_hook('SpectralNormalization')
        numpy.testing.assert_allclose(dis(x, c).array, plain, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize('module, kwargs', [(dcgan, {}), (sagan, {'attn_resolutions': [8]})])
def test_generator_follows_labels_and_cycles_classes_without_them(module, kwargs):
    numpy.random.seed(0)
    gen = module.Generator(size=16, z_dim=4, ch=4, n_classes=3, **kwargs)
    for link in gen.links():
        if isinstance(link, minigan.links.ConditionalBatchNormalization):
            link.beta.W.array[...] = numpy.random.normal(0, 1, link.beta.W.shape)
    z = gen.make_hidden(6, numpy.random.RandomState(1))
    with minigan.using_config('train', False):
        cycled = gen(z).array
        given = gen(z, numpy.array([0, 1, 2, 0, 1, 2], numpy.int32)).array
        other = gen(z, numpy.zeros(6, numpy.int32)).array
    numpy.testing.assert_array_equal(cycled, given)
    assert not numpy.allclose(given[1:3], other[1:3])
    numpy.testing.assert_array_equal(given[[0, 3]], other[[0, 3]])


def test_updater_draws_fake_labels_in_class_proportions_and_refuses_penalties():
    numpy.random.seed(0)
    gen, dis = dcgan.Generator(16, 4, 4, n_classes=2), dcgan.Discriminator(16, 4, n_classes=2)
    opts = {}
    for name, model in (('gen', gen), ('dis', dis)):
        opts[name] = optimizers.Adam()
        opts[name].setup(model)
    x = numpy.zeros((8, 3, 16, 16), numpy.float32)
    pairs = [(x[i], numpy.int32(i % 2)) for i in range(8)]
    updater = conditional.ConditionalGANUpdater(SerialIterator(pairs, 4), opts, [30, 10])
    labels = updater.sample_labels(4000)
    assert abs(labels.mean() - 0.25) < 0.03
    with minigan.reporter.Reporter().scope({}):
        updater.update()
    assert updater.real_labels.shape == (4,) and updater.fake_labels.shape == (4,)
    with pytest.raises(ValueError, match='gp'):
        conditional.ConditionalGANUpdater(SerialIterator(pairs, 4), opts, [4, 4],
                                          loss='wgan-gp')


def test_class_index():
    assert conditional.class_index(['a', 'b'], 'b') == 1
    with pytest.raises(ValueError, match='its classes are: a, b'):
        conditional.class_index(['a', 'b'], 'c')
