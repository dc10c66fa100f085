"""The rule catalog, one module per family; importing this package registers every rule."""

from cablelint.rules import (  # noqa: F401
    authority, banner, declass, dissem, header, numbering, portions, source, tags,
)
