"""SerialIterator: minibatches drawn in order, or in a fresh shuffled order each epoch."""
import numpy

from minigan.dataset.iterator import Iterator
from minigan.iterators.order_samplers import ShuffleOrderSampler


class SerialIterator(Iterator):
    """Cut ``dataset`` into lists of ``batch_size`` examples.

    With ``repeat=True`` it never stops: a batch that crosses the end of an epoch takes the rest
    from the start of the next epoch (in the next epoch's order). With ``repeat=False`` the last
    batch may be short and the iterator then raises StopIteration.

    shuffle: True (or None, the default) shuffles each epoch with numpy's global generator,
    False keeps the dataset order. order_sampler: a custom ``OrderSampler`` (only with
    ``shuffle=None``).
    """

    def __init__(self, dataset, batch_size, repeat=True, shuffle=None, order_sampler=None):
        if shuffle is not None and order_sampler is not None:
            raise ValueError('give either shuffle or order_sampler, not both')
        if order_sampler is None and shuffle is not False:
            order_sampler = ShuffleOrderSampler()
        self.dataset = dataset
        self.batch_size = batch_size
        self._repeat = repeat
        self.order_sampler = order_sampler
        self.reset()

    def __next__(self):
        if not self._repeat and self.epoch > 0:
            raise StopIteration
        self._previous_epoch_detail = self.epoch_detail
        n = self._epoch_size
        if n == 0:
            raise ValueError('cannot iterate over an empty dataset')
        indices = []
        self.is_new_epoch = False
        while len(indices) < self.batch_size:
            end = min(self.current_position + self.batch_size - len(indices), n)
            span = range(self.current_position, end)
            indices.extend(span if self._order is None else self._order[span.start:span.stop])
            self.current_position = end
            if end == n:
                self.epoch += 1
                self.is_new_epoch = True
                self.current_position = 0
                if not self._repeat:
                    break
                if self._order is not None:
                    self._order = self._next_order()
        return [self.dataset[int(i)] for i in indices]

    next = __next__

    def _next_order(self):
        order = self.order_sampler(self._order, self.current_position)
        if len(order) != len(self._order):
            raise ValueError('the order sampler changed the epoch size from %d to %d'
                             % (len(self._order), len(order)))
        return order

    @property
    def _epoch_size(self):
        return len(self.dataset) if self._order is None else len(self._order)

    @property
    def epoch_detail(self):
        """Epochs done, with the fraction of the current one: ``epoch + position / size``."""
        return self.epoch + self.current_position / self._epoch_size

    @property
    def previous_epoch_detail(self):
        """``epoch_detail`` before the last ``next()``; None before the first one."""
        return None if self._previous_epoch_detail < 0 else self._previous_epoch_detail

    @property
    def repeat(self):
        return self._repeat

    @property
    def order(self):
        """The current epoch's permutation of the dataset indices (None without shuffling)."""
        return self._order

    def reset(self):
        """Go back to the start of epoch 0 (drawing a new order when shuffling)."""
        self.current_position = 0
        self.epoch = 0
        self.is_new_epoch = False
        self._previous_epoch_detail = -1.0
        self._order = None
        if self.order_sampler is not None:
            self._order = self.order_sampler(numpy.arange(len(self.dataset)), 0)

    def serialize(self, serializer):
        """Save or load the position, the epoch and the current order."""
        self.current_position = int(serializer('current_position', self.current_position))
        self.epoch = int(serializer('epoch', self.epoch))
        self.is_new_epoch = bool(serializer('is_new_epoch', self.is_new_epoch))
        if self._order is not None:
            self._order = serializer('order', self._order)
        try:
            self._previous_epoch_detail = float(
                serializer('previous_epoch_detail', self._previous_epoch_detail))
        except KeyError:  # NOTE: a Chainer 2 snapshot; guessed from the position, as Chainer
            self._previous_epoch_detail = self.epoch + (
                self.current_position - self.batch_size) / self._epoch_size
            if self.epoch_detail <= 0:
                self._previous_epoch_detail = -1.0
            self._previous_epoch_detail = max(self._previous_epoch_detail, -1.0)
