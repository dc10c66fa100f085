"""The rule catalog, one module per family; importing this package registers every rule."""

from cablelint.rules import banner, dissem, header, numbering, portions, source, tags  # noqa: F401
