"""The rule catalog, one module per family; importing this package registers every rule."""

from cablelint.rules import header, numbering, portions, tags  # noqa: F401
