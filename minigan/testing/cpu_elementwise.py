"""Run the C++ body of a CUDA elementwise kernel on NumPy arrays, to check it without a GPU.

``minigan.backend.cuda.Elementwise`` kernels are cupy.ElementwiseKernel declarations: typed
parameters and a C++ ``operation`` that CuPy runs once per output index ``i``. This module
follows the same rules on the CPU. It writes the operation into a plain loop over ``i``,
compiles that with the system's C++ compiler, and calls it through ctypes:

- non-raw arrays are broadcast to one shape and bound by reference, element ``i`` each
  (``const T &x`` for inputs, ``T &y`` for outputs);
- ``raw`` arrays are passed whole, C-contiguous, for the body to index with a flat index;
- scalars are converted to their parameter's type, and the one-letter type names (``T``)
  are bound to the dtype of the first array declared with them.

What it cannot see is CUDA itself (threads running at once, device math functions), so a
body is checked here for its index arithmetic and its C++, and on a GPU for the rest.
"""
import ctypes
import hashlib
import os
import shutil
import subprocess
import tempfile

import numpy

_C_TYPES = {'bool': 'bool', 'int8': 'signed char', 'uint8': 'unsigned char',
            'int16': 'short', 'int32': 'int', 'int64': 'long long',
            'float32': 'float', 'float64': 'double'}
_CTYPES = {'bool': ctypes.c_bool, 'int8': ctypes.c_int8, 'uint8': ctypes.c_uint8,
           'int16': ctypes.c_int16, 'int32': ctypes.c_int32, 'int64': ctypes.c_int64,
           'float32': ctypes.c_float, 'float64': ctypes.c_double}
_libraries = {}


def compiler():
    """The C++ compiler's path, or None when the machine has none."""
    return shutil.which(os.environ.get('CXX', 'c++')) or shutil.which('g++')


def _parse(params):
    """'raw T img, int32 h' -> [(raw, type, name), ...]."""
    parsed = []
    for param in params.split(','):
        words = param.split()
        if not words:
            continue
        parsed.append(('raw' in words[:-2], words[-2], words[-1]))
    return parsed


def _bind_types(params, args):
    """{one-letter type: dtype} from the arrays passed for parameters declared with it."""
    types = {}
    for (_, typ, _), arg in zip(params, args):
        if len(typ) == 1 and isinstance(arg, numpy.ndarray):
            types.setdefault(typ, arg.dtype)
    return types


def _source(kernel, params, types, n_in, is_array):
    """The C++ translation unit: the operation inside ``for (i = 0; i < size; ++i)``."""
    decls, binds = [], []
    for k, (raw, typ, name) in enumerate(params):
        const = 'const ' if k < n_in else ''
        if raw:
            decls.append('%s%s *%s' % (const, typ, name))
        elif is_array[k]:
            decls.append('%s%s *_raw_%s' % (const, typ, name))
            binds.append('%s%s &%s = _raw_%s[i];' % (const, typ, name, name))
        else:
            decls.append('%s %s' % (typ, name))
    typedefs = ''.join('typedef %s %s;\n' % (_C_TYPES[numpy.dtype(d).name], t)
                       for t, d in sorted(types.items()))
    named = ''.join('typedef %s %s;\n' % (c, n) for n, c in _C_TYPES.items() if n != 'bool')
    return ('#include <cmath>\n#include <cstddef>\nusing namespace std;\n%s%s'
            'extern "C" void %s(%s, ptrdiff_t _size) {\n'
            '  for (ptrdiff_t i = 0; i < _size; ++i) {\n    %s\n    %s;\n  }\n}\n'
            % (named, typedefs, kernel.name, ', '.join(decls), '\n    '.join(binds),
               kernel.operation))


def _library(source):
    """Compile ``source`` once per process (cached by its hash) and load it."""
    key = hashlib.sha1(source.encode()).hexdigest()
    if key not in _libraries:
        # NOTE: a loaded library stays mapped after its file is deleted (POSIX)
        with tempfile.TemporaryDirectory(prefix='minigan_kernel_') as folder:
            src, lib = os.path.join(folder, 'kernel.cpp'), os.path.join(folder, 'kernel.so')
            with open(src, 'w') as f:
                f.write(source)
            done = subprocess.run([compiler(), '-O1', '-shared', '-fPIC', '-o', lib, src],
                                  capture_output=True, text=True)
            if done.returncode != 0:
                raise RuntimeError('the kernel does not compile:\n%s\n%s'
                                   % (done.stderr, source))
            _libraries[key] = ctypes.CDLL(lib)
    return _libraries[key]


def run_elementwise(kernel, *args):
    """Run ``kernel`` (an Elementwise) on NumPy arguments, outputs included, as CuPy would.

    Every output array must be passed (as ``kernel(*inputs, *outputs)`` is called in minigan);
    they are written in place and returned, one array or a tuple.
    """
    params = _parse(kernel.in_params) + _parse(kernel.out_params)
    n_in = len(_parse(kernel.in_params))
    if len(args) != len(params):
        raise TypeError('%s takes %d arguments, got %d' % (kernel.name, len(params), len(args)))
    types = _bind_types(params, args)
    is_array = [not raw and isinstance(a, numpy.ndarray) for (raw, _, _), a in zip(params, args)]
    shape = numpy.broadcast_shapes(*[a.shape for a, m in zip(args, is_array) if m])
    size = int(numpy.prod(shape))
    library = _library(_source(kernel, params, types, n_in, is_array))
    c_args, copies = [], []
    for k, ((raw, typ, name), arg) in enumerate(zip(params, args)):
        dtype = numpy.dtype(types.get(typ, typ if len(typ) > 1 else None))
        if isinstance(arg, numpy.ndarray):
            if arg.dtype != dtype:
                raise TypeError('%s: %s is %s, not %s' % (kernel.name, name, arg.dtype, dtype))
            if k >= n_in:
                if not raw and arg.shape != shape:
                    raise ValueError('%s: output %s has shape %s, the loop %s'
                                     % (kernel.name, name, arg.shape, shape))
                data = numpy.ascontiguousarray(arg)
                copies.append((arg, data))
            else:
                data = numpy.ascontiguousarray(arg if raw else numpy.broadcast_to(arg, shape))
            c_args.append(data.ctypes.data_as(ctypes.c_void_p))
        else:
            c_args.append(_CTYPES[dtype.name](dtype.type(arg).item()))
    getattr(library, kernel.name)(*c_args, ctypes.c_ssize_t(size))
    for out, data in copies:
        if data is not out:
            out[...] = data
    outs = tuple(out for out, _ in copies)
    return outs[0] if len(outs) == 1 else outs
