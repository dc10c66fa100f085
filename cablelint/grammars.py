"""The Lark parsers for the grammar files shipped in the package.

LALR with the contextual lexer. Building the parse tables from a grammar takes about 0.1 s,
more than checking a cable, so the tables built from the shipped grammars are kept as a plain
Python literal in `cablelint/_parse_tables.py` (written by `scripts/build_tables.py`, checked
by the tests) together with a hash of the grammar text they came from. When the grammar on
disk differs (someone is editing it) or the tables do not load, the parser is built from the
grammar. Lark's own `cache=True` is never used: it loads a pickle from a predictable path in
the shared temp directory.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

GRAMMARS = {
    "marking": ("portion_mark", "banner"),
    "cable": (
        "dtg_line", "de_line", "security_line", "prosign_line", "eo_line", "tags_line",
        "reasons", "page_break",
    ),
}


def grammar_dir() -> Path:
    """Installed: cablelint/grammar/. Editable or source tree: grammar/ beside cablelint/."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "grammar", here.parent / "grammar"):
        if (candidate / "cable.lark").is_file():
            return candidate
    raise FileNotFoundError("the cablelint grammar files are missing from this installation")


def grammar_text(name: str) -> str:
    return (grammar_dir() / f"{name}.lark").read_text(encoding="utf-8")


def grammar_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def build(name: str, strict: bool = False):
    """A new parser for one grammar. `strict=True` also proves it free of conflicts."""
    import lark
    import lark.lexer

    if strict:
        return lark.Lark(grammar_text(name), parser="lalr", lexer="contextual",
                         start=list(GRAMMARS[name]), strict=True)
    # Terminal-collision analysis (interegular, when installed) costs start-up time on
    # every run; the strict build in the tests already proves there are no collisions.
    saved = lark.lexer.has_interegular
    lark.lexer.has_interegular = False
    try:
        return lark.Lark(grammar_text(name), parser="lalr", lexer="contextual",
                         start=list(GRAMMARS[name]))
    finally:
        lark.lexer.has_interegular = saved


def tables(parser) -> dict:
    """The parse tables of a built parser as plain data (what _parse_tables.py holds)."""
    import lark

    data, memo = parser.memo_serialize([lark.lexer.TerminalDef, lark.grammar.Rule])
    return {"data": data, "memo": memo}


def load_stored(name: str):
    """The parser from the stored tables, or None when they are missing or out of date."""
    import lark

    try:
        from cablelint._parse_tables import LARK_VERSION, TABLES
    except ImportError:
        return None
    entry = TABLES.get(name)
    if entry is None or LARK_VERSION.split(".")[:2] != lark.__version__.split(".")[:2]:
        return None
    if entry["sha256"] != grammar_hash(grammar_text(name)):
        return None
    try:
        return lark.Lark._load_from_dict(entry["data"], entry["memo"])
    except Exception:  # tables of another Lark release: build from the grammar instead
        return None


@lru_cache(maxsize=None)
def parser(name: str):
    return load_stored(name) or build(name)
