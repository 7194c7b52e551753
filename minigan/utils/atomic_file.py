"""Atomic file replacement: write beside the target, then rename over it.

Readers (and a crash, a kill -9, a full disk) then see either the old file or the new one,
never half of one. The temporary file is ``.tmp-<pid>-<name>`` in the target's folder, so
the rename never crosses file systems, and a temporary left by a killed process is easy to
recognise: :func:`remove_stale_temporaries` deletes those whose process is gone.
"""
import contextlib
import os
import re

_TEMPORARY = re.compile(r'\.tmp-(\d+)-')


@contextlib.contextmanager
def atomic_path(path):
    """Yield a temporary path beside ``path``; when the block succeeds it replaces ``path``.

    The temporary file keeps ``path``'s extension (ffmpeg and Pillow read it). An OSError
    from the system names ``path``, not the temporary file (``write`` on a full disk names
    no file at all).
    """
    directory, name = os.path.split(os.path.abspath(path))
    tmp_path = os.path.join(directory, '.tmp-%d-%s' % (os.getpid(), name))
    try:
        yield tmp_path
        os.replace(tmp_path, path)
    except OSError as e:
        if e.errno is not None and e.filename in (None, tmp_path):
            e.filename = os.fspath(path)
        raise
    finally:
        if os.path.exists(tmp_path):
            os.remove(tmp_path)


def _alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # NOTE: another user's live process
    return True


def remove_stale_temporaries(directory):
    """Delete the ``.tmp-<pid>-*`` files in ``directory`` whose process no longer runs.

    Returns the names removed. Files of live processes (another run writing there) are kept.
    """
    removed = []
    try:
        names = os.listdir(directory)
    except OSError:
        return removed
    for name in names:
        match = _TEMPORARY.match(name)
        path = os.path.join(directory, name)
        if match and not _alive(int(match.group(1))) and os.path.isfile(path):
            os.remove(path)
            removed.append(name)
    return removed
