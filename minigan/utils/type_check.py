"""Chainer's input type checks: ``check_type_forward(in_types)`` of a FunctionNode.

A FunctionNode may declare what its inputs must look like::

    def check_type_forward(self, in_types):
        type_check.expect(in_types.size() == 2)
        x_type, w_type = in_types
        type_check.expect(x_type.dtype.kind == 'f', x_type.ndim == 2,
                          x_type.shape[1] == w_type.shape[1])

``FunctionNode.apply`` calls it before ``forward`` while ``config.type_check`` is on. It
runs twice at most, as in Chainer: first in *light mode*, where ``in_types`` hold plain
shapes and dtypes and each comparison is an ordinary bool; only when that fails it runs
again on *expressions*: every attribute, index, call and operator builds a small syntax
tree, so the error can name the failed condition in the user's own terms, e.g.
``Expect: in_types[0].ndim == 2`` / ``Actual: 4 != 2``.
"""
import contextlib
import operator
import threading

import numpy

from minigan.backend import is_cupy_array

_local = threading.local()


class InvalidType(Exception):
    """A ``type_check.expect`` condition does not hold; ``expect`` and ``actual`` say which."""

    def __init__(self, expect, actual, msg=None):
        if msg is None:
            msg = 'Expect: {0}\nActual: {1}'.format(expect, actual)
            function = getattr(_local, 'current_function', None)
            if function is not None:
                msg = '\nInvalid operation is performed in: {0} (Forward)\n\n{1}'.format(
                    function.label, msg)
        super().__init__(msg)
        self.expect = expect
        self.actual = actual


class TypeInfo:
    """The shape and dtype of one input array (never the data)."""

    def __init__(self, shape, dtype):
        self.shape = shape
        self.dtype = dtype
        self.ndim = len(shape)

    @property
    def size(self):
        return int(numpy.prod(self.shape, dtype=numpy.int64))


class LightTypeInfoTuple(tuple):
    """The inputs' TypeInfos in light mode; ``size()`` is how many there are."""

    def size(self):
        return len(self)


class TypeInfoTuple(tuple):
    """The inputs as expression Variables; ``size()`` is an expression named ``in_types.size``."""

    def size(self):
        return Variable(len(self), '{0}.size'.format(self.name))


def in_light_mode():
    return getattr(_local, 'light_mode', False)


@contextlib.contextmanager
def _light_mode():
    _local.light_mode = True
    try:
        yield
    finally:
        _local.light_mode = False


@contextlib.contextmanager
def get_function_check_context(function):
    """Name ``function`` in the InvalidType messages raised inside this block."""
    previous = getattr(_local, 'current_function', None)
    _local.current_function = function
    try:
        yield
    finally:
        _local.current_function = previous


def _repr(value):
    if isinstance(value, tuple) and len(value) == 1:
        return '({0},)'.format(_repr(value[0]))
    if isinstance(value, (tuple, list)):
        body = ', '.join(_repr(v) for v in value)
        return '({0})'.format(body) if isinstance(value, tuple) else '[{0}]'.format(body)
    return str(value) if isinstance(value, Expr) else repr(value)


def _evaluate(value):
    if isinstance(value, Expr):
        return value.eval()
    if isinstance(value, (tuple, list)):
        return type(value)(_evaluate(v) for v in value)
    return value


def _binary(symbol, priority, func):
    return lambda lhs, rhs: BinaryOperator(priority, lhs, rhs, symbol, func)


def _reflected(symbol, priority, func):
    return lambda rhs, lhs: BinaryOperator(priority, lhs, rhs, symbol, func)


def _comparison(symbol, inverse, func):
    return lambda lhs, rhs: BoolBinaryOperator(lhs, rhs, symbol, inverse, func)


class Expr:
    """A node of an expression tree; ``eval()`` computes it, ``str()`` spells it out.

    priority: Python's operator precedence, so ``str`` adds only the needed parentheses.
    """

    def __init__(self, priority):
        self.priority = priority

    def eval(self):
        raise NotImplementedError

    def __getattr__(self, name):
        if name.startswith('__'):
            raise AttributeError(name)
        return GetAttr(self, name)

    def __getitem__(self, key):
        return GetItem(self, key)

    def __call__(self, *args):
        return Call(self, args)

    def __bool__(self):
        raise RuntimeError('An Expr instance cannot be evaluated as bool. Please use '
                           'chainer.utils.type_check.eval() to evaluate an expression.')

    __hash__ = None
    __eq__ = _comparison('==', '!=', operator.eq)
    __ne__ = _comparison('!=', '==', operator.ne)
    __lt__ = _comparison('<', '>=', operator.lt)
    __le__ = _comparison('<=', '>', operator.le)
    __gt__ = _comparison('>', '<=', operator.gt)
    __ge__ = _comparison('>=', '<', operator.ge)
    __add__, __radd__ = _binary('+', 4, operator.add), _reflected('+', 4, operator.add)
    __sub__, __rsub__ = _binary('-', 4, operator.sub), _reflected('-', 4, operator.sub)
    __mul__, __rmul__ = _binary('*', 5, operator.mul), _reflected('*', 5, operator.mul)
    __truediv__ = _binary('/', 5, operator.truediv)
    __rtruediv__ = _reflected('/', 5, operator.truediv)
    __floordiv__ = _binary('//', 5, operator.floordiv)
    __rfloordiv__ = _reflected('//', 5, operator.floordiv)
    __mod__, __rmod__ = _binary('%', 5, operator.mod), _reflected('%', 5, operator.mod)
    __pow__ = _binary('**', 7, operator.pow)

    def __neg__(self):
        return UnaryOperator(6, self, '-', operator.neg)


class Atom(Expr):
    def __init__(self):
        super().__init__(8)


class Constant(Atom):
    def __init__(self, value):
        super().__init__()
        self.value = value

    def __str__(self):
        return _repr(self.value)

    def eval(self):
        return self.value


class Variable(Atom):
    """A named value: ``in_types[0]``, ``in_types.size``."""

    def __init__(self, value, name):
        super().__init__()
        self.value = value
        self.name = name

    def __str__(self):
        return self.name

    def eval(self):
        return self.value


class GetAttr(Atom):
    def __init__(self, obj, name):
        super().__init__()
        self.obj, self.name = obj, name

    def __str__(self):
        return '{0}.{1}'.format(_repr(self.obj), self.name)

    def eval(self):
        return getattr(_evaluate(self.obj), self.name)


def _subscript(key):
    if key is Ellipsis:
        return '...'
    if isinstance(key, slice):
        parts = ['' if v is None else _repr(v) for v in (key.start, key.stop, key.step)]
        return ':'.join(parts if key.step is not None else parts[:2])
    if isinstance(key, tuple):
        return ', '.join(_subscript(k) for k in key)
    return _repr(key)


class GetItem(Atom):
    def __init__(self, obj, key):
        super().__init__()
        self.obj, self.key = obj, key

    def __str__(self):
        return '{0}[{1}]'.format(_repr(self.obj), _subscript(self.key))

    def eval(self):
        return _evaluate(self.obj)[_evaluate(self.key)]


class Call(Atom):
    def __init__(self, obj, args):
        super().__init__()
        self.obj, self.args = obj, args

    def __str__(self):
        return '{0}({1})'.format(_repr(self.obj), ', '.join(_repr(a) for a in self.args))

    def eval(self):
        return _evaluate(self.obj)(*[_evaluate(a) for a in self.args])


class UnaryOperator(Expr):
    def __init__(self, priority, term, symbol, func):
        super().__init__(priority)
        self.term, self.symbol, self.func = term, symbol, func

    def __str__(self):
        term = _repr(self.term)
        if isinstance(self.term, Expr) and self.term.priority < self.priority:
            term = '(' + term + ')'
        return self.symbol + term

    def eval(self):
        return self.func(_evaluate(self.term))


class BinaryOperator(Expr):
    def __init__(self, priority, lhs, rhs, symbol, func):
        super().__init__(priority)
        self.lhs, self.rhs, self.symbol, self.func = lhs, rhs, symbol, func

    def __str__(self):
        # NOTE: left-associative: a right operand of equal priority needs parentheses
        left, right = _repr(self.lhs), _repr(self.rhs)
        if isinstance(self.lhs, Expr) and self.lhs.priority < self.priority:
            left = '(' + left + ')'
        if isinstance(self.rhs, Expr) and self.rhs.priority <= self.priority:
            right = '(' + right + ')'
        return '{0} {1} {2}'.format(left, self.symbol, right)

    def eval(self):
        return self.func(_evaluate(self.lhs), _evaluate(self.rhs))


class BoolBinaryOperator(BinaryOperator):
    """A comparison; ``expect()`` raises InvalidType when it is False."""

    def __init__(self, lhs, rhs, symbol, inverse, func):
        super().__init__(-1, lhs, rhs, symbol, func)
        self.inverse = inverse

    def expect(self):
        left, right = _evaluate(self.lhs), _evaluate(self.rhs)
        if not self.func(left, right):
            raise InvalidType('{0} {1} {2}'.format(self.lhs, self.symbol, self.rhs),
                              '{0} {1} {2}'.format(left, self.inverse, right))


def expect(*bool_exprs):
    """Raise InvalidType for the first condition that does not hold."""
    if in_light_mode():
        if not all(bool_exprs):
            raise InvalidType('', '')
        return
    for condition in bool_exprs:
        if not isinstance(condition, BoolBinaryOperator):
            raise TypeError('type_check.expect takes comparisons of in_types, got %r'
                            % (condition,))
        condition.expect()


def eval(expression):
    """The value of ``expression`` (itself in light mode, where nothing is an expression)."""
    return expression if in_light_mode() else expression.eval()


def make_variable(value, name):
    """``value`` as an expression named ``name`` (as is in light mode)."""
    return value if in_light_mode() else Variable(value, name)


def prod(values):
    """The product of ``values`` (an expression outside light mode)."""
    if in_light_mode():
        return int(numpy.prod(values, dtype=numpy.int64))
    return Call(Variable(lambda v: int(numpy.prod(v, dtype=numpy.int64)), 'prod'), (values,))


def same_types(*arrays):
    """True when the arrays are all NumPy arrays or all CuPy arrays."""
    return (all(isinstance(x, numpy.ndarray) for x in arrays)
            or all(is_cupy_array(x) for x in arrays))


def _argname(in_types, names):
    """Check the number of inputs and name each one (``x``, ``W``) in the messages."""
    if len(in_types) != len(names):
        raise InvalidType('{} argument(s)'.format(len(names)),
                          '{} argument(s)'.format(len(in_types)),
                          'Invalid number of arguments')
    for in_type, name in zip(in_types, names):
        if isinstance(in_type, Variable):
            in_type.name = name


argname = _argname


def expect_broadcast_shapes(*shape_types):
    """Raise InvalidType unless the shapes broadcast together."""
    shapes = [eval(s) for s in shape_types]
    try:
        numpy.broadcast_shapes(*shapes)
    except ValueError:
        lines = ['cannot broadcast inputs of the following shapes:']
        lines += ['{} = {}'.format(t, s) for t, s in zip(shape_types, shapes)]
        raise InvalidType('', '', msg='\n'.join(lines)) from None


def get_types(data, name, accept_none):
    """The arrays ``data`` as a TypeInfoTuple of expressions ``name[0]``, ``name[1]``, ..."""
    info = TypeInfoTuple(
        Variable(TypeInfo((), None) if x is None and accept_none
                 else TypeInfo(x.shape, x.dtype), '{0}[{1}]'.format(name, i))
        for i, x in enumerate(data))
    info.name = name
    return info


def check_forward(function, in_data):
    """Run ``function.check_type_forward`` on the input arrays, Chainer's way.

    Light mode first (plain values, fast); on failure again with expressions, whose
    InvalidType names the condition and the function.
    """
    try:
        with _light_mode():
            function.check_type_forward(LightTypeInfoTuple(
                TypeInfo(x.shape, x.dtype) for x in in_data))
        return
    except InvalidType:
        pass
    with get_function_check_context(function):
        function.check_type_forward(get_types(in_data, 'in_types', False))
