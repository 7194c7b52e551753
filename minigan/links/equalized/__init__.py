"""equalized links."""
