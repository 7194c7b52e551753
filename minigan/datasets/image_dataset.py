"""ImageDataset: image files read with Pillow into (C, H, W) arrays."""
import os

import numpy

from minigan.dataset.dataset_mixin import DatasetMixin


class ImageDataset(DatasetMixin):
    """Images listed by path, decoded on access to (C, H, W) arrays of raw pixel values.

    paths: a list of file names, or the name of a text file with one path per line.
    root: the folder the paths are relative to. dtype: the array type (float32 by default).
    Pixel values are not rescaled (0..255 for 8-bit files); a greyscale image gives C = 1,
    RGB gives C = 3, RGBA gives C = 4.
    """

    def __init__(self, paths, root='.', dtype=None):
        if isinstance(paths, str):
            with open(paths) as f:
                paths = [line.strip() for line in f if line.strip()]
        self._paths = list(paths)
        self._root = root
        self._dtype = numpy.dtype(numpy.float32 if dtype is None else dtype)

    def __len__(self):
        return len(self._paths)

    def get_example(self, i):
        from PIL import Image  # NOTE: Pillow is needed only by those who read image files.

        with Image.open(os.path.join(self._root, self._paths[i])) as image:
            x = numpy.asarray(image, dtype=self._dtype)
        if x.ndim == 2:
            x = x[:, :, None]
        return x.transpose(2, 0, 1)
