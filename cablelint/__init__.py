"""cablelint: a linter for classification markings in diplomatic cables."""

import os as _os

__version__ = "0.1.0"

# The build maps rules/ and grammar/ into this package (cablelint.rules, cablelint.grammar).
# Run from a source checkout without installing, they sit beside this folder instead.
_checkout = _os.path.dirname(_os.path.dirname(_os.path.abspath(__file__)))
if not _os.path.isdir(_os.path.join(__path__[0], "rules")) and _os.path.isfile(
        _os.path.join(_checkout, "rules", "__init__.py")):
    __path__.append(_checkout)

# Put the regular expressions compiled at build time in re's cache before any module compiles
# its patterns (cablelint/precompiled.py).
from cablelint import precompiled as _precompiled  # noqa: E402

_precompiled.load()
