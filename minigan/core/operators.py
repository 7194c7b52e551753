"""Python operators on Variables (``+``, ``*``, ``@``, ``<`` ...), as in Chainer.

A scalar or array operand is cast to the Variable's dtype, so float32 stays float32.
Comparisons return plain boolean arrays; they are not differentiable.
"""
import operator

from minigan.core.variable import Variable


def _operand(x, like):
    if isinstance(x, Variable):
        return x
    return like.xp.asarray(x, dtype=like.dtype)


def _binary(name, reflected=False):
    def op(self, other):
        from minigan import functions as F
        other = _operand(other, self)
        a, b = (other, self) if reflected else (self, other)
        return getattr(F, name)(a, b)
    return op


def _unary(name):
    def op(self):
        from minigan import functions as F
        return getattr(F, name)(self)
    return op


def _compare(compare):
    def op(self, other):
        return compare(self.array, other.array if isinstance(other, Variable) else other)
    return op


def install():
    for dunder, name in [('add', 'add'), ('sub', 'subtract'), ('mul', 'multiply'),
                         ('truediv', 'divide'), ('pow', 'power'), ('matmul', 'matmul')]:
        setattr(Variable, '__%s__' % dunder, _binary(name))
        setattr(Variable, '__r%s__' % dunder, _binary(name, reflected=True))
    Variable.__neg__ = _unary('negative')
    Variable.__abs__ = _unary('absolute')
    Variable.__pos__ = lambda self: self
    for dunder in ('lt', 'le', 'gt', 'ge', 'eq', 'ne'):
        setattr(Variable, '__%s__' % dunder, _compare(getattr(operator, dunder)))
