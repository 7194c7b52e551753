import numpy
import pytest

from minigan import iterators, serializers


def _ids(batch):
    return [int(v) for v in batch]


def test_sequential_repeat_crosses_epochs():
    it = iterators.SerialIterator(numpy.arange(5), 2, shuffle=False)
    assert it.epoch == 0 and it.epoch_detail == 0 and it.previous_epoch_detail is None
    assert _ids(it.next()) == [0, 1]
    assert it.previous_epoch_detail == 0 and it.epoch_detail == pytest.approx(0.4)
    assert _ids(it.next()) == [2, 3]
    assert not it.is_new_epoch
    assert _ids(next(it)) == [4, 0]
    assert it.is_new_epoch and it.epoch == 1 and it.current_position == 1
    assert it.epoch_detail == pytest.approx(1.2)
    assert it.previous_epoch_detail == pytest.approx(0.8)
    assert _ids(it.next()) == [1, 2]
    assert not it.is_new_epoch


def test_batch_larger_than_dataset():
    it = iterators.SerialIterator(numpy.arange(3), 7, shuffle=False)
    assert _ids(it.next()) == [0, 1, 2, 0, 1, 2, 0]
    assert it.epoch == 2 and it.current_position == 1


def test_no_repeat_stops_with_short_last_batch():
    it = iterators.SerialIterator(numpy.arange(5), 2, repeat=False, shuffle=False)
    batches = [_ids(b) for b in it]
    assert batches == [[0, 1], [2, 3], [4]]
    assert it.epoch == 1 and it.is_new_epoch
    with pytest.raises(StopIteration):
        it.next()
    it.reset()
    assert _ids(it.next()) == [0, 1]


def test_shuffle_uses_numpy_global_rng():
    numpy.random.seed(7)
    it = iterators.SerialIterator(numpy.arange(6), 3)
    got = _ids(it.next()) + _ids(it.next()) + _ids(it.next()) + _ids(it.next())
    numpy.random.seed(7)
    first = numpy.random.permutation(6)
    second = numpy.random.permutation(6)
    assert got == first.tolist() + second.tolist()
    assert sorted(got[:6]) == list(range(6))


def test_custom_order_sampler_and_conflict():
    class Reverse(iterators.OrderSampler):
        def __call__(self, order, position):
            return numpy.arange(len(order))[::-1]

    it = iterators.SerialIterator(numpy.arange(4), 4, order_sampler=Reverse())
    assert _ids(it.next()) == [3, 2, 1, 0]
    with pytest.raises(ValueError):
        iterators.SerialIterator(numpy.arange(4), 2, shuffle=True, order_sampler=Reverse())


def test_serialize_round_trip_resumes_the_same_stream(tmp_path):
    numpy.random.seed(0)
    it = iterators.SerialIterator(numpy.arange(7), 3)
    for _ in range(3):
        it.next()
    path = str(tmp_path / 'it.npz')
    serializers.save_npz(path, it)
    state = numpy.random.get_state()
    expected = [_ids(it.next()) for _ in range(4)]
    with numpy.load(path) as f:
        assert sorted(f.keys()) == ['current_position', 'epoch', 'is_new_epoch', 'order',
                                    'previous_epoch_detail']
        assert int(f['current_position']) == 2 and int(f['epoch']) == 1
    numpy.random.seed(123)
    resumed = iterators.SerialIterator(numpy.arange(7), 3)
    serializers.load_npz(path, resumed)
    assert resumed.epoch == 1 and resumed.current_position == 2 and resumed.is_new_epoch
    assert resumed.previous_epoch_detail == pytest.approx(6 / 7)
    numpy.random.set_state(state)
    assert [_ids(resumed.next()) for _ in range(4)] == expected
