"""Class-conditional GANs: classes from subfolders, and the training step with labels.

"With labels we could make it more maguro-like": with ``--conditional`` the first-level
subfolders of ``--data`` are the classes (``sushi/maguro/*.png``, ``sushi/salmon/*.png``),
G draws an image of the class it is given, and D judges image and class together. The
models take ``n_classes`` (``models.dcgan`` and ``models.sagan``: conditional batch norm in G,
the projection head in D, Miyato and Koyama 2018); model.json records the class names.

Fake labels are drawn from the training set's class frequencies, so D sees real and fake
images of each class equally often even when the classes are unbalanced.
"""
import os
import sys

import numpy

import minigan
from minigan.gan import data, run
from minigan.gan.updaters import GANUpdater


class LabeledImages:
    """(image, label) pairs: ``ImageFolder`` images with the index of their class subfolder.

    ``folder``: a loaded ImageFolder; its ``paths`` decide the labels. ``class_names`` are the
    sorted subfolder names that hold at least one readable image. Raises DatasetError when a
    picture lies directly in the root or fewer than two classes are found.
    """

    def __init__(self, folder):
        top = [os.path.relpath(p, folder.root).split(os.sep) for p in folder.paths]
        loose = [os.sep.join(parts) for parts in top if len(parts) == 1]
        if loose:
            shown = ', '.join(loose[:3]) + (', ...' if len(loose) > 3 else '')
            raise data.DatasetError(
                "with --conditional every picture must sit in a class subfolder of '%s'; "
                "%d lie directly in it (%s)" % (folder.root, len(loose), shown))
        self.class_names = sorted({parts[0] for parts in top})
        if len(self.class_names) < 2:
            raise data.DatasetError("with --conditional '%s' needs two or more class "
                                    "subfolders, found %s" % (folder.root,
                                                              self.class_names or 'none'))
        index = {name: i for i, name in enumerate(self.class_names)}
        self.labels = numpy.array([index[parts[0]] for parts in top], numpy.int32)
        self.folder = folder
        self.counts = numpy.bincount(self.labels, minlength=len(self.class_names))

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, i):
        return self.folder.get_example(i), self.labels[i]

    def describe(self):
        """'3 classes: maguro (40), salmon (35), tamago (25)'."""
        return '%d classes: %s' % (len(self.class_names), ', '.join(
            '%s (%d)' % (name, n) for name, n in zip(self.class_names, self.counts)))


class ConditionalGANUpdater(GANUpdater):
    """GANUpdater for batches of (image, label) and a G(z, c) and D(x, c) pair.

    ``class_counts``: images per class in the training set; fake labels are drawn in these
    proportions. Only the batches differ from GANUpdater's: they set ``real_labels`` and
    ``fake_labels``, which its steps give D. Penalties that call D without labels (the
    gradient penalty) are refused.
    """

    def __init__(self, iterator, optimizer, class_counts, **kwargs):
        super().__init__(iterator, optimizer, **kwargs)
        if self.penalties:
            raise ValueError('conditional training supports no D penalties (%s): use the '
                             'ns, hinge or lsgan loss' % ', '.join(sorted(self.penalties)))
        counts = numpy.asarray(class_counts, numpy.float64)
        self.class_p = counts / counts.sum()
        self.real_labels = self.fake_labels = None

    def real_batch(self):
        x, c = self.converter(self.get_iterator('main').next(), self.device)
        self.real_labels = c
        return x

    def sample_labels(self, n):
        return numpy.random.choice(len(self.class_p), n, p=self.class_p).astype(numpy.int32)

    def fake_batch(self, n, backprop):
        xp = self.gen.xp
        z = xp.asarray(self.gen.make_hidden(n))
        c = xp.asarray(self.sample_labels(n))
        self.fake_labels = c
        if backprop:
            return self.gen(z, c)
        with minigan.no_backprop_mode():
            return self.gen(z, c)


def class_index(class_names, name):
    """The index of ``name`` among ``class_names``; ValueError listing them otherwise."""
    if name not in class_names:
        raise ValueError("no class %r in this model; its classes are: %s"
                         % (name, ', '.join(class_names)))
    return class_names.index(name)


def add_arguments(parser):
    parser.add_argument('--conditional', action='store_true',
                        help="class-conditional: --data's first-level subfolders are classes")


def load_images(args):
    """The --data images (``run.load_images``), their LabeledImages with --conditional (else
    None) and the number of classes (0 without --conditional)."""
    dataset = run.load_images(args)
    labeled = load(args, dataset)
    return dataset, labeled, len(labeled.class_names) if labeled else 0


def load(args, folder):
    """LabeledImages of ``folder`` with --conditional (class list printed), else None."""
    if not args.conditional:
        return None
    try:
        labeled = LabeledImages(folder)
    except data.DatasetError as e:
        sys.exit('error: %s' % e)
    print(labeled.describe())
    return labeled


def make_updater(iterator, optimizers, labeled, **options):
    """ConditionalGANUpdater for a labeled data set (``--conditional``), else GANUpdater."""
    if labeled:
        return ConditionalGANUpdater(iterator, optimizers, labeled.counts, **options)
    return GANUpdater(iterator, optimizers, **options)


def spec(labeled):
    """What model.json records: the class names, in label order."""
    return {'class_names': labeled.class_names} if labeled else {}
