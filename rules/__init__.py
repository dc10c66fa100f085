"""The rule catalog, one module per family; importing this package registers every rule."""

from cablelint.rules import authority, banner, declass, dissem, numbering, portions  # noqa: F401
