"""create_multi_node_evaluator: an evaluator whose results are averaged over processes."""
import numpy

from minigan.backend import to_cpu


def create_multi_node_evaluator(actual_evaluator, communicator):
    """Make ``actual_evaluator.evaluate()`` return the mean over processes of each value.

    Each process evaluates its own part of the data (see ``scatter_dataset``); the means are
    equal-weighted, exact when every part has the same size (``force_equal_length``). Works
    with any object whose ``evaluate()`` returns a dict of scalars, such as Chainer's
    ``extensions.Evaluator``; the object itself is returned, changed.
    """
    local_evaluate = actual_evaluator.evaluate

    def evaluate():
        local = {key: float(numpy.asarray(to_cpu(getattr(value, 'array', value))))
                 for key, value in local_evaluate().items()}
        everyone = communicator.allgather_obj(local)
        return {key: sum(r[key] for r in everyone) / len(everyone) for key in local}

    actual_evaluator.evaluate = evaluate
    return actual_evaluator
