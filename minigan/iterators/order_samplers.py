"""Order samplers: choose the order in which an iterator visits a dataset in each epoch."""
import numpy


class OrderSampler:
    """``sampler(current_order, current_position)`` returns the next epoch's order."""

    def __call__(self, current_order, current_position):
        raise NotImplementedError


class ShuffleOrderSampler(OrderSampler):
    """A fresh random permutation each epoch.

    random_state: a ``numpy.random.RandomState``; by default numpy's global generator, so that
    ``numpy.random.seed(s)`` fixes the order and a snapshot of the global state resumes it.
    """

    def __init__(self, random_state=None):
        self._random = random_state

    def __call__(self, current_order, current_position):
        random = numpy.random if self._random is None else self._random
        return random.permutation(len(current_order))
