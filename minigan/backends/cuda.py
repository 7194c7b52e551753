"""``chainer.backends.cuda``: the NumPy/CuPy helpers under the name Chainer 7 code imports.

They are ``minigan.backend.cuda``'s, the one module that imports CuPy. Chainer's
``cuda.available`` is a bool computed by importing CuPy up front; minigan keeps that lazy
as the function ``minigan.backend.cuda.available()``, so it is left out here rather than
exported as an always-true function.
"""
from minigan.backend.cuda import elementwise, get_array_module, to_cpu, to_gpu  # NOQA
