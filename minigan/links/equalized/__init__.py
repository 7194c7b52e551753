"""PGGAN's equalized links: Linear, Convolution2D and Deconvolution2D with the
EqualizedLearningRate hook (minigan/link_hooks/equalized_learning_rate.py)."""
