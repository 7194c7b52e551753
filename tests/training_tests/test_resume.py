"""Stop at iteration 10, resume from the snapshot in a fresh process state, reach 20:
the result must be bit for bit the uninterrupted run's."""
import os

import numpy

from minigan import serializers
from minigan.training import extensions


def _build(make_trainer, out, stop=(20, 'iteration')):
    trainer = make_trainer(stop=stop, optimizer='adam', out=out)
    trainer.extend(extensions.LogReport(trigger=(3, 'iteration')))
    trainer.extend(extensions.ExponentialShift('alpha', 0.9), trigger=(4, 'iteration'))
    trainer.extend(extensions.snapshot(), trigger=(10, 'iteration'))
    return trainer


def _state(trainer):
    optimizer = trainer.updater.get_optimizer('main')
    arrays = {name: param.array.copy() for name, param in optimizer.target.namedparams()}
    for name, param in optimizer.target.namedparams():
        for key, value in param.update_rule.state.items():
            arrays[name + '/' + key] = value.copy()
    iterator = trainer.updater.get_iterator('main')
    return arrays, iterator.order.copy(), iterator.current_position, optimizer.alpha


def _log_without_time(trainer):
    return [{k: v for k, v in entry.items() if k != 'elapsed_time'}
            for entry in trainer.get_extension('LogReport').log]


def test_resume_from_snapshot_is_bitwise_identical(make_trainer, tmp_path):
    numpy.random.seed(0)
    full = _build(make_trainer, tmp_path / 'full')
    full.run()
    snapshot_path = os.path.join(full.out, 'snapshot_iter_10')
    assert os.path.exists(snapshot_path)

    numpy.random.seed(12345)  # NOTE: a different seed: only the snapshot may matter
    resumed = _build(make_trainer, tmp_path / 'resumed')
    serializers.load_npz(snapshot_path, resumed)
    assert resumed.updater.iteration == 10
    resumed.run()

    arrays, order, position, alpha = _state(full)
    arrays2, order2, position2, alpha2 = _state(resumed)
    assert sorted(arrays) == sorted(arrays2)
    for name in arrays:
        assert arrays[name].tobytes() == arrays2[name].tobytes(), name
    numpy.testing.assert_array_equal(order, order2)
    assert position == position2 and alpha == alpha2 == 0.01 * 0.9 ** 5
    assert _log_without_time(full) == _log_without_time(resumed)
    assert [e['iteration'] for e in _log_without_time(full)] == [3, 6, 9, 12, 15, 18]
    assert numpy.random.get_state()[1].tobytes() == _random_keys_after(full)


def _random_keys_after(full):
    # NOTE: the uninterrupted run's final RNG state, saved by its snapshot at iteration 20
    with numpy.load(os.path.join(full.out, 'snapshot_iter_20')) as f:
        return f['random_state/keys'].tobytes()


def test_resume_after_a_run_stopped_at_10(make_trainer, tmp_path):
    numpy.random.seed(1)
    full = _build(make_trainer, tmp_path / 'full')
    full.run()
    numpy.random.seed(1)
    first_half = _build(make_trainer, tmp_path / 'half', stop=(10, 'iteration'))
    first_half.run()
    numpy.random.seed(7)
    second_half = _build(make_trainer, tmp_path / 'second')
    serializers.load_npz(os.path.join(first_half.out, 'snapshot_iter_10'), second_half)
    second_half.run()
    arrays, _, _, _ = _state(full)
    arrays2, _, _, _ = _state(second_half)
    for name in arrays:
        assert arrays[name].tobytes() == arrays2[name].tobytes(), name
