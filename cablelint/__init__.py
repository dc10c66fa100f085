"""cablelint: a linter for classification markings in diplomatic cables."""

__version__ = "0.1.0"
