"""Optimizer, GradientMethod, UpdateRule and Hyperparameter (Chainer 7's design).

An optimizer owns one ``Hyperparameter`` object; ``setup(link)`` gives every Parameter its
own ``UpdateRule`` whose hyperparameter falls back to the optimizer's (a parent chain), so
``optimizer.alpha = 1e-4`` changes every rule at once while ``param.update_rule.hyperparam.lr
= 0`` changes only one. Each rule keeps its own step count ``t`` and state arrays (Adam's
``m`` and ``v``), which ``serialize`` writes under the parameter's path: ``l0/W/t``,
``l0/W/m``, ``l0/W/v``, next to the optimizer's own ``t`` and ``epoch``.
"""
import collections

from minigan.backend import get_array_module
# NOTE: Chainer 1's place for these hooks, still importable from chainer.optimizer in Chainer 7
from minigan.optimizer_hooks import GradientClipping, WeightDecay  # NOQA
from minigan.serializers.serializer import Deserializer


class Hyperparameter:
    """A set of named values that falls back to a parent set for names it lacks.

    ``Hyperparameter(parent=None)``; ``hp.lr = 0.1`` sets a value here, ``hp.lr`` reads
    it here or, when it is not set here, from the parent (and so on up the chain).
    """

    def __init__(self, parent=None):
        self._parent = parent

    def __getattr__(self, name):
        # NOTE: only called for names not found normally, i.e. not set on this object
        if name.startswith('_'):
            raise AttributeError(name)
        if self._parent is None:
            raise AttributeError('hyperparameter %r is not set' % name)
        return getattr(self._parent, name)

    @property
    def parent(self):
        return self._parent

    def get_dict(self):
        """All values visible from here, as a dict (own values win over the parent's)."""
        values = {} if self._parent is None else self._parent.get_dict()
        values.update((k, v) for k, v in self.__dict__.items() if not k.startswith('_'))
        return values

    def __repr__(self):
        body = ', '.join('%s=%r' % kv for kv in sorted(self.get_dict().items()))
        return 'Hyperparameter(%s)' % body


class HyperparameterProxy:
    """Class attribute that forwards ``optimizer.<name>`` to ``optimizer.hyperparam.<name>``."""

    def __init__(self, name):
        self.name = name
        self.__doc__ = 'Alias of ``hyperparam.%s`` (settable, e.g. by schedules).' % name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return getattr(obj.hyperparam, self.name)

    def __set__(self, obj, value):
        setattr(obj.hyperparam, self.name, value)


def make_hyperparameter(**values):
    """A parentless Hyperparameter holding ``values`` (the defaults of a rule class)."""
    hp = Hyperparameter()
    for name, value in values.items():
        setattr(hp, name, value)
    return hp


class UpdateRule:
    """How one Parameter changes in one step; subclasses write ``update_core(param)``.

    ``state`` is a dict of arrays shaped like the parameter (``None`` until the first
    update or load); ``state_keys()`` names them. ``t`` counts this rule's updates.
    ``enabled = False`` freezes the parameter.
    """

    default_hyperparam = Hyperparameter()

    def __init__(self, parent_hyperparam=None, **overrides):
        if parent_hyperparam is None:
            parent_hyperparam = self.default_hyperparam
        self.hyperparam = Hyperparameter(parent_hyperparam)
        for name, value in overrides.items():
            if value is not None:
                setattr(self.hyperparam, name, value)
        self.t = 0
        self.state = None
        self.enabled = True

    def state_keys(self):
        """Names of the state arrays (each shaped like the parameter)."""
        return ()

    def init_state(self, param):
        """Create the state: zeros like the parameter for every name in ``state_keys()``."""
        xp = get_array_module(param.array)
        self.state = {key: xp.zeros_like(param.array) for key in self.state_keys()}

    def update(self, param):
        """Advance ``t`` and update ``param.array`` in place from ``param.grad``."""
        if not self.enabled or param.array is None:
            return
        self.t += 1
        if self.state is None:
            self.init_state(param)
        else:
            # NOTE: state loaded from a file is NumPy; move it next to a GPU parameter
            xp = get_array_module(param.array)
            self.state = {key: xp.asarray(value) for key, value in self.state.items()}
        if param.grad is None:
            return
        self.update_core(param)

    def update_core(self, param):
        raise NotImplementedError

    def serialize(self, serializer):
        """Save or load ``t`` and the state arrays (``<param path>/t``, ``/m``, ...)."""
        self.t = serializer('t', self.t)
        if self.state is not None:
            for key in self.state:
                self.state[key] = serializer(key, self.state[key])
        elif isinstance(serializer, Deserializer):
            loaded = {key: _load_optional(serializer, key) for key in self.state_keys()}
            if all(value is not None for value in loaded.values()):
                self.state = loaded


def _load_optional(serializer, key):
    """A state array, or None when the file was saved before the first update (as Chainer)."""
    try:
        return serializer(key, None)
    except KeyError:
        return None


class Optimizer:
    """Base of all optimizers: a target link, step count ``t``, ``epoch`` and hooks."""

    target = None
    t = 0
    epoch = 0

    def setup(self, link):
        """Start optimizing ``link`` (anything with ``params()`` and ``namedparams()``)."""
        self.target = link
        self.t = 0
        self.epoch = 0
        self._hooks = {'pre': collections.OrderedDict(), 'post': collections.OrderedDict()}
        return self

    def update(self, lossfun=None, *args, **kwds):
        raise NotImplementedError

    def new_epoch(self, auto=False):
        """Count one more epoch (updaters call it with ``auto=True``)."""
        self.epoch += 1

    def add_hook(self, hook, name=None, timing='auto'):
        """Run ``hook`` at every update; ``timing`` is 'pre', 'post' or 'auto' (the hook's own).

        A hook with ``call_for_each_param = True`` is called as ``hook(rule, param)`` per
        parameter, any other as ``hook(optimizer)``.
        """
        if not callable(hook):
            raise TypeError('an optimizer hook must be callable')
        if not hasattr(self, '_hooks'):
            raise RuntimeError('call setup() before add_hook()')
        if timing == 'auto':
            timing = getattr(hook, 'timing', 'pre')
        if timing not in ('pre', 'post'):
            raise ValueError("timing must be 'pre', 'post' or 'auto', got %r" % timing)
        name = (name or getattr(hook, 'name', None) or getattr(hook, '__name__', None)
                or type(hook).__name__)
        if name in self._hooks['pre'] or name in self._hooks['post']:
            raise KeyError('hook %r already exists' % name)
        self._hooks[timing][name] = hook

    def remove_hook(self, name):
        for hooks in self._hooks.values():
            if name in hooks:
                del hooks[name]
                return
        raise KeyError('no hook named %r' % name)

    def call_hooks(self, timing='pre'):
        for hook in list(self._hooks[timing].values()):
            if getattr(hook, 'call_for_each_param', False):
                for param in self.target.params():
                    hook(param.update_rule, param)
            else:
                hook(self)

    def serialize(self, serializer):
        """Save or load ``t``, ``epoch`` and every parameter's rule (keys as in Chainer)."""
        self.t = serializer('t', self.t)
        self.epoch = serializer('epoch', self.epoch)
        for name, param in self.target.namedparams():
            rule = getattr(param, 'update_rule', None)
            if rule is not None:
                rule.serialize(serializer[name.lstrip('/')])


class GradientMethod(Optimizer):
    """An optimizer that moves each parameter along its gradient through an UpdateRule.

    ``update(lossfun, *args)``: loss = lossfun(*args); clear grads; loss.backward();
    then the 'pre' hooks, ``t += 1``, every rule's update, the 'post' hooks.

    A parameter that got no gradient (``grad is None``: it took no part in the loss) is
    zero-filled first (``reallocate_cleared_grads``, as Chainer does), so its rule still runs
    and counts the step. ``UpdateRule.update`` called on its own skips a parameter without
    an array, and one without a gradient after counting the step.
    """

    def __init__(self):
        self.hyperparam = Hyperparameter()
        self._use_cleargrads = True

    def setup(self, link):
        super().setup(link)
        for param in link.params():
            param.update_rule = self.create_update_rule()
        return self

    def create_update_rule(self):
        raise NotImplementedError

    def use_cleargrads(self, use=True):
        """Clear grads to None (True, the default) or fill them with zeros before backward."""
        self._use_cleargrads = use

    def reallocate_cleared_grads(self):
        """Give every initialized parameter without a gradient a zero gradient."""
        for param in self.target.params():
            if param.grad is None and param.array is not None:
                param.grad = param.xp.zeros_like(param.array)

    def update(self, lossfun=None, *args, **kwds):
        if lossfun is not None:
            loss = lossfun(*args, **kwds)
            if self._use_cleargrads:
                self.target.cleargrads()
            else:
                self.target.zerograds()
            loss.backward()
            del loss
        self.reallocate_cleared_grads()
        self.call_hooks('pre')
        self.t += 1
        for param in self.target.params():
            param.update()
        self.call_hooks('post')
