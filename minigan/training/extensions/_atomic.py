"""Atomic file replacement: write next to the target, then rename over it."""
import contextlib
import os


@contextlib.contextmanager
def atomic_path(path):
    """Yield a temporary path in ``path``'s folder; when the block succeeds it replaces
    ``path`` in one rename, so readers (and a crash) never see a half-written file."""
    directory, name = os.path.split(os.path.abspath(path))
    tmp_path = os.path.join(directory, '.tmp-%d-%s' % (os.getpid(), name))
    try:
        yield tmp_path
        os.replace(tmp_path, path)
    finally:
        if os.path.exists(tmp_path):
            os.remove(tmp_path)
