"""Iterators that cut a dataset into minibatches."""
from minigan.iterators.order_samplers import OrderSampler, ShuffleOrderSampler  # NOQA
from minigan.iterators.serial_iterator import SerialIterator  # NOQA
