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

from lark import Token  # the parsers' tokens; importing cablelint.parse imports Lark anyway

GRAMMARS = {
    "marking": ("portion_mark", "banner"),
    "cable": (
        "dtg_line", "bare_dtg_line", "de_line", "security_line", "prosign_line", "eo_line", "tags_line",
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


def line_token(kind: str, value: str, start: int, end: int):
    """The Token Lark's lexer makes for `value`, of type `kind`, at [start, end) of a one-line
    text, every one of its slots set as Lark sets them, but without the two calls through
    Token's constructor: the line driver and the parse cache make tokens by the thousand
    (tests/test_parse_cache.py compares each slot with Lark's own)."""
    token = _new_str(Token, value)
    token.type = kind
    token.value = value
    token.start_pos = start
    token.line = token.end_line = 1
    token.column = start + 1
    token.end_column = end + 1
    token.end_pos = end
    return token


_new_str = str.__new__


def parse(name: str, text: str, start: str):
    """`parser(name).parse(text, start=start)`, the same tree, for one line of text.

    A line is read about twice as fast by a loop over the parser's own tables (line_driver):
    Lark's parse sets up a lexer thread, a line counter and a parser state for each text, and
    most lines hold five or six tokens. Whatever that loop does not accept (a line that does
    not parse, a line break, a Lark whose insides differ) goes to Lark's parse, so the trees
    and the errors are Lark's own."""
    drive = line_driver(name)
    if drive is not None:
        try:
            tree = drive(text, start)
        except Exception:  # a Lark whose insides differ where the setup did not look: Lark answers
            tree = None
        if tree is not None:
            return tree
    return parser(name).parse(text, start=start)


@lru_cache(maxsize=None)
def line_driver(name: str):
    """A function (text, start) -> tree or None that runs the LALR tables and contextual lexer
    of `parser(name)` over one line as Lark's parse does (tokens, places, the lexer's callbacks,
    the tree builder's callbacks); None when this Lark is not laid out as expected."""
    try:
        from lark.lexer import ContextualLexer
        from lark.parsers.lalr_analysis import Shift

        frontend = parser(name).parser
        lexer = frontend.lexer
        lalr = frontend.parser.parser
        table, callbacks = lalr.parse_table, lalr.callbacks
        if not isinstance(lexer, ContextualLexer) or not isinstance(callbacks, dict):
            return None
        lexers = lexer.lexers
        states, start_states, end_states = table.states, table.start_states, table.end_states
        if not all(hasattr(type(lex), "scanner") for lex in lexers.values()):  # not built here
            return None
    except Exception:  # another release of Lark, laid out otherwise
        return None
    scanners: dict = {}  # each parser state's lexer: its patterns, ignored types and callbacks

    def scanner(state):
        """Made when first needed, as Lark makes its lexers' scanners (each compiles patterns)."""
        lex = lexers[state]
        scanners[state] = found = (tuple(lex.scanner._mres), lex.ignore_types, lex.callback)
        return found

    def drive(text: str, start: str):
        if "\n" in text or start not in start_states:
            return None
        state_stack = [start_states[start]]
        end_state = end_states[start]
        value_stack: list = []
        pos, size, last = 0, len(text), None
        while True:
            if pos < size:
                mres, ignore, lexer_callbacks = scanners.get(state_stack[-1]) or scanner(state_stack[-1])
                for mre in mres:
                    m = mre.match(text, pos)
                    if m:
                        break
                else:
                    return None
                value, kind = m.group(0), m.lastgroup
                end = pos + len(value)
                if kind in ignore:
                    if kind in lexer_callbacks:
                        return None
                    pos = end
                    continue
                token = line_token(kind, value, pos, end)
                if kind in lexer_callbacks:
                    token = lexer_callbacks[kind](token)
                pos, last, is_end = end, token, False
            else:
                # as Lark's parse ends: an end token at the last token's place
                token = Token("$END", "", 0, 1, 1) if last is None else Token.new_borrow_pos("$END", "", last)
                is_end = True
            while True:  # Lark's ParserState.feed_token
                action, arg = states[state_stack[-1]].get(token.type, (None, None))
                if action is None:
                    return None
                if action is Shift:
                    if is_end:
                        return None
                    state_stack.append(arg)
                    value_stack.append(callbacks[token.type](token) if token.type in callbacks else token)
                    break
                n = len(arg.expansion)
                children = value_stack[-n:] if n else []
                if n:
                    del state_stack[-n:]
                    del value_stack[-n:]
                value_stack.append(callbacks[arg](children) if callbacks else children)
                state_stack.append(states[state_stack[-1]][arg.origin.name][1])
                if is_end and state_stack[-1] == end_state:
                    return value_stack[-1]

    return drive
