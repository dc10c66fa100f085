"""Regular expressions compiled when the package is built, not at every start.

CPython compiles a regular expression with Python code. cablelint's patterns and the lexers
of its grammars cost about 140M instructions to compile, a quarter of checking one draft.
`scripts/build_tables.py` keeps what the compiler made of each of them (the program of the
regular-expression engine) in `cablelint/_regex_tables.py`, keyed by the pattern, its flags
and the engine's version. At import the stored programs are handed to the engine, which
checks each one, and the compiled patterns go into the `re` module's own cache, where
`re.compile` finds them. Another interpreter, an engine of another version, or a pattern
edited since the tables were written is compiled as usual.
"""

from __future__ import annotations

import re
import sys

try:
    import _sre
except ImportError:  # another implementation of Python: nothing is stored for it
    _sre = None


def engine_key() -> tuple | None:
    """What a stored program is valid for: this interpreter and its engine's version."""
    if _sre is None:
        return None
    return (sys.implementation.cache_tag, _sre.MAGIC, _sre.CODESIZE, _sre.MAXREPEAT, _sre.MAXGROUPS)


def seed(key, entries) -> int:
    """Put stored patterns in `re`'s cache; returns how many (0 when made for another engine).

    Each entry is (pattern, flags as given to re.compile, flags of the compiled pattern,
    program, number of groups, group names to numbers)."""
    cache = getattr(re, "_cache", None)
    limit = getattr(re, "_MAXCACHE", 0)
    if key is None or key != engine_key() or not isinstance(cache, dict):
        return 0
    seeded = 0
    for pattern, flags, compiled_flags, program, groups, groupindex in entries:
        if len(cache) >= limit:
            break
        indexgroup = [None] * (groups + 1)
        for name, number in groupindex.items():
            indexgroup[number] = name
        try:
            compiled = _sre.compile(pattern, compiled_flags, list(program), groups, dict(groupindex),
                                    tuple(indexgroup))
        except Exception:  # a program the engine refuses: re.compile makes it instead
            continue
        cache.setdefault((str, pattern, flags), compiled)
        seeded += 1
    return seeded


def load() -> int:
    try:
        from cablelint._regex_tables import ENGINE, PATTERNS
    except ImportError:
        return 0
    return seed(ENGINE, PATTERNS)
