"""Evaluation functions: metrics computed without gradients."""
