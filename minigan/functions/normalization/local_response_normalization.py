"""Local response normalization across channels (AlexNet), composed from minigan functions."""
from minigan.core.variable import as_variable
from minigan.functions.array.pad import pad
from minigan.functions.math.square import square


def local_response_normalization(x, n=5, k=2, alpha=1e-4, beta=0.75):
    """Divide each activation by a power of the energy of its neighbouring channels.

    y[:, c] = x[:, c] / (k + alpha * sum_{c' = c - n//2}^{c + n//2} x[:, c']^2)^beta, the
    channels outside 0 .. C-1 counting as zero (so an even ``n`` also sums 2 * (n // 2) + 1
    channels, as in Chainer). x: (N, C, ...) -> the same shape.

    Paper: Krizhevsky, Sutskever and Hinton, ImageNet classification with deep
    convolutional neural networks, 2012 (section 3.3).
    """
    x = as_variable(x)
    half, channels = n // 2, x.shape[1]
    widths = ((0, 0), (half, half)) + ((0, 0),) * (x.ndim - 2)
    x2 = pad(square(x), widths)
    energy = x2[:, :channels]
    for i in range(1, 2 * half + 1):
        energy = energy + x2[:, i:i + channels]
    return x * (k + alpha * energy) ** -beta
