import numpy
import pytest

import minigan
from minigan import reporter


class Observer:
    pass


def test_report_into_scope_with_observer_names():
    r = minigan.Reporter()
    model = Observer()
    r.add_observer('main', model)
    r.add_observers('main', [('/l1', Observer())])
    observation = {}
    with r.scope(observation):
        assert reporter.get_current_reporter() is r
        minigan.report({'loss': 1.5}, model)
        minigan.report({'acc': 0.25})
        inner = {}
        with minigan.report_scope(inner):
            minigan.report({'x': 3.0})
    assert observation == {'main/loss': 1.5, 'acc': 0.25}
    assert inner == {'x': 3.0}
    with pytest.raises(KeyError, match='not registered'):
        with r.scope({}):
            minigan.report({'y': 1}, Observer())


def test_report_outside_any_reporter_is_a_noop():
    minigan.report({'ignored': 1.0})


def test_reported_variable_is_cut_from_the_graph():
    r = minigan.Reporter()
    x = minigan.Variable(numpy.array(2.0))
    y = x * 3
    observation = {}
    with r.scope(observation):
        minigan.report({'y': y})
    assert observation['y'].creator is None
    assert float(observation['y'].array) == 6.0


def test_summary_mean_and_std():
    s = reporter.Summary()
    values, weights = [1.0, 2.0, 4.0], [1, 3, 2]
    for v, w in zip(values, weights):
        s.add(numpy.float32(v), weight=w)
    mean = numpy.average(values, weights=weights)
    std = numpy.sqrt(numpy.average((numpy.array(values) - mean) ** 2, weights=weights))
    assert s.compute_mean() == pytest.approx(mean)
    m, sd = s.make_statistics()
    assert m == pytest.approx(mean) and sd == pytest.approx(std)


def test_dict_summary_skips_non_scalars_and_serializes(tmp_path):
    d = reporter.DictSummary()
    d.add({'a': 1.0, 'b': minigan.Variable(numpy.array(4.0)), 'v': numpy.zeros(3),
           'w': (numpy.array(3.0), 2)})
    d.add({'a': numpy.array(3.0), 'w': (6.0, 1)})
    assert d.compute_mean() == pytest.approx({'a': 2.0, 'b': 4.0, 'w': 4.0})
    stats = d.make_statistics()
    assert stats['a.std'] == pytest.approx(1.0)
    path = str(tmp_path / 's.npz')
    minigan.serializers.save_npz(path, d)
    loaded = reporter.DictSummary()
    minigan.serializers.load_npz(path, loaded)
    assert loaded.compute_mean() == d.compute_mean()
    loaded.add({'a': 5.0})
    assert loaded.compute_mean()['a'] == pytest.approx(3.0)
