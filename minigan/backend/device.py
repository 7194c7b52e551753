"""Device objects and device specifiers, as in Chainer's ``--device`` option.

Specifiers: ``-1``, ``'@numpy'`` or ``'cpu'`` for the CPU; ``0``, ``'0'`` or
``'@cupy:0'`` for GPU 0.
"""
import numpy

from minigan.backend import cuda


class Device:
    xp = None

    def send(self, x):
        """Move an array, or a nested tuple/list/dict of arrays, to this device."""
        if isinstance(x, (tuple, list)):
            return type(x)(self.send(a) for a in x)
        if isinstance(x, dict):
            return {k: self.send(v) for k, v in x.items()}
        return self.send_array(x)

    def use(self):
        """Make this device current (a no-op on the CPU)."""

    def __eq__(self, other):
        return isinstance(other, Device) and repr(self) == repr(other)

    def __hash__(self):
        return hash(repr(self))


class CpuDevice(Device):
    xp = numpy

    def send_array(self, x):
        return cuda.to_cpu(x)

    def __repr__(self):
        return '<CpuDevice (numpy)>'

    def __str__(self):
        return '@numpy'


class GpuDevice(Device):
    def __init__(self, device_id=0):
        cupy = cuda.get_cupy()
        if not cuda.available():
            raise RuntimeError('CuPy is installed but no GPU is visible; pass --device -1 '
                               'to run on the CPU.')
        count = cupy.cuda.runtime.getDeviceCount()
        if not 0 <= device_id < count:
            raise ValueError('there is no GPU %d: this machine has %d (0 to %d)'
                             % (device_id, count, count - 1))
        self.xp = cupy
        self.device_id = int(device_id)

    def send_array(self, x):
        return cuda.to_gpu(x, self.device_id)

    def use(self):
        self.xp.cuda.Device(self.device_id).use()

    def __repr__(self):
        return '<GpuDevice (cupy):%d>' % self.device_id

    def __str__(self):
        return '@cupy:%d' % self.device_id


def get_device(device_spec):
    """Turn a device specifier (int, string or Device) into a Device object."""
    if isinstance(device_spec, Device):
        return device_spec
    if device_spec is None:
        return CpuDevice()
    if isinstance(device_spec, str):
        s = device_spec.strip()
        if s in ('@numpy', 'cpu', 'numpy', '-1'):
            return CpuDevice()
        if s == '@cupy':
            return GpuDevice(0)
        if s.startswith('@cupy:') and s[6:].isdigit():
            return GpuDevice(int(s[6:]))
        if s.lstrip('-').isdigit():
            device_spec = int(s)
        else:
            raise ValueError('unknown device specifier %r: use -1, @numpy, 0 or @cupy:0'
                             % device_spec)
    if isinstance(device_spec, (int, numpy.integer)):
        return CpuDevice() if device_spec < 0 else GpuDevice(int(device_spec))
    raise TypeError('unknown device specifier %r' % (device_spec,))


def get_device_from_array(x):
    """The Device that holds ``x``."""
    x = getattr(x, 'array', x)
    if cuda.is_cupy_array(x):
        return GpuDevice(x.device.id)
    return CpuDevice()
