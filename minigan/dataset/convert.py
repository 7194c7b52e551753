"""Converters: turn a list of examples into arrays for one minibatch.

``concat_examples`` is Chainer's default converter. Given a batch of tuples it returns a tuple
of stacked arrays, given dicts a dict of stacked arrays, given arrays one stacked array:

    [(x0, t0), (x1, t1)]  ->  (stack([x0, x1]), stack([t0, t1]))
"""
import numpy

from minigan import backend


def to_device(device, x):
    """Send ``x`` (an array or None) to ``device``; ``device=None`` returns ``x`` unchanged.

    ``device`` is anything ``minigan.get_device`` accepts: ``-1``, ``'@numpy'``, ``0``,
    ``'@cupy:0'`` or a Device object.
    """
    if device is None or x is None:
        return x
    return backend.get_device(device).send(x)


def concat_examples(batch, device=None, padding=None):
    """Stack a list of examples into batch arrays, optionally padding ragged shapes.

    batch: a non-empty list whose items are all arrays (or scalars), all tuples, or all dicts.
    padding: None to require equal shapes; otherwise the fill value (a tuple or dict of fill
    values, one per field, is also accepted). Padded arrays take the largest size on each axis.
    Returns an array of shape (len(batch), ...), or a tuple/dict of such arrays.
    """
    if len(batch) == 0:
        raise ValueError('batch is empty')
    first = batch[0]
    if isinstance(first, tuple):
        if not isinstance(padding, tuple):
            padding = (padding,) * len(first)
        return tuple(to_device(device, _concat_arrays([example[i] for example in batch],
                                                      padding[i]))
                     for i in range(len(first)))
    if isinstance(first, dict):
        if not isinstance(padding, dict):
            padding = {key: padding for key in first}
        return {key: to_device(device, _concat_arrays([example[key] for example in batch],
                                                      padding[key]))
                for key in first}
    return to_device(device, _concat_arrays(batch, padding))


def _concat_arrays(arrays, padding):
    if not _is_array(arrays[0]):
        # NOTE: Python scalars and lists (labels, for example) become one NumPy array.
        arrays = numpy.asarray(arrays)
    xp = backend.get_array_module(arrays[0])
    if padding is None:
        return xp.stack([xp.asarray(a) for a in arrays])
    shape = numpy.max([a.shape for a in arrays], axis=0) if arrays[0].ndim else ()
    x = xp.full((len(arrays),) + tuple(int(s) for s in shape), padding, dtype=arrays[0].dtype)
    for i, a in enumerate(arrays):
        x[(i,) + tuple(slice(s) for s in a.shape)] = a
    return x


def _is_array(x):
    return isinstance(x, numpy.ndarray) or backend.is_cupy_array(x)
