import pytest

from minigan import serializers
from minigan.training import extensions


def test_exponential_shift_with_target(make_trainer):
    trainer = make_trainer(stop=(5, 'iteration'))
    values = []
    trainer.extend(extensions.ExponentialShift('lr', 0.5, target=0.002),
                   trigger=(1, 'iteration'))
    trainer.extend(lambda t: values.append(t.updater.get_optimizer('main').lr), name='spy',
                   priority=-1)
    trainer.run()
    assert values == pytest.approx([0.005, 0.0025, 0.002, 0.002, 0.002])


def test_exponential_shift_rejects_negative_rate():
    with pytest.raises(ValueError):
        extensions.ExponentialShift('lr', -1)


def test_linear_shift_and_serialize(make_trainer, tmp_path):
    trainer = make_trainer(stop=(6, 'iteration'))
    shift = extensions.LinearShift('lr', (1.0, 0.0), (2, 4))
    values = []
    trainer.extend(shift, trigger=(1, 'iteration'))
    trainer.extend(lambda t: values.append(t.updater.get_optimizer('main').lr), name='spy',
                   priority=-1)
    trainer.run()
    assert values == pytest.approx([1.0, 1.0, 0.5, 0.0, 0.0, 0.0])
    path = str(tmp_path / 's.npz')
    serializers.save_npz(path, shift)
    restored = extensions.LinearShift('lr', (1.0, 0.0), (2, 4))
    serializers.load_npz(path, restored)
    assert restored._t == 6 and restored._last_value == 0.0


def test_exponential_shift_serialize_and_initialize_after_resume(make_trainer, tmp_path):
    trainer = make_trainer(stop=(2, 'iteration'))
    shift = extensions.ExponentialShift('lr', 0.1)
    trainer.extend(shift, trigger=(1, 'iteration'))
    trainer.run()
    path = str(tmp_path / 'e.npz')
    serializers.save_npz(path, shift)
    fresh_shift = extensions.ExponentialShift('lr', 0.1)
    serializers.load_npz(path, fresh_shift)
    fresh = make_trainer(stop=(2, 'iteration'), out=tmp_path / 'f')
    fresh.extend(fresh_shift, trigger=(100, 'iteration'))
    fresh.run()
    assert fresh.updater.get_optimizer('main').lr == pytest.approx(0.01 * 0.1 ** 2)
    never_ran = extensions.ExponentialShift('lr', 0.1)
    serializers.save_npz(path, never_ran)
    serializers.load_npz(path, never_ran)
    assert never_ran._last_value is None
