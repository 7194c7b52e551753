"""Chainer's dataset cache folder, without the downloads.

Datasets live under a root folder: ``$CHAINER_DATASET_ROOT``, else ``~/.chainer/dataset``
(Chainer's default), or what ``set_dataset_root`` sets; Chainer's own datasets sit under
``pfnet/chainer/<name>/`` there, so a cache that real Chainer filled is read as it is.
minigan never downloads: where Chainer would fetch a file, it raises an error that says
which file to put where.
"""
import hashlib
import os
import shutil
import tempfile

import numpy

_dataset_root = None


def get_dataset_root():
    """The root folder of the dataset cache."""
    if _dataset_root is not None:
        return _dataset_root
    return os.environ.get('CHAINER_DATASET_ROOT',
                          os.path.join(os.path.expanduser('~'), '.chainer', 'dataset'))


def set_dataset_root(path):
    """Use ``path`` as the root folder from now on (over ``CHAINER_DATASET_ROOT``)."""
    global _dataset_root
    _dataset_root = path


def get_dataset_directory(dataset_name, create_directory=True):
    """``<root>/<dataset_name>`` (slashes in the name are folders), created if asked."""
    path = os.path.join(get_dataset_root(), dataset_name)
    if create_directory:
        os.makedirs(path, exist_ok=True)
    return path


class DownloadDisabled(OSError):
    """minigan does not download; the message names the file to place by hand."""


def cached_download(url):
    """The cached copy of ``url`` (``<root>/_dl_cache/<md5 of url>``), which must exist."""
    path = os.path.join(get_dataset_root(), '_dl_cache',
                        hashlib.md5(url.encode('utf-8')).hexdigest())
    if not os.path.exists(path):
        raise DownloadDisabled('minigan does not download %s: save that file as %s'
                               % (url, path))
    return path


def cache_or_load_file(path, creator, loader):
    """``loader(path)`` when ``path`` exists; else ``creator(temp_path)``, kept as ``path``.

    The creator writes to a temporary file that is then moved into place, so an
    interrupted creation never leaves a half-written cache file.
    """
    if os.path.exists(path):
        return loader(path)
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    temp_dir = tempfile.mkdtemp(dir=os.path.dirname(os.path.abspath(path)))
    try:
        temp_path = os.path.join(temp_dir, os.path.basename(path))
        content = creator(temp_path)
        if not os.path.exists(path):
            shutil.move(temp_path, path)
    finally:
        shutil.rmtree(temp_dir, ignore_errors=True)
    return content


def load_cached_npz(dataset_name, file_name, keys):
    """The arrays ``keys`` of ``<root>/<dataset_name>/<file_name>``, never unpickling.

    A missing file raises FileNotFoundError naming the path and the arrays it must hold.
    """
    path = os.path.join(get_dataset_directory(dataset_name, create_directory=False),
                        file_name)
    if not os.path.exists(path):
        raise FileNotFoundError(
            '%s not found; minigan does not download: save an npz with the arrays %s '
            "there (Chainer's cache layout), or set CHAINER_DATASET_ROOT to the folder "
            'that holds pfnet/chainer/' % (path, ', '.join(keys)))
    with numpy.load(path, allow_pickle=False) as npz:
        missing = [k for k in keys if k not in npz]
        if missing:
            raise ValueError('%s lacks the arrays %s' % (path, ', '.join(missing)))
        return {k: npz[k] for k in keys}
