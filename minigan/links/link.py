"""Link, Chain and ChainList: objects that own Parameters (Chainer's design).

A Link registers the Parameters and persistent values (running statistics, counters)
assigned inside ``with self.init_scope():``; a Chain also registers child Links, so a
model is a tree whose paths (``/dc1/W``) name every parameter in checkpoints and
optimizers. ``link(x)`` runs the attached link hooks around ``link.forward(x)``.
"""
import contextlib
import copy

import numpy

from minigan import backend, initializers
from minigan.core.parameter import Parameter
from minigan.link_hooks.link_hook import (
    ForwardCallbackArgs, LinkHook, around_forward, get_global_link_hooks)


def _is_array(value):
    return isinstance(value, numpy.ndarray) or backend.is_cupy_array(value)


def _clone_parameter(param, memo=None):
    """A new Parameter with its own graph node; shares the array when ``memo`` is None."""
    ret = Parameter(param.initializer, name=param.name)
    if memo is None:
        ret.array = param.array
        ret.update_rule = param.update_rule
    else:
        ret.array = copy.deepcopy(param.array, memo)
        ret.grad = copy.deepcopy(param.grad, memo)
        ret.update_rule = copy.deepcopy(param.update_rule, memo)
    return ret


class Link:
    """A building block holding Parameters and persistent values.

    Subclasses create Parameters inside ``with self.init_scope():`` and define
    ``forward``. Parameter names are '/'-prefixed paths: ``('/W', W)``.
    """

    def __init__(self):
        self._params = []
        self._persistent = []
        self._within_init_scope = False
        self._local_link_hooks = None
        self._device = backend.CpuDevice()
        self.name = None

    # ---- registration ----
    @contextlib.contextmanager
    def init_scope(self):
        """Parameters (and, in a Chain, Links) assigned in this block are registered."""
        old = self._within_init_scope
        self._within_init_scope = True
        try:
            yield
        finally:
            self._within_init_scope = old

    @property
    def within_init_scope(self):
        return getattr(self, '_within_init_scope', False)

    def __setattr__(self, name, value):
        if self.within_init_scope and isinstance(value, Parameter):
            value.name = name
            if name not in self._params:
                self._params.append(name)
            if name in self._persistent:
                self._persistent.remove(name)
        super().__setattr__(name, value)

    def __delattr__(self, name):
        for registry in (self._params, self._persistent):
            if name in registry:
                registry.remove(name)
        super().__delattr__(name)

    def add_param(self, name, shape=None, dtype=None, initializer=None):
        """Register a new Parameter ``name`` (NaN-filled when no initializer is given)."""
        if name in self.__dict__:
            raise AttributeError('cannot register a new parameter %s: attribute exists' % name)
        if initializer is None:
            initializer = initializers.NaN(dtype)
        with self.init_scope():
            setattr(self, name, Parameter(initializer, shape))

    def add_persistent(self, name, value):
        """Register ``value`` (an array or a scalar) to be saved and moved with the link."""
        if name in self.__dict__:
            raise AttributeError('cannot register a new persistent %s: attribute exists' % name)
        setattr(self, name, value)
        self.register_persistent(name)

    def register_persistent(self, name):
        """Mark the existing attribute ``name`` as persistent."""
        if not hasattr(self, name):
            raise AttributeError('cannot register %s as persistent: no such attribute' % name)
        if name not in self._persistent:
            self._persistent.append(name)
        if name in self._params:
            self._params.remove(name)

    # ---- traversal ----
    def params(self, include_uninit=True):
        """Yield every Parameter of this link and of its descendants."""
        return (param for _, param in self.namedparams(include_uninit))

    def namedparams(self, include_uninit=True):
        """Yield ('/path/name', Parameter) pairs, this link's own first."""
        for name in self._params:
            param = self.__dict__[name]
            if include_uninit or param.array is not None:
                yield '/' + name, param
        for name, child in self._named_children():
            for path, param in child.namedparams(include_uninit):
                yield '/' + name + path, param

    def links(self, skipself=False):
        """Yield this link (unless ``skipself``) and all its descendants."""
        return (link for _, link in self.namedlinks(skipself))

    def namedlinks(self, skipself=False):
        """Yield ('/path', Link) pairs; this link itself is '/'."""
        if not skipself:
            yield '/', self
        for name, child in self._named_children():
            yield '/' + name, child
            for path, link in child.namedlinks(skipself=True):
                yield '/' + name + path, link

    def children(self):
        """Yield the direct child links (none for a plain Link)."""
        return (child for _, child in self._named_children())

    def _named_children(self):
        return ()

    # ---- gradients and updates ----
    def cleargrads(self):
        for param in self.params():
            param.cleargrad()

    def zerograds(self):
        for param in self.params():
            param.zerograd()

    def addgrads(self, link):
        """Add the gradients of ``link`` (same structure) into this link's gradients."""
        for dst, src in zip(self.params(), link.params()):
            if src.grad is None:
                continue
            gx = backend.to_device(self.device, src.grad)
            dst.grad = gx.copy() if dst.grad is None else dst.grad + gx

    def enable_update(self):
        """Let optimizers update every parameter (``param.update_rule.enabled = True``)."""
        for param in self.params():
            if param.update_rule is not None:
                param.update_rule.enabled = True

    def disable_update(self):
        """Freeze every parameter: optimizers skip them until ``enable_update``."""
        for param in self.params():
            if param.update_rule is not None:
                param.update_rule.enabled = False

    @property
    def update_enabled(self):
        """True when some parameter's update rule is enabled."""
        return any(param.update_rule is not None and param.update_rule.enabled
                   for param in self.params())

    # ---- devices ----
    @property
    def device(self):
        return self._device

    @property
    def xp(self):
        """numpy or cupy: the array module of this link's device."""
        return self._device.xp

    def to_device(self, device):
        """Move every parameter and persistent array of the tree to ``device``."""
        device = backend.get_device(device)
        for link in self.links():
            d = link.__dict__
            for name in link._params:
                d[name].to_device(device)
            for name in link._persistent:
                if _is_array(d[name]):
                    d[name] = device.send(d[name])
            link._device = device
        return self

    def to_cpu(self):
        return self.to_device(backend.CpuDevice())

    def to_gpu(self, device=None):
        return self.to_device('@cupy:%d' % (0 if device is None else device))

    # ---- copies ----
    def copy(self, mode='share'):
        """A copy of the link tree.

        'share': new Parameter objects sharing the arrays (Chainer's default);
        'copy': a deep copy; 'init': a deep copy whose parameters are re-initialized.
        """
        if mode == 'share':
            return self._copy_shared()
        if mode not in ('copy', 'init'):
            raise ValueError("copy mode must be 'share', 'copy' or 'init', got %r" % mode)
        # NOTE: Parameters are cloned first so each copy gets a graph node of its own.
        memo = {id(link.device): link.device for link in self.links()}
        for param in self.params():
            memo[id(param)] = _clone_parameter(param, memo)
        ret = copy.deepcopy(self, memo)
        if mode == 'init':
            for param in ret.params(include_uninit=False):
                param.initialize(param.shape, ret.xp)
        return ret

    def _copy_shared(self):
        ret = copy.copy(self)
        ret._params = list(self._params)
        ret._persistent = list(self._persistent)
        ret.name = None
        ret._local_link_hooks = dict(self.local_link_hooks)
        d = ret.__dict__
        for name in ret._params:
            d[name] = _clone_parameter(d[name])
        return ret

    def copyparams(self, link, copy_persistent=True):
        """Copy parameter values (and persistents) from ``link``, which has the same tree."""
        src, dst = link.__dict__, self.__dict__
        for name in self._params:
            if src[name].array is None:
                continue
            if dst[name].array is None:
                dst[name].initialize(src[name].shape, self.xp)
            dst[name].array[...] = backend.to_device(self.device, src[name].array)
        if copy_persistent:
            for name in self._persistent:
                if _is_array(dst[name]) and _is_array(src[name]):
                    dst[name][...] = backend.to_device(self.device, src[name])
                else:
                    dst[name] = copy.deepcopy(src[name])
        for dst_child, src_child in zip(self.children(), link.children()):
            dst_child.copyparams(src_child, copy_persistent)

    # ---- hooks and calls ----
    @property
    def local_link_hooks(self):
        """The hooks attached with ``add_hook``, by name, in call order."""
        if self._local_link_hooks is None:
            self._local_link_hooks = {}
        return self._local_link_hooks

    def add_hook(self, hook, name=None):
        """Attach a LinkHook to this link; returns the link, so calls can be chained."""
        if not isinstance(hook, LinkHook):
            raise TypeError('add_hook needs a LinkHook, got %s' % type(hook).__name__)
        name = hook.name if name is None else name
        if name in self.local_link_hooks:
            raise KeyError('link hook %s already exists on this link' % name)
        self.local_link_hooks[name] = hook
        hook.added(self)
        return self

    def delete_hook(self, name):
        """Detach the hook registered as ``name``."""
        self.local_link_hooks[name].deleted(self)
        del self.local_link_hooks[name]

    def __call__(self, *args, **kwargs):
        hooks = dict(get_global_link_hooks())
        hooks.update(self.local_link_hooks)
        if not hooks:
            return self.forward(*args, **kwargs)
        cb_args = ForwardCallbackArgs(self, 'forward', args, kwargs)
        with around_forward(hooks.values(), cb_args):
            cb_args.out = self.forward(*args, **kwargs)
        return cb_args.out

    def forward(self, *args, **kwargs):
        raise NotImplementedError('%s does not define forward' % type(self).__name__)

    # ---- checkpoints ----
    def serialize(self, serializer):
        """Save or load parameters and persistents through ``serializer`` (Chainer's protocol).

        ``serializer(name, value)`` returns the value to keep: the loaded one when loading
        (arrays are filled in place), ``value`` itself when saving.
        """
        d = self.__dict__
        for name in self._params:
            param = d[name]
            data = serializer(name, param.array)
            if param.array is None and data is not None:
                param.initialize(data.shape, self.xp)
                param.array[...] = backend.to_device(self.device, data)
        for name in self._persistent:
            d[name] = serializer(name, d[name])
        for name, child in self._named_children():
            child.serialize(serializer[name])


class Chain(Link):
    """A Link whose child Links, assigned inside ``init_scope``, are registered by name.

    ``namedparams`` of a Chain yields paths such as ``/dc1/W``. ``Chain(l1=link, ...)``
    registers keyword links by name (the Chainer 1 to 3 style).
    """

    def __init__(self, **links):
        super().__init__()
        self._children = []
        for name, link in links.items():
            self.add_link(name, link)

    def __setattr__(self, name, value):
        if self.within_init_scope and isinstance(value, Link):
            if hasattr(self, name):
                raise AttributeError('cannot register a new link %s: attribute exists' % name)
            value.name = name
            self._children.append(name)
        super().__setattr__(name, value)

    def __delattr__(self, name):
        if name in self._children:
            self._children.remove(name)
        super().__delattr__(name)

    def __getitem__(self, name):
        return getattr(self, name)

    def add_link(self, name, link):
        """Register ``link`` as the child ``name`` (same as assigning it in init_scope)."""
        with self.init_scope():
            setattr(self, name, link)

    def _named_children(self):
        return [(name, self.__dict__[name]) for name in self._children]

    def _copy_shared(self):
        ret = super()._copy_shared()
        ret._children = list(self._children)
        for name in ret._children:
            child = self.__dict__[name]._copy_shared()
            child.name = name
            ret.__dict__[name] = child
        return ret


class ChainList(Link):
    """A Link holding an ordered list of child Links, named '0', '1', ..."""

    def __init__(self, *links):
        super().__init__()
        self._children = []
        for link in links:
            self.add_link(link)

    def __setattr__(self, name, value):
        if self.within_init_scope and isinstance(value, Link):
            raise TypeError('a ChainList registers links with add_link, not in init_scope')
        super().__setattr__(name, value)

    def add_link(self, link):
        """Append ``link`` as the next child."""
        link.name = str(len(self._children))
        self._children.append(link)

    append = add_link

    def __getitem__(self, index):
        return self._children[index]

    def __iter__(self):
        return iter(self._children)

    def __len__(self):
        return len(self._children)

    def _named_children(self):
        return [(str(i), child) for i, child in enumerate(self._children)]

    def _copy_shared(self):
        ret = super()._copy_shared()
        ret._children = [child._copy_shared() for child in self._children]
        for i, child in enumerate(ret._children):
            child.name = str(i)
        return ret
