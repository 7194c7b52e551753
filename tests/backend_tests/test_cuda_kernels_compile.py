"""Every fused kernel compiles for the GPU, through CuPy's own code generator and NVRTC.

No GPU is needed, only CuPy and NVRTC (``pip install cupy-cuda12x nvidia-cuda-nvrtc-cu12``);
skipped where they are missing, as in CI. The argument types are those of real calls,
recorded while test_cuda_kernels.py's cases run their CuPy branches under emulated_gpu().
The generator is CuPy's private ``cupy._core._kernel``: if CuPy changes it, this skips and
says so.
"""
import numpy
import pytest

from minigan.backend.cuda import Elementwise
from minigan.testing import cpu_elementwise
from minigan.testing.emulated_gpu import emulated_gpu, send
from tests.backend_tests.test_cuda_kernels import CASES, _outputs_and_grads

cupy = pytest.importorskip('cupy')
try:
    from cupy._core import _kernel, _scalar, core
    from cupy.cuda import compiler
    _ARG_KIND = {'array': 1, 'indexer': 2, 'scalar': 3}  # NOTE: cupy/_core/_kernel.pxd's _ArgKind
    HEADERS = ''.join('#include <%s>\n' % h for h in core._cupy_header_list)
    OPTIONS = core.assemble_cupy_compiler_options(())
    generate = _kernel._get_elementwise_kernel_code
except (ImportError, AttributeError) as e:
    pytest.skip('CuPy\'s kernel generator changed: %s' % e, allow_module_level=True)

pytestmark = pytest.mark.skipif(cpu_elementwise.compiler() is None,
                                reason='needs a C++ compiler to record the calls')


def _arg_infos(kernel, signature):
    """CuPy's _ArgInfo for each argument of one recorded call, its loop index, and type map."""
    params = (_kernel._get_param_info(kernel.in_params, True)
              + _kernel._get_param_info(kernel.out_params, False))
    types = {p.ctype: numpy.dtype(sig[1]) for p, sig in zip(params, signature)
             if sig[0] == 'array' and p.dtype is None}
    infos, loop_ndim = [], 1
    for p, sig in zip(params, signature):
        if sig[0] == 'array':
            infos.append(_kernel._ArgInfo(_ARG_KIND['array'], cupy.ndarray, numpy.dtype(sig[1]),
                                          sig[2], sig[3], True))
            loop_ndim = loop_ndim if p.raw else max(loop_ndim, sig[2])
        else:
            dtype = types[p.ctype] if p.dtype is None else p.dtype
            infos.append(_kernel._ArgInfo(_ARG_KIND['scalar'], _scalar.CScalar, dtype, 0, True,
                                          True))
    infos.append(_kernel._ArgInfo(_ARG_KIND['indexer'], object, None, loop_ndim, True, True))
    params += _kernel._get_param_info('CIndexer _ind', False)
    return params, tuple(infos), _kernel._TypeMap(tuple(sorted(types.items())))


def _compile(source):
    return compiler.compile_using_nvrtc(HEADERS + source, OPTIONS, arch=None)


@pytest.fixture
def nvrtc(monkeypatch):
    # NOTE: CuPy asks the GPU which architecture to build for; without one, name Hopper's
    monkeypatch.setattr(compiler, '_get_arch_for_options_for_nvrtc',
                        lambda arch=None: ('-arch=compute_90', 'ptx'))
    try:
        _compile('extern "C" __global__ void probe(float *x) { x[0] = 1.0f; }')
    except Exception as e:  # NOTE: NVRTC's library is missing or does not load
        pytest.skip('NVRTC is not usable here: %s' % e)


def test_every_recorded_kernel_call_compiles(nvrtc):
    kernels = {k.name: k for k in Elementwise.instances}
    signatures = set()
    for name in sorted(CASES):
        with emulated_gpu() as log:
            _outputs_and_grads(*CASES[name], send)
        signatures |= log.signatures
    assert {name for name, _ in signatures} == set(kernels)
    for name, signature in sorted(signatures):
        kernel = kernels[name]
        params, infos, types = _arg_infos(kernel, signature)
        _compile(generate(infos, types, params, kernel.operation, kernel.name, ''))
