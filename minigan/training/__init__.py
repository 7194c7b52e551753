"""The training loop: Trainer, updaters, triggers and extensions (Chainer's design).

    updater = training.updaters.StandardUpdater(train_iter, optimizer)
    trainer = training.Trainer(updater, (1000, 'iteration'), out='result')
    trainer.extend(extensions.LogReport())
    trainer.run()
"""
from minigan.training import extension  # NOQA
from minigan.training import extensions  # NOQA
from minigan.training import triggers  # NOQA
from minigan.training import updaters  # NOQA
from minigan.training.extension import (  # NOQA
    PRIORITY_EDITOR, PRIORITY_READER, PRIORITY_SNAPSHOT, PRIORITY_WRITER, Extension,
    make_extension)
from minigan.training.trainer import Trainer  # NOQA
from minigan.training.triggers import get_trigger  # NOQA
from minigan.training.updater import Updater  # NOQA
from minigan.training.updaters import StandardUpdater  # NOQA
