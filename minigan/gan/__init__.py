"""minigan.gan: the GAN layer built on the core (losses, models, updaters, data, sampling)."""
