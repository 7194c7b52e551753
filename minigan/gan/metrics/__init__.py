"""Offline quality, diversity and memorization scores for GAN samples, with no downloads.

    from minigan.gan import metrics
    scores = metrics.evaluate(real_images, fake_images)   # {'fd': 12.3, 'precision': 0.8, ...}

Images are compared through a fixed, randomly initialized VGG-shaped network (Naeem et al.
2020) rather than a downloaded Inception network, so every number here compares runs and
checkpoints on the SAME data; none is comparable with the Inception FID of a paper.

| key | better | meaning |
| --- | --- | --- |
| fd | lower | Frechet distance of the feature Gaussians (Heusel et al. 2017's FID formula) |
| kd | lower | unbiased kernel MMD^2, cubic kernel (Binkowski et al. 2018's KID formula) |
| precision, recall | higher | Kynkaanniemi et al. 2019: samples in real k-NN balls, and back |
| density, coverage | ~1, higher | Naeem et al. 2020: the same, robust to outliers |
| diversity | ~1 | mean distance between samples over that between real images |
| duplicates | lower | samples with another sample much closer than reals are to each other |
| memorized | lower | samples much closer to a training image than it is to any other |
| memorized_pixels | lower | the same measured on pixels |
"""
from minigan.gan.metrics.embedding import RandomVGG, default_embedding  # NOQA
from minigan.gan.metrics.reference import KEYS, Reference, as_float_images, evaluate  # NOQA
