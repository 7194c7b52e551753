"""The design rules a machine can check: file length, no pickles, one CuPy import, no other
framework inside minigan, no path outside the repository, docstrings on the public API."""
import importlib
import inspect
import os
import pkgutil
import re

ROOT = os.path.join(os.path.dirname(__file__), '..')


def python_files(*folders):
    for folder in folders:
        for dirpath, _, files in os.walk(os.path.join(ROOT, folder)):
            for name in files:
                if name.endswith('.py'):
                    path = os.path.join(dirpath, name)
                    with open(path) as f:
                        yield os.path.relpath(path, ROOT), f.read()


def test_no_file_over_400_lines():
    long = [(path, src.count('\n')) for path, src in python_files('minigan', 'examples')
            if src.count('\n') > 400]
    assert not long, 'split these by concept: %s' % long


def test_nothing_is_unpickled():
    bad = [path for path, src in python_files('minigan', 'examples')
           if re.search(r'allow_pickle\s*=\s*True|pickle\.load|^import pickle', src, re.M)]
    assert not bad


def test_only_backend_imports_cupy():
    bad = [path for path, src in python_files('minigan', 'examples')
           if re.search(r'^\s*(import cupy|from cupy)', src, re.M)
           and not path.startswith(os.path.join('minigan', 'backend'))]
    assert not bad


def test_no_other_framework_inside_minigan():
    bad = [path for path, src in python_files('minigan', 'examples')
           if re.search(r'^\s*(import|from) (torch|tensorflow|jax|chainer)\b', src, re.M)]
    assert not bad


def test_nothing_points_outside_the_repository():
    # NOTE: a path that climbs out of the checkout (the build machine's shared folder) works
    # only where the repository was made; the pattern is spelled in two pieces to skip itself
    outside = re.compile('|'.join([r'\.\./' + 'shared', '/' + 'work/']))
    texts = list(python_files('minigan', 'examples', 'benchmarks', 'tests'))
    for name in ('README.md', 'setup.py', os.path.join('.ci', 'run')):
        with open(os.path.join(ROOT, name)) as f:
            texts.append((name, f.read()))
    for dirpath, _, files in os.walk(os.path.join(ROOT, 'docs')):
        for name in files:
            with open(os.path.join(dirpath, name)) as f:
                texts.append((name, f.read()))
    bad = [path for path, src in texts if outside.search(src)]
    assert not bad, 'these refer to files outside the repository: %s' % bad


def test_public_functions_links_and_function_nodes_have_docstrings():
    # NOTE: docstrings teach (DESIGN rule 10): every name minigan.functions and minigan.links
    # export, and every FunctionNode class of minigan.functions, says what it computes
    import minigan.functions
    import minigan.links
    from minigan.core.function_node import FunctionNode
    objects = [(module.__name__ + '.' + name, getattr(module, name))
               for module in (minigan.functions, minigan.links) for name in dir(module)
               if not name.startswith('_')]
    for info in pkgutil.walk_packages(minigan.functions.__path__, 'minigan.functions.'):
        module = importlib.import_module(info.name)
        objects += [(info.name + '.' + name, obj) for name, obj in vars(module).items()
                    if inspect.isclass(obj) and issubclass(obj, FunctionNode)
                    and obj.__module__ == info.name and not name.startswith('_')]
    bare = sorted({name for name, obj in objects
                   if (inspect.isfunction(obj) or inspect.isclass(obj))
                   and not (obj.__doc__ or '').strip()})
    assert not bare, 'write a docstring for: %s' % bare
