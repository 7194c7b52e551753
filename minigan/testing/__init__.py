"""Helpers for testing minigan functions and links."""
from minigan.testing.gradient_check import check_backward, check_double_backward  # NOQA
