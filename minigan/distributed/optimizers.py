"""create_multi_node_optimizer: an optimizer whose update uses the mean gradient of all processes.

Data-parallel SGD (Goyal et al. 2017, "Accurate, Large Minibatch SGD"): each of K processes
computes the gradient of its own batch's mean loss, the gradients are averaged, and every
process applies the same update, so the weights stay equal everywhere and a step equals one
step on the K batches together.
"""


class _MultiNodeOptimizer:
    """Wraps an optimizer; every other attribute is the wrapped optimizer's (as in ChainerMN)."""

    def __init__(self, actual_optimizer, communicator, zero_fill):
        object.__setattr__(self, 'actual_optimizer', actual_optimizer)
        object.__setattr__(self, 'communicator', communicator)
        object.__setattr__(self, 'zero_fill', zero_fill)
        object.__setattr__(self, '_param_layout', None)
        if getattr(actual_optimizer, 'target', None) is not None:
            self._broadcast_weights()

    def setup(self, link):
        """Set up the wrapped optimizer and give every process process 0's weights."""
        self.actual_optimizer.setup(link)
        self._broadcast_weights()
        return self

    def update(self, lossfun=None, *args, **kwds):
        """Average the gradients over processes, then update (``lossfun`` as in Optimizer).

        As in ChainerMN, an update that finds parameters initialized since the last one
        (lazily shaped links) only broadcasts process 0's weights: the gradients were taken
        at weights that differed between processes.
        """
        target = self.target
        if lossfun is not None:
            loss = lossfun(*args, **kwds)
            target.cleargrads()
            loss.backward()
            del loss
        if self._layout_changed():
            self._broadcast_weights()
            return
        self.communicator.multi_node_mean_grad(target, self.zero_fill)
        self.actual_optimizer.update()

    def _layout(self):
        return [(name, p.array is not None) for name, p in sorted(self.target.namedparams())]

    def _layout_changed(self):
        return self._layout() != self._param_layout

    def _broadcast_weights(self):
        self.communicator.bcast_data(self.target)
        object.__setattr__(self, '_param_layout', self._layout())

    def __getattr__(self, name):
        return getattr(self.actual_optimizer, name)

    def __setattr__(self, name, value):
        setattr(self.actual_optimizer, name, value)


def create_multi_node_optimizer(actual_optimizer, communicator, double_buffering=False,
                                zero_fill=True):
    """ChainerMN's ``create_multi_node_optimizer``: ``actual_optimizer`` on averaged gradients.

    Unlike ChainerMN, the weights are broadcast from process 0 when the optimizer is set up
    (or at once, if it already is), so the first update is a real update. zero_fill: see
    ``multi_node_mean_grad``. double_buffering (overlapping the all-reduce with the next
    step, at the price of one step of staleness) is not offered.
    """
    if double_buffering:
        raise ValueError('double_buffering is not supported by minigan.distributed')
    return _MultiNodeOptimizer(actual_optimizer, communicator, zero_fill)
