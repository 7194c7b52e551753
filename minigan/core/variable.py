"""Variable: an array plus its place in the computational graph (Chainer's surface)."""
import numpy

from minigan.backend import get_array_module, to_cpu
from minigan.core.variable_node import VariableNode


class Variable:
    """An array that remembers how it was computed.

    ``array`` (alias ``data``) is a numpy or cupy array; ``grad_var`` (and the raw ``grad``)
    is filled by ``backward``. ``requires_grad=False`` marks inputs that never need a
    gradient.
    """

    __array_priority__ = 200

    def __init__(self, data=None, name=None, grad=None, requires_grad=True):
        if data is not None and not hasattr(data, 'shape'):
            raise TypeError('Variable needs a numpy or cupy array, got %s' % type(data).__name__)
        self._array = data
        self._grad_var = None
        self._node = VariableNode(self, name, requires_grad)
        if grad is not None:
            self.grad = grad

    @classmethod
    def _from_node(cls, node, array):
        variable = cls.__new__(cls)
        variable._array = array
        variable._grad_var = None
        variable._node = node
        return variable

    # ---- data and gradient ----
    @property
    def node(self):
        return self._node

    @property
    def array(self):
        return self._array

    @array.setter
    def array(self, value):
        self._array = value
        self._node._set_meta(value)
        if self._node.retained_array is not None:
            self._node.retained_array = value

    data = array

    @property
    def grad_var(self):
        return self._grad_var

    @grad_var.setter
    def grad_var(self, g):
        if g is not None and not isinstance(g, Variable):
            g = Variable(g)
        self._grad_var = g

    @property
    def grad(self):
        return None if self._grad_var is None else self._grad_var.array

    @grad.setter
    def grad(self, g):
        self._grad_var = None if g is None else Variable(g)

    def cleargrad(self):
        self._grad_var = None

    def zerograd(self):
        if self.array is not None:
            self.grad = self.xp.zeros_like(self.array)

    @property
    def label(self):
        """Shape and dtype, as a graph drawing shows them: ``(2, 3), float32``."""
        return self._node.label

    @property
    def name(self):
        return self._node.name

    @name.setter
    def name(self, n):
        self._node.name = n

    @property
    def requires_grad(self):
        return self._node.requires_grad

    @property
    def creator(self):
        return self._node.creator

    @creator.setter
    def creator(self, func):
        self._node.set_creator(func)

    @property
    def rank(self):
        return self._node.rank

    # ---- array-like attributes ----
    shape = property(lambda self: self.array.shape)
    ndim = property(lambda self: self.array.ndim)
    size = property(lambda self: self.array.size)
    dtype = property(lambda self: self.array.dtype)

    @property
    def xp(self):
        return get_array_module(self.array)

    @property
    def T(self):
        return self.transpose()

    def __len__(self):
        return len(self.array)

    def __repr__(self):
        if self.array is None:
            return 'variable(None)' if self.name is None else 'variable %s(None)' % self.name
        body = numpy.array2string(to_cpu(self.array), separator=', ', prefix='variable(',
                                  threshold=20, edgeitems=2)
        name = '' if self.name is None else ' ' + self.name
        return 'variable%s(%s)' % (name, body)

    def __str__(self):
        return repr(self)

    def __bool__(self):
        raise TypeError('the truth value of a Variable is ambiguous; use .array')

    __hash__ = object.__hash__

    def __deepcopy__(self, memo):
        """A detached copy: same array values, name, flags and gradient; no creator."""
        import copy
        new = type(self).__new__(type(self))
        memo[id(self)] = new
        for key, value in self.__dict__.items():
            if key not in ('_node', '_array', '_grad_var'):
                setattr(new, key, copy.deepcopy(value, memo))
        new._array = copy.deepcopy(self._array, memo)
        new._grad_var = copy.deepcopy(self._grad_var, memo)
        new._node = VariableNode(new, self.name, self.requires_grad)
        return new

    # ---- graph operations ----
    def backward(self, retain_grad=False, enable_double_backprop=False):
        """Accumulate d(self)/d(leaf) into ``.grad`` of every leaf that requires it.

        The output must have size 1 unless ``self.grad`` was set by hand.
        """
        from minigan.core import backprop
        backprop.backward(self, retain_grad=retain_grad,
                          enable_double_backprop=enable_double_backprop)

    def unchain(self):
        """Forget the creator: this Variable becomes a leaf."""
        self._node.set_creator(None)

    def unchain_backward(self):
        """Cut every graph edge behind this Variable so the graph can be freed."""
        seen = set()
        stack = [self.creator] if self.creator is not None else []
        while stack:
            func = stack.pop()
            if id(func) in seen or func.inputs is None:
                continue
            seen.add(id(func))
            stack.extend(n.creator for n in func.inputs if n.creator is not None)
            func.unchain()
        self.unchain()

    def to_device(self, device):
        from minigan.backend import to_device
        self.array = to_device(device, self.array)
        if self._grad_var is not None:
            self._grad_var.to_device(device)

    def to_cpu(self):
        self.to_device(-1)

    def to_gpu(self, device=0):
        self.to_device('@cupy:%d' % device)

    # ---- shape helpers (Chainer's methods) ----
    def reshape(self, *shape):
        from minigan import functions as F
        if len(shape) == 1 and isinstance(shape[0], (tuple, list)):
            shape = tuple(shape[0])
        return F.reshape(self, shape)

    def transpose(self, *axes):
        from minigan import functions as F
        if len(axes) == 1 and isinstance(axes[0], (tuple, list)):
            axes = tuple(axes[0])
        return F.transpose(self, axes or None)

    def __getitem__(self, slices):
        from minigan import functions as F
        return F.get_item(self, slices)


def as_variable(x):
    """Wrap an array as a Variable that requires no gradient; pass Variables through."""
    if isinstance(x, Variable):
        return x
    return Variable(x, requires_grad=False)


def as_array(x):
    return x.array if isinstance(x, Variable) else x
