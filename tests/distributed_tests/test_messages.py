"""Objects between processes without pickle, and the one-line hint when MPI is missing."""
import sys

import numpy
import pytest

from minigan import distributed
from minigan.distributed import messages


def test_round_trip_keeps_types_and_values():
    obj = {'a': [1, 2.5, None, True, 'x'], ('t', 1): (numpy.arange(6).reshape(2, 3)[:, ::2],),
           3: numpy.float32(1.5), 'empty': numpy.zeros((0, 4), numpy.uint8)}
    back = messages.loads(messages.dumps(obj))
    assert back['a'] == [1, 2.5, None, True, 'x']
    numpy.testing.assert_array_equal(back[('t', 1)][0], [[0, 2], [3, 5]])
    assert isinstance(back[('t', 1)], tuple)
    assert back[3] == numpy.float32(1.5) and back[3].dtype == numpy.float32
    assert back['empty'].shape == (0, 4)


def test_objects_that_need_pickle_are_refused():
    with pytest.raises(TypeError, match='set cannot be sent'):
        messages.dumps({1, 2})
    with pytest.raises(TypeError, match='Python objects'):
        messages.dumps(numpy.array([object()]))


def test_missing_mpi4py_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, 'mpi4py', None)
    with pytest.raises(ImportError, match=r'pip install -e "\.\[mpi\]"'):
        distributed.create_communicator('naive')


def test_unknown_communicator():
    with pytest.raises(ValueError, match='naive, flat, pure_nccl'):
        distributed.create_communicator('hierarchical')
