"""One place that knows NumPy and CuPy."""
from minigan.backend import cuda  # NOQA
from minigan.backend.cuda import get_array_module, to_cpu, to_gpu, is_cupy_array  # NOQA
from minigan.backend.device import (  # NOQA
    CpuDevice, Device, GpuDevice, get_device, get_device_from_array)


def to_device(device, x):
    """Send an array (or nested tuple/list/dict of arrays) to ``device``."""
    return get_device(device).send(x)
