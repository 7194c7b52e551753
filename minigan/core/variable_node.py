"""The graph-side half of a Variable.

A Variable holds its array; its VariableNode holds the graph links (the
creator FunctionNode and the rank). A FunctionNode keeps its input nodes, not
the input Variables, so an array stays alive only while a user holds the
Variable or the function retained it for backward (``retain_inputs``).
"""
import weakref


class VariableNode:
    """The graph side of a Variable: ``name``, ``requires_grad``, ``creator`` (the
    FunctionNode that made it, None for a leaf), ``rank`` and the array kept for backward."""

    def __init__(self, variable, name=None, requires_grad=True):
        self._variable = weakref.ref(variable)
        self.name = name
        self.requires_grad = requires_grad
        self.creator = None
        self.rank = 0
        self.retained_array = None
        self._set_meta(variable.array)

    def _set_meta(self, array):
        self.shape = None if array is None else array.shape
        self.dtype = None if array is None else array.dtype

    @property
    def label(self):
        """Shape and dtype, as a graph drawing shows them: ``(2, 3), float32``."""
        if self.shape == ():
            return str(self.dtype)
        return '(%s), %s' % (', '.join(str(n) for n in self.shape or ()), self.dtype)

    def set_creator(self, creator):
        self.creator = creator
        self.rank = 0 if creator is None else creator.rank + 1

    def retain_data(self):
        variable = self._variable()
        self.retained_array = None if variable is None else variable.array

    def get_variable(self):
        """The Variable of this node; rebuilt from the retained array if the user dropped it."""
        from minigan.core.variable import Variable
        variable = self._variable()
        if variable is not None:
            return variable
        variable = Variable._from_node(self, self.retained_array)
        self._variable = weakref.ref(variable)
        return variable

    def get_variable_or_none(self):
        return self._variable()
