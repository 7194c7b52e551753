"""A fixed random feature embedding: a small VGG-shaped network that is never trained.

Quality metrics compare images through features, not pixels. The usual features come from an
Inception network trained on ImageNet, which must be downloaded and knows little about emoji,
anime faces or sushi icons. Naeem et al. 2020 ("Reliable Fidelity and Diversity Metrics for
Generative Models", section 5) show that a randomly initialized VGG serves domains far from
ImageNet as well: its features still respond to colour, edges, texture and layout, and fixed
weights make the numbers repeatable. This one is VGG's shape at 1/4 of its width:

    x (N, 3, 64, 64)                                  images resized to ``resolution``
    [conv3x3 16, ReLU, conv3x3 16, ReLU, maxpool 2]   -> (N, 16, 32, 32)
    [conv3x3 32, ReLU, conv3x3 32, ReLU, maxpool 2]   -> (N, 32, 16, 16)
    [conv3x3 64, ReLU, conv3x3 64, ReLU, maxpool 2]   -> (N, 64, 8, 8)
    [conv3x3 128, ReLU, conv3x3 128, ReLU, maxpool 2] -> (N, 128, 4, 4)
    flatten, linear 2048 -> 512, ReLU                 -> (N, 512) features

Every kernel is a random orthogonal matrix (Saxe et al. 2014, "Exact solutions to the nonlinear
dynamics of learning in deep linear neural networks") reshaped to (out, in, 3, 3) and scaled by
sqrt(2) for ReLU, so signals neither die out nor blow up through the layers; biases are zero.
The weights come from a fixed seed: every run, machine and minigan version with the same seed
embeds an image to the same vector, up to float rounding.
"""
import functools

import numpy

import minigan
from minigan import backend
from minigan import functions as F

WIDTHS = (16, 32, 64, 128)
FEATURES = 512
RESOLUTION = 64


def orthogonal(rows, cols, rng, gain=1.0):
    """A (rows, cols) matrix with orthonormal rows (rows <= cols) or columns, times ``gain``.

    The Q factor of a Gaussian matrix's QR decomposition, its signs fixed by R's diagonal so
    that Q is uniformly (Haar) distributed.
    """
    a = rng.standard_normal((max(rows, cols), min(rows, cols)))
    q, r = numpy.linalg.qr(a)
    q *= numpy.sign(numpy.diag(r))
    return gain * (q if rows >= cols else q.T)


class RandomVGG:
    """The fixed random embedding; ``embed(images)`` returns float64 (N, 512) features.

    images: float (N, C, H, W) in [-1, 1] (a generator's output, or ``data.to_float`` of a
    dataset), C = 1 or 3, any H and W; they are resized to ``resolution`` x ``resolution``
    (bilinear) first, so runs at different image sizes are measured alike. NumPy or CuPy.
    """

    def __init__(self, seed=0, widths=WIDTHS, features=FEATURES, resolution=RESOLUTION):
        rng = numpy.random.default_rng(seed)
        gain = numpy.sqrt(2.0)
        self.resolution = resolution
        self.kernels = []
        in_ch = 3
        for width in widths:
            for _ in range(2):
                w = orthogonal(width, in_ch * 9, rng, gain)
                self.kernels.append(w.reshape(width, in_ch, 3, 3).astype(numpy.float32))
                in_ch = width
        side = resolution // 2 ** len(widths)
        self.fc = orthogonal(in_ch * side * side, features, rng, gain).astype(numpy.float32)
        self._on_device = {}

    def _weights(self, xp):
        if xp not in self._on_device:
            self._on_device[xp] = ([xp.asarray(w) for w in self.kernels], xp.asarray(self.fc))
        return self._on_device[xp]

    def embed(self, images, batch_size=32):
        """Features (N, 512) float64 on the host of images (N, C, H, W) in [-1, 1]."""
        images = getattr(images, 'array', images)
        out = [self._embed_batch(images[i:i + batch_size])
               for i in range(0, len(images), batch_size)]
        if not out:
            return numpy.zeros((0, self.fc.shape[1]))
        return numpy.concatenate(out).astype(numpy.float64)

    def _embed_batch(self, x):
        xp = backend.get_array_module(x)
        kernels, fc = self._weights(xp)
        x = xp.asarray(x, dtype=numpy.float32)
        if x.shape[1] == 1:
            x = xp.repeat(x, 3, axis=1)
        with minigan.no_backprop_mode():
            if x.shape[2:] != (self.resolution,) * 2:
                x = F.resize_images(x, (self.resolution, self.resolution)).array
            for i, w in enumerate(kernels):
                x = xp.maximum(F.convolution_2d(x, w, pad=1).array, 0)
                if i % 2 == 1:
                    n, c, h, w_ = x.shape
                    x = x.reshape(n, c, h // 2, 2, w_ // 2, 2).max(axis=(3, 5))
        y = xp.maximum(x.reshape(len(x), -1) @ fc, 0)
        return backend.to_cpu(y)


@functools.lru_cache(maxsize=1)
def default_embedding():
    """The shared ``RandomVGG(seed=0)`` (its orthogonal matrices take a moment to build)."""
    return RandomVGG()
