"""Variable, FunctionNode and reverse-mode differentiation."""
