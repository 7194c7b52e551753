"""attention links."""
