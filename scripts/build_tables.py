"""Write the tables cablelint loads instead of building them at every start:

- cablelint/_parse_tables.py: the LALR tables of the grammars in grammar/;
- cablelint/_regex_tables.py: the compiled regular expressions (see cablelint/precompiled.py).

    python scripts/build_tables.py

Run it after editing a grammar or a pattern; tests/test_grammar.py and tests/test_precompiled.py
fail while the stored tables are out of date (cablelint still works then, building the tables
and compiling the patterns at start-up). The regular-expression tables are for the Python that
runs this script.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cablelint.grammars import GRAMMARS, build, grammar_hash, grammar_text, tables  # noqa: E402


def render() -> str:
    import lark

    out = [
        '"""Parse tables of grammar/*.lark, written by scripts/build_tables.py; do not edit."""',
        "",
        f"LARK_VERSION = {lark.__version__!r}",
        "",
        "TABLES = {",
    ]
    for name in GRAMMARS:
        entry = {"sha256": grammar_hash(grammar_text(name)), **tables(build(name))}
        out.append(f"    {name!r}: {entry!r},")
    out.append("}")
    return "\n".join(out) + "\n"


def used_patterns(cables: list[Path]) -> list[tuple[str, int]]:
    """Every (pattern, flags) that cablelint's code and the lexers of its grammars compile while
    all of cablelint is imported and the given cables are checked. Run it in a fresh process:
    patterns compiled before it starts are not seen."""
    import lark

    import cablelint

    package = Path(cablelint.__file__).resolve().parent
    roots = tuple(f"{d}{os.sep}" for d in (package, package.parent / "rules",  # rules/ in a checkout
                                           Path(lark.__file__).resolve().parent))
    seen: dict[tuple[str, int], None] = {}
    original = re._compile

    def recording(pattern, flags):
        caller = sys._getframe(2).f_code.co_filename  # re.compile / re.match, then its caller
        if isinstance(pattern, str) and caller.startswith(roots):
            seen.setdefault((pattern, int(flags)), None)
        return original(pattern, flags)

    re._compile = recording
    try:
        import cablelint.reporters
        from cablelint import rules

        for package in (cablelint, cablelint.reporters, rules):
            for module in sorted(Path(package.__file__).parent.glob("*.py")):
                if not module.stem.startswith("_"):  # not __init__, __main__ or the tables
                    importlib.import_module(f"{package.__name__}.{module.stem}")
        from cablelint.engine import select_rules
        from cablelint.runner import Options, run

        for _ in run([str(p) for p in cables], Options(rules=tuple(select_rules()), jobs=1)):
            pass
    finally:
        re._compile = original
    return sorted(seen)


class _Capture:
    """Stands in for the engine while re compiles a pattern, to keep what it is handed."""

    def __init__(self, engine):
        self.engine, self.args = engine, None

    def __getattr__(self, name):
        return getattr(self.engine, name)

    def compile(self, *args):
        self.args = args
        return self.engine.compile(*args)


def program(pattern: str, flags: int) -> tuple:
    """What re's compiler hands the engine for this pattern, as a stored entry."""
    from re import _compiler

    capture = _Capture(_compiler._sre)
    _compiler._sre = capture
    try:
        _compiler.compile(pattern, flags)
    finally:
        _compiler._sre = capture.engine
    source, compiled_flags, code, groups, groupindex, _ = capture.args
    return (source, flags, int(compiled_flags), tuple(int(c) for c in code), int(groups),
            dict(groupindex))


def render_regexes(cables: list[Path]) -> str:
    from cablelint.precompiled import engine_key

    out = [
        '"""Compiled regular expressions (see cablelint/precompiled.py), written by',
        'scripts/build_tables.py; do not edit."""',
        "",
        f"ENGINE = {engine_key()!r}",
        "",
        "PATTERNS = [",
    ]
    out += [f"    {program(pattern, flags)!r}," for pattern, flags in used_patterns(cables)]
    out.append("]")
    return "\n".join(out) + "\n"


def sample_cables() -> list[Path]:
    return sorted((ROOT / "examples").glob("*.txt")) + sorted((ROOT / "tests" / "corpus").glob("*.txt"))


if __name__ == "__main__":
    (ROOT / "cablelint" / "_parse_tables.py").write_text(render(), encoding="utf-8")
    (ROOT / "cablelint" / "_regex_tables.py").write_text(render_regexes(sample_cables()),
                                                         encoding="utf-8")
