"""Generator and discriminator families, one file each."""
