"""LinkHook: code that runs around every ``link(...)`` call (Chainer's callback protocol).

``link.add_hook(hook)`` attaches a hook to one link; ``with hook:`` attaches it to every
link called inside the block. ``Link.__call__`` then does

    hook.forward_preprocess(cb_args)    for each hook
    cb_args.out = link.forward(*args, **kwargs)
    hook.forward_postprocess(cb_args)   for each hook, even when forward raised (out is None)

where ``cb_args`` has ``link``, ``forward_name``, ``args``, ``kwargs`` and ``out``.
"""
import collections
import contextlib
import threading

_state = threading.local()


def get_global_link_hooks():
    """The hooks registered with ``with hook:`` in this thread, by name."""
    if not hasattr(_state, 'hooks'):
        _state.hooks = collections.OrderedDict()
    return _state.hooks


class ForwardCallbackArgs:
    """What a hook sees: the link, the method name, its arguments and (after) its output."""

    def __init__(self, link, forward_name, args, kwargs):
        self.link = link
        self.forward_name = forward_name
        self.args = args
        self.kwargs = kwargs
        self.out = None


@contextlib.contextmanager
def around_forward(hooks, cb_args):
    """Call every hook's ``forward_preprocess`` on entry and, even when the block raises (then
    ``cb_args.out`` is None), the ``forward_postprocess`` of those that ran on exit: a hook
    that swapped a parameter for a computed one (spectral normalization) always puts it back."""
    entered = []
    try:
        for hook in hooks:
            hook.forward_preprocess(cb_args)
            entered.append(hook)
        yield cb_args
    finally:
        for hook in entered:
            hook.forward_postprocess(cb_args)


class LinkHook:
    """Base class of link hooks; override the callbacks you need."""

    name = 'LinkHook'

    def __enter__(self):
        hooks = get_global_link_hooks()
        if self.name in hooks:
            raise KeyError('link hook %s is already registered' % self.name)
        hooks[self.name] = self
        self.added(None)
        return self

    def __exit__(self, *exc_info):
        hooks = get_global_link_hooks()
        hooks[self.name].deleted(None)
        del hooks[self.name]

    def added(self, link):
        """Called when the hook is attached to ``link`` (None for ``with hook:``)."""

    def deleted(self, link):
        """Called when the hook is removed from ``link`` (None for ``with hook:``)."""

    def forward_preprocess(self, args):
        """Called before ``link.forward`` with the callback arguments."""

    def forward_postprocess(self, args):
        """Called after ``link.forward``; ``args.out`` holds its output."""
