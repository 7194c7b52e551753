import os

import numpy
import pytest

from minigan import serializers
from minigan.training import extensions


def test_snapshot_retains_the_newest_files(make_trainer):
    trainer = make_trainer(stop=(10, 'iteration'))
    trainer.extend(extensions.snapshot(n_retains=2), trigger=(2, 'iteration'))
    trainer.extend(extensions.snapshot(filename='snaps/it_{.updater.iteration}.npz',
                                       n_retains=1), trigger=(5, 'iteration'))
    trainer.run()
    assert sorted(os.listdir(trainer.out)) == ['snaps', 'snapshot_iter_10', 'snapshot_iter_8']
    assert os.listdir(os.path.join(trainer.out, 'snaps')) == ['it_10.npz']
    with numpy.load(os.path.join(trainer.out, 'snapshot_iter_8')) as f:
        assert int(f['updater/iteration']) == 8


def test_snapshot_object_and_callable_filename(make_trainer):
    trainer = make_trainer(stop=(3, 'iteration'))
    model = trainer.updater.get_optimizer('main').target
    trainer.extend(extensions.snapshot_object(model, 'model_{.updater.iteration}.npz'),
                   trigger=(3, 'iteration'))
    trainer.extend(extensions.snapshot(filename=lambda t: 'sub/s%d' % t.updater.iteration),
                   trigger=(3, 'iteration'))
    trainer.run()
    with numpy.load(os.path.join(trainer.out, 'model_3.npz')) as f:
        assert sorted(f.keys()) == ['fc/W', 'fc/b']
        numpy.testing.assert_array_equal(f['fc/W'], model.fc.W.array)
    assert os.path.exists(os.path.join(trainer.out, 'sub', 's3'))


def test_snapshot_write_is_atomic(make_trainer):
    trainer = make_trainer(stop=(4, 'iteration'))

    def failing_save(path, obj):
        if obj.updater.iteration == 4:
            with open(path, 'wb') as f:
                f.write(b'half')
            raise OSError('disk full')
        serializers.save_npz(path, obj)

    trainer.extend(extensions.snapshot(savefun=failing_save, filename='snap'),
                   trigger=(2, 'iteration'))
    with pytest.raises(OSError, match='disk full'):
        trainer.run()
    assert os.listdir(trainer.out) == ['snap']
    with numpy.load(os.path.join(trainer.out, 'snap')) as f:
        assert int(f['updater/iteration']) == 2


def test_snapshot_autoload_resumes_from_the_newest(make_trainer, tmp_path):
    out = tmp_path / 'auto'
    first = make_trainer(stop=(4, 'iteration'), out=out)
    first.extend(extensions.snapshot(autoload=True), trigger=(2, 'iteration'))
    first.run()
    second = make_trainer(stop=(6, 'iteration'), out=out)
    second.extend(extensions.snapshot(autoload=True), trigger=(2, 'iteration'))
    second.run()
    assert second.updater.iteration == 6
    assert sorted(os.listdir(out)) == ['snapshot_iter_2', 'snapshot_iter_4', 'snapshot_iter_6']


def test_no_snapshot_on_error_unless_asked(make_trainer):
    trainer = make_trainer(stop=(4, 'iteration'))
    trainer.extend(extensions.snapshot(), trigger=(100, 'iteration'))

    def fail(t):
        raise ValueError('x')

    trainer.extend(fail, name='fail')
    with pytest.raises(ValueError):
        trainer.run()
    assert os.listdir(trainer.out) == []
