"""Model links: wrappers that add a loss to a predictor."""
