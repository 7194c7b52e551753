"""connection links."""
