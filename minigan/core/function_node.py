"""FunctionNode: a differentiable operation in the define-by-run graph.

Subclasses implement ``forward(inputs)`` on raw arrays and
``backward(target_input_indexes, grad_outputs)`` on Variables, written with
other minigan functions. Because backward is itself recorded as a graph when
``enable_double_backprop`` is on, gradients of gradients come for free.
"""
import weakref

from minigan.backend import get_array_module
from minigan.configuration import config
from minigan.utils import type_check


class FunctionNode:
    """A differentiable operation: ``forward`` on arrays, ``backward`` on Variables.

    ``apply(inputs)`` runs forward and, when backprop is enabled, records the graph:
    ``inputs`` (the input VariableNodes), ``outputs`` (weak references to the output nodes)
    and ``rank`` (the largest input rank; each output's rank is one more).
    """

    rank = 0
    inputs = None
    outputs = None
    _input_indexes_to_retain = None
    _output_indexes_to_retain = None
    _retained_output_data = None

    @property
    def label(self):
        return type(self).__name__

    def apply(self, inputs):
        """Run forward on ``inputs`` (Variables or arrays) and return a tuple of Variables."""
        from minigan.core.variable import Variable, as_variable
        input_vars = [as_variable(x) for x in inputs]
        in_data = tuple(x.array for x in input_vars)
        if config.type_check and self._checks_types:
            type_check.check_forward(self, in_data)
        outputs = self.forward(in_data)
        if not isinstance(outputs, tuple):
            raise TypeError('%s.forward must return a tuple of arrays' % self.label)
        xp = get_array_module(*in_data)
        # NOTE: as in Chainer, outputs made under no_backprop_mode still require grad (as
        # leaves), they just have no creator
        requires_grad = any(x.requires_grad or x.creator is not None for x in input_vars)
        ret = tuple(Variable(xp.asarray(y), requires_grad=requires_grad) for y in outputs)
        if requires_grad and config.enable_backprop:
            self.rank = max(x.node.rank for x in input_vars)
            self.inputs = tuple(x.node for x in input_vars)
            for y in ret:
                y.node.set_creator(self)
            self.outputs = tuple(weakref.ref(y.node) for y in ret)
            if self._input_indexes_to_retain is not None:
                for i in self._input_indexes_to_retain:
                    self.inputs[i].retain_data()
            if self._output_indexes_to_retain is not None:
                self._retained_output_data = tuple(
                    outputs[i] for i in self._output_indexes_to_retain)
        return ret

    @property
    def _checks_types(self):
        return type(self).check_type_forward is not FunctionNode.check_type_forward

    def check_type_forward(self, in_types):
        """Check the inputs' shapes and dtypes before ``forward`` (``minigan.utils.type_check``).

        Called by ``apply`` while ``config.type_check`` is on; the default checks nothing.
        """

    def forward(self, inputs):
        raise NotImplementedError

    def backward(self, target_input_indexes, grad_outputs):
        """Return one gradient Variable (or None) per input index in ``target_input_indexes``.

        ``grad_outputs`` holds one Variable (or None when that output got no gradient) per
        output.
        """
        raise NotImplementedError('%s has no backward' % self.label)

    def retain_inputs(self, indexes):
        """Keep the arrays of these inputs alive for backward (call inside forward)."""
        self._input_indexes_to_retain = tuple(indexes)

    def retain_outputs(self, indexes):
        """Keep the arrays of these outputs alive for backward (call inside forward)."""
        self._output_indexes_to_retain = tuple(indexes)

    def get_retained_inputs(self):
        return tuple(self.inputs[i].get_variable() for i in self._input_indexes_to_retain)

    def get_retained_outputs(self):
        """Retained outputs as Variables created by this node, so double backprop reaches it."""
        from minigan.core.variable import Variable
        ret = []
        for i, data in zip(self._output_indexes_to_retain, self._retained_output_data):
            node = self.outputs[i]()
            if node is None:
                y = Variable(data)
                y.node.set_creator(self)
                self.outputs = tuple(weakref.ref(y.node) if j == i else ref
                                     for j, ref in enumerate(self.outputs))
                ret.append(y)
            else:
                if node.retained_array is None:
                    node.retained_array = data
                ret.append(node.get_variable())
        return tuple(ret)

    def unchain(self):
        """Cut this node out of the graph: its outputs forget it and it forgets its inputs."""
        for ref in self.outputs or ():
            node = ref()
            if node is not None:
                node.set_creator(None)
        self.inputs = None
        self._retained_output_data = None

    def __repr__(self):
        return '<%s rank=%d>' % (self.label, self.rank)
