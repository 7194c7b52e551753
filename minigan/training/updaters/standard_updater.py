"""StandardUpdater: read a minibatch, convert it, and step the optimizer(s)."""
from minigan import backend
from minigan.dataset import convert
from minigan.training.updater import Updater


class StandardUpdater(Updater):
    """One iteration: ``batch = iterator.next()``, ``converter(batch, device)``, one update.

    iterator: an Iterator, or a dict of them by name (the epoch counters follow ``'main'``).
    optimizer: an Optimizer, or a dict by name (``{'gen': ..., 'dis': ...}`` for a GAN, whose
    updater overrides ``update_core``). The default ``update_core`` calls
    ``optimizer.update(loss_func or optimizer.target, *in_arrays)``.
    device: where the models and the batches go (``-1``, ``0``, ``'@cupy:0'``, ...).
    loss_scale: a constant multiplied into the loss before backward (mixed precision).
    """

    def __init__(self, iterator, optimizer, converter=convert.concat_examples, device=None,
                 loss_func=None, loss_scale=None):
        if not isinstance(iterator, dict):
            iterator = {'main': iterator}
        if not isinstance(optimizer, dict):
            optimizer = {'main': optimizer}
        self._iterators = iterator
        self._optimizers = optimizer
        self.device = None if device is None else backend.get_device(device)
        self.input_device = self.device
        if self.device is not None:
            for opt in optimizer.values():
                opt.target.to_device(self.device)
        self.converter = converter
        self.loss_func = loss_func
        self.loss_scale = loss_scale
        if loss_scale is not None:
            for opt in optimizer.values():
                if not hasattr(opt, 'set_loss_scale'):
                    raise TypeError('%s does not support loss scaling' % type(opt).__name__)
                opt.set_loss_scale(loss_scale)
        self.iteration = 0

    @property
    def epoch(self):
        return self._iterators['main'].epoch

    @property
    def epoch_detail(self):
        return self._iterators['main'].epoch_detail

    @property
    def previous_epoch_detail(self):
        return self._iterators['main'].previous_epoch_detail

    @property
    def is_new_epoch(self):
        return self._iterators['main'].is_new_epoch

    def get_iterator(self, name):
        """The iterator registered as ``name`` (``'main'`` when a single one was given)."""
        return self._iterators[name]

    def get_optimizer(self, name):
        """The optimizer registered as ``name`` (``'main'`` when a single one was given)."""
        return self._optimizers[name]

    def get_all_optimizers(self):
        """A dict ``{name: optimizer}``."""
        return dict(self._optimizers)

    def finalize(self):
        for iterator in self._iterators.values():
            iterator.finalize()

    def update(self):
        """Do one step (``update_core``) and count it."""
        self.update_core()
        self.iteration += 1

    def update_core(self):
        """The step itself; a GAN updater overrides this with its two-player update."""
        iterator = self._iterators['main']
        in_arrays = self.converter(iterator.next(), self.input_device)
        optimizer = self._optimizers['main']
        loss_func = self.loss_func or optimizer.target
        if isinstance(in_arrays, tuple):
            optimizer.update(loss_func, *in_arrays)
        elif isinstance(in_arrays, dict):
            optimizer.update(loss_func, **in_arrays)
        else:
            optimizer.update(loss_func, in_arrays)
        if iterator.is_new_epoch:
            optimizer.new_epoch(auto=True)

    def serialize(self, serializer):
        """Keys as in Chainer: ``iterator:<name>/...``, ``optimizer:<name>/...``,
        ``model:<name>/...`` (the optimizer's target) and ``iteration``."""
        for name, iterator in self._iterators.items():
            iterator.serialize(serializer['iterator:' + name])
        for name, optimizer in self._optimizers.items():
            optimizer.serialize(serializer['optimizer:' + name])
            optimizer.target.serialize(serializer['model:' + name])
        self.iteration = int(serializer('iteration', self.iteration))
