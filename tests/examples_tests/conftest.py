import importlib.util
import os

import numpy
import pytest
from PIL import Image

EXAMPLES = os.path.join(os.path.dirname(__file__), '..', '..', 'examples')


def load_example(name):
    """Import examples/<name>.py as a module (the examples folder is not a package)."""
    spec = importlib.util.spec_from_file_location(name, os.path.join(EXAMPLES, name + '.py'))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(autouse=True)
def in_an_empty_folder(tmp_path, monkeypatch):
    """Run each test from an empty folder, not the checkout.

    The scripts' default --out (result/<family>) is relative, and after README's first command
    the checkout holds result/pggan, which the scripts rightly refuse to train into.
    """
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def tiny_folder(tmp_path):
    """Eight 20x20 RGBA pictures of a coloured disc on transparency."""
    folder = tmp_path / 'pics'
    folder.mkdir()
    rng = numpy.random.RandomState(0)
    yy, xx = numpy.mgrid[:20, :20]
    for i in range(8):
        img = numpy.zeros((20, 20, 4), numpy.uint8)
        disc = (yy - 10) ** 2 + (xx - 10) ** 2 < rng.randint(20, 80)
        img[disc] = list(rng.randint(0, 255, 3)) + [255]
        Image.fromarray(img, 'RGBA').save(folder / ('%d.png' % i))
    return str(folder)
