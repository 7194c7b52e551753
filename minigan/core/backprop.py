"""Reverse-mode differentiation over the graph of FunctionNodes.

Functions are visited in decreasing rank (a topological order), so a Variable
used by several functions receives the sum of all their gradients before its
own creator runs. Gradients of intermediate Variables are freed as soon as their
creator has consumed them. With ``enable_double_backprop`` the backward
computation is itself recorded as a graph, so the gradient can be differentiated
again (needed by the WGAN-GP gradient penalty).
"""
import heapq

from minigan.configuration import using_config


def _relevant_functions(output_nodes, is_target):
    """Functions on some path from a target node to an output node.

    Returns {id(func): func} of the functions whose backward must run, and
    {id(func): input indexes} telling which of their inputs lead to a target.
    """
    order, seen, stack = [], set(), []
    for node in output_nodes:
        if node.creator is not None and id(node.creator) not in seen:
            seen.add(id(node.creator))
            stack.append(node.creator)
    while stack:
        func = stack.pop()
        order.append(func)
        for x in func.inputs:
            if x.creator is not None and id(x.creator) not in seen:
                seen.add(id(x.creator))
                stack.append(x.creator)
    relevant, indexes = {}, {}
    for func in sorted(order, key=lambda f: f.rank):  # inputs' creators come first
        idx = tuple(i for i, x in enumerate(func.inputs)
                    if is_target(x) or (x.creator is not None and id(x.creator) in relevant))
        if idx:
            relevant[id(func)] = func
            indexes[id(func)] = idx
    return relevant, indexes


def _accumulate(grads, node, gx):
    old = grads.get(node)
    grads[node] = gx if old is None else old + gx


def _run(output_nodes, seeds, is_target, keep, retain_grad, enable_double_backprop):
    """Backpropagate ``seeds`` (node -> gradient Variable) and return the gradients of ``keep``.

    ``keep(node)`` says whether a node's total gradient must be returned (targets).
    """
    relevant, indexes = _relevant_functions(output_nodes, is_target)
    grads = dict(seeds)
    heap, pushed = [], set()

    def push(func):
        if func is not None and id(func) in relevant and id(func) not in pushed:
            pushed.add(id(func))
            heapq.heappush(heap, (-func.rank, len(pushed), func))

    for node in output_nodes:
        push(node.creator)
    kept = {}
    with using_config('enable_backprop', enable_double_backprop):
        while heap:
            func = heapq.heappop(heap)[2]
            out_nodes = [ref() for ref in func.outputs]
            gys = []
            for y in out_nodes:
                gy = None if y is None else (grads.get(y) if keep(y) else grads.pop(y, None))
                gys.append(gy)
                if retain_grad and y is not None and gy is not None:
                    variable = y.get_variable_or_none()
                    if variable is not None:
                        variable.grad_var = gy
            if all(gy is None for gy in gys):
                continue
            target_indexes = indexes[id(func)]
            gxs = func.backward(target_indexes, tuple(gys))
            if len(gxs) != len(target_indexes):
                raise ValueError('%s.backward returned %d gradients for %d inputs'
                                 % (func.label, len(gxs), len(target_indexes)))
            for i, gx in zip(target_indexes, gxs):
                if gx is None:
                    continue
                x = func.inputs[i]
                if gx.shape != x.shape:
                    raise ValueError('%s.backward gave a gradient of shape %s for input %d '
                                     'of shape %s' % (func.label, gx.shape, i, x.shape))
                _accumulate(grads, x, gx)
                push(x.creator)
    for node, g in grads.items():
        if keep(node):
            kept[node] = g
    return kept


def _ones_like(variable):
    from minigan.core.variable import Variable
    return Variable(variable.xp.ones_like(variable.array))


def backward(output, retain_grad=False, enable_double_backprop=False):
    """Implementation of ``Variable.backward``: add gradients into the leaves' ``.grad``."""
    grad = output.grad_var
    if grad is None:
        if output.size != 1:
            raise ValueError('backward() on an output of shape %s needs its .grad set first; '
                             'only size-1 outputs are seeded with 1' % (output.shape,))
        grad = _ones_like(output)
    if output.creator is None:
        return
    root = output.node

    def is_leaf_target(node):
        return node.creator is None and node.requires_grad

    kept = _run([root], {root: grad}, is_leaf_target, is_leaf_target,
                retain_grad, enable_double_backprop)
    for node, g in kept.items():
        variable = node.get_variable_or_none()
        if variable is None:
            continue
        if variable.grad_var is None:
            variable.grad_var = g
        else:
            with using_config('enable_backprop', enable_double_backprop):
                variable.grad_var = variable.grad_var + g


def grad(outputs, inputs, grad_outputs=None, grad_inputs=None, set_grad=False,
         retain_grad=False, enable_double_backprop=False):
    """Gradients of ``outputs`` with respect to ``inputs``, as a list of Variables.

    Unlike ``backward`` this leaves ``.grad`` of every other Variable untouched. Outputs of
    any shape are seeded with ones unless ``grad_outputs`` is given (Chainer's rule).
    ``grad_inputs`` are added to the results; ``set_grad=True`` also stores them in
    ``inputs[i].grad_var``.
    """
    from minigan.core.variable import Variable
    outputs, inputs = list(outputs), list(inputs)
    if grad_outputs is None:
        grad_outputs = [None] * len(outputs)
    seeds = {}
    for y, gy in zip(outputs, grad_outputs):
        if gy is None:
            gy = _ones_like(y)
        elif not isinstance(gy, Variable):
            gy = Variable(gy)
        _accumulate(seeds, y.node, gy)
    targets = {x.node for x in inputs}

    def is_target(node):
        return node in targets

    kept = _run([y.node for y in outputs], seeds, is_target, is_target,
                retain_grad, enable_double_backprop)
    result = [kept.get(x.node) for x in inputs]
    if grad_inputs is not None:
        result = [g if gi is None else (gi if g is None else g + gi)
                  for g, gi in zip(result, grad_inputs)]
    if set_grad:
        for x, g in zip(inputs, result):
            x.grad_var = g
    return result
