"""Build the Lark parsers from the grammar files shipped in the package.

LALR with the contextual lexer, built at start-up (a few milliseconds) and never cached to
disk: Lark's cache file lives at a predictable path in the shared temp directory.
"""

from __future__ import annotations

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


@lru_cache(maxsize=None)
def parser(name: str):
    return build(name)
