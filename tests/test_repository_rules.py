"""The design rules a machine can check: file length, no pickles, one CuPy import, no other
framework inside minigan."""
import os
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
