"""Chainer's older spelling of the device layer: ``chainer.backends.cuda``.

Chainer 7 code writes ``chainer.backends.cuda.to_cpu(x)`` and
``chainer.backends.cuda.get_array_module(x)``; the code lives in ``minigan.backend``.
"""
from minigan.backends import cuda  # NOQA
