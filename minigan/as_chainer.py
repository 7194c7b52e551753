"""Run a Chainer program on minigan, unmodified: ``python -m minigan.as_chainer train.py ARGS``.

The program runs as ``__main__`` with its folder first on ``sys.path`` (as ``python
train.py`` would), and its imports are answered by minigan:

- ``import chainer`` gives a module that is minigan's top level plus Chainer's version
  string and module attributes (``chainer.cuda``, ``chainer.link``, ...);
- ``chainer.X.Y`` gives ``minigan.X.Y``, or the module named in ``MODULE_ALIASES`` where
  minigan keeps that code under another path;
- ``import chainerx`` gives a small module whose ``is_available()`` is False, as a
  pip-installed Chainer 7 reports on a machine without ChainerX;
- ``import chainermn`` gives ``minigan.distributed`` (ChainerMN's API) when it exists.

In a notebook or a program, ``minigan.as_chainer.install()`` does the same. Nothing named
``chainer`` is installed on disk, so a real Chainer, if present, is only hidden while this
hook is installed; ``uninstall()`` removes it again.
"""
import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import os
import runpy
import sys
import types

#: the Chainer release whose API minigan follows; programs branch on ``chainer.__version__``
CHAINER_VERSION = '7.8.1'

#: Chainer module paths whose code minigan keeps under another path. Any other
#: ``chainer.X.Y`` is ``minigan.X.Y``; a path that has neither fails as a missing module.
MODULE_ALIASES = {
    'chainer.cuda': 'minigan.backends.cuda',
    'chainer.link': 'minigan.links.link',
    'chainer.sequential': 'minigan.links.sequential',
    'chainer.link_hook': 'minigan.link_hooks.link_hook',
    'chainer.function_node': 'minigan.core.function_node',
    'chainer.function': 'minigan.core.function_node',
    'chainer.variable': 'minigan.core.variable',
    'chainer.optimizer': 'minigan.optimizers.optimizer',
    'chainer.serializer': 'minigan.serializers.serializer',
    'chainer.initializer': 'minigan.initializers',
    'chainer.gradient_check': 'minigan.testing.gradient_check',
    'chainer.distribution': 'minigan.distributions.distribution',
    'chainer.training.extensions.computational_graph':
        'minigan.training.extensions.dump_graph',
}

#: what ``import chainermn`` (and ``chainermn.X``) resolves to
CHAINERMN_TARGET = 'minigan.distributed'

#: module attributes of Chainer's top level that are submodules (``chainer.cuda.to_cpu``)
_TOP_LEVEL_MODULES = ('cuda', 'link', 'sequential', 'link_hook', 'function_node', 'function',
                      'variable', 'optimizer', 'serializer', 'initializer', 'gradient_check',
                      'distribution', 'computational_graph', 'utils', 'testing')


def minigan_name(chainer_name):
    """The minigan module that answers ``import chainer_name`` (a ``chainer.*`` path)."""
    if chainer_name in MODULE_ALIASES:
        return MODULE_ALIASES[chainer_name]
    for prefix, target in MODULE_ALIASES.items():
        if chainer_name.startswith(prefix + '.'):
            return target + chainer_name[len(prefix):]
    return 'minigan' + chainer_name[len('chainer'):]


class _ChainerModule(types.ModuleType):
    """``chainer``: minigan's top level, plus Chainer's submodule attributes and version."""

    def __getattr__(self, name):
        import minigan
        if name in _TOP_LEVEL_MODULES:
            module = importlib.import_module('chainer.' + name)
            setattr(self, name, module)
            return module
        try:
            return getattr(minigan, name)
        except AttributeError:
            raise AttributeError("module 'chainer' (minigan) has no attribute %r" % name) \
                from None

    def __dir__(self):
        import minigan
        return sorted(set(dir(minigan)) | set(_TOP_LEVEL_MODULES) | set(self.__dict__))


def _make_chainer_module():
    import minigan
    module = _ChainerModule('chainer', minigan.__doc__)
    module.__version__ = CHAINER_VERSION
    module.__path__ = []  # NOTE: a package, so `import chainer.X` asks the finder below
    return module


class _NoChainerXArray:
    """``chainerx.ndarray``: no array is one, since ChainerX is not available."""


def _make_chainerx_module():
    module = types.ModuleType('chainerx', 'ChainerX as Chainer 7 reports it without ChainerX.')
    module.is_available = lambda: False
    module.ndarray = _NoChainerXArray
    module.__path__ = []
    return module


class _AliasLoader(importlib.abc.Loader):
    """Answers an import by putting an existing module (or a made one) into ``sys.modules``.

    The import system returns whatever ``sys.modules[name]`` holds after ``exec_module``,
    so the minigan module keeps its own name and spec.
    """

    def __init__(self, make_module):
        self.make_module = make_module

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        sys.modules[module.__name__] = self.make_module()


class ChainerFinder(importlib.abc.MetaPathFinder):
    """The import hook: ``chainer``, ``chainer.*``, ``chainerx`` and ``chainermn``."""

    def find_spec(self, fullname, path=None, target=None):
        root = fullname.partition('.')[0]
        if fullname == 'chainer':
            make = _make_chainer_module
        elif fullname == 'chainerx':
            make = _make_chainerx_module
        elif root == 'chainer':
            make = self._existing(fullname, minigan_name(fullname))
        elif root == 'chainermn':
            make = self._existing(fullname, CHAINERMN_TARGET + fullname[len('chainermn'):])
        else:
            return None
        return importlib.machinery.ModuleSpec(fullname, _AliasLoader(make),
                                              is_package=True)

    @staticmethod
    def _existing(fullname, target):
        try:
            found = importlib.util.find_spec(target) is not None
        except ModuleNotFoundError:
            found = False
        if not found:
            raise ModuleNotFoundError(
                'No module named %r: minigan has no %s, which would stand for it'
                % (fullname, target), name=fullname)
        return lambda: importlib.import_module(target)


def _is_installed():
    return any(isinstance(f, ChainerFinder) for f in sys.meta_path)


def install():
    """Make ``import chainer`` (and ``chainerx``, ``chainermn``) import minigan from now on.

    Raises RuntimeError when a real Chainer is already imported in this process.
    """
    if _is_installed():
        return
    real = sys.modules.get('chainer')
    if real is not None and not isinstance(real, _ChainerModule):
        raise RuntimeError('a real chainer is already imported (%s); call '
                           'minigan.as_chainer.install() before importing it'
                           % getattr(real, '__file__', real))
    sys.meta_path.insert(0, ChainerFinder())


def uninstall():
    """Remove the hook and forget the ``chainer*`` modules it made."""
    sys.meta_path[:] = [f for f in sys.meta_path if not isinstance(f, ChainerFinder)]
    for name in list(sys.modules):
        if name.partition('.')[0] in ('chainer', 'chainerx', 'chainermn'):
            del sys.modules[name]


USAGE = '''usage: python -m minigan.as_chainer SCRIPT [ARGS...]
       python -m minigan.as_chainer -m MODULE [ARGS...]

Run a Chainer program unmodified on minigan: its `import chainer` gets minigan.'''


def main(argv=None):
    argv = sys.argv[1:] if argv is None else list(argv)
    if not argv or argv[0] in ('-h', '--help'):
        print(USAGE)
        return 0 if argv else 2
    install()
    if argv[0] == '-m':
        if len(argv) < 2:
            print('error: -m needs a module name', file=sys.stderr)
            return 2
        sys.argv = argv[1:]
        sys.path.insert(0, os.getcwd())
        runpy.run_module(argv[1], run_name='__main__', alter_sys=True)
        return 0
    script = argv[0]
    if not os.path.isfile(script):
        print('error: %s: no such file (give the path of a Chainer program)' % script,
              file=sys.stderr)
        return 2
    sys.argv = argv
    # NOTE: as `python script.py` does, the script's folder comes first on the path
    sys.path.insert(0, os.path.dirname(os.path.abspath(script)))
    runpy.run_path(script, run_name='__main__')
    return 0


if __name__ == '__main__':
    sys.exit(main())
