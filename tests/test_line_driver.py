"""The line driver (cablelint.grammars.line_driver): one line run over Lark's own tables gives
Lark's tree, token by token, and gives up (for Lark's parse to answer) exactly where Lark
raises; checked on the lines real cables hand to each start rule, and on made-up lines."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lark import Token, Tree
from lark.exceptions import LarkError

import cablelint.grammars as grammars
import cablelint.parse as parse_module
from cablelint.grammars import GRAMMARS, line_driver, parser
from cablelint.source import read_path

from conftest import CORPUS

def same(a, b) -> bool:
    """The same tree: the same rules, and tokens equal in every slot (Token == compares text only)."""
    if isinstance(a, Token):
        return isinstance(b, Token) and all(getattr(a, k) == getattr(b, k) for k in Token.__slots__)
    if isinstance(a, Tree):
        return isinstance(b, Tree) and a.data == b.data and len(a.children) == len(b.children) \
            and all(same(x, y) for x, y in zip(a.children, b.children))
    return a == b


def lark_tree(name: str, text: str, start: str):
    try:
        return parser(name).parse(text, start=start)
    except LarkError:
        return None


def check(name: str, text: str, start: str) -> None:
    expected = lark_tree(name, text, start)
    got = line_driver(name)(text, start)
    if expected is None:
        assert got is None, (start, text)
    else:
        assert got is not None and same(got, expected), (start, text)


def corpus_lines() -> list[tuple[str, str, str]]:
    """Every (grammar, start, text) the parser hands to Lark while reading every fourth corpus
    cable, the shapes it asks for included."""
    seen: list[tuple[str, str, str]] = []
    real = parse_module._parse_text.__wrapped__

    def record(grammar, start, text):
        seen.append((grammar, start, text))
        return real(grammar, start, text)

    saved = parse_module._parse_text
    parse_module._parse_text = record
    parse_module.parse_marking.cache_clear()  # marks read by earlier tests are asked for again
    try:
        for path in sorted(CORPUS.glob("*.txt"))[::4]:
            parse_module.parse_source(read_path(str(path)))
    finally:
        parse_module._parse_text = saved
    return sorted(set(seen))


def test_the_driver_reads_every_line_real_cables_give_as_lark_does():
    lines = corpus_lines()
    assert {start for _, start, _ in lines} >= {"banner", "portion_mark", "eo_line", "tags_line", "reasons",
                                                "dtg_line", "de_line", "security_line", "page_break"}
    failures = 0
    for name, start, text in lines:
        check(name, text, start)
        failures += lark_tree(name, text, start) is None
    assert 0 < failures < len(lines) / 10  # lines that do not parse were among them


PIECES = {
    "marking": ["(", ")", "C", "S", "U", "SBU", "NF", "NOFORN", "REL", "TO", "USA", ",", "/", "//", "-", " ",
                "C O N F I D E N T I A L", "S E C R E T", "TOP", "SECRET", "UNCLAS", "EFTO", "SENSITIVE",
                "SECTION", "01", "OF", "02", "TASHKENT", "001571", "LIMITED OFFICIAL USE", "sbu", "x"],
    "cable": ["O", "R", "050806Z", "NOV", "09", "DE", "RUEHNT", "#", "1571", "/", "01", "3090806", "ZNY",
              "CCCCC", "ZZH", "OO", "RUEHBI", "E.O.", "12958", ":", "DECL", "11/05/2019", "N/A", "TAGS",
              "PREL", ",", "(RICE, CONDOLEEZZA)", "1.4", "(b)", "and", "(d)", "BRASILIA", "00000033",
              "002", "OF", "003", " ", "\t", "AS AMENDED", ";", "x"],
}


@pytest.mark.parametrize("name", sorted(GRAMMARS))
@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_the_driver_reads_made_up_lines_as_lark_does(name, data):
    start = data.draw(st.sampled_from(GRAMMARS[name]))
    text = "".join(data.draw(st.lists(st.sampled_from(PIECES[name]), max_size=12)))
    check(name, text, start)


def test_a_line_break_or_an_unknown_start_is_left_to_lark():
    drive = line_driver("marking")
    assert drive("(C)\n", "portion_mark") is None
    assert drive("(C)", "no_such_rule") is None
    with pytest.raises(LarkError):
        grammars.parse("marking", "(C", "portion_mark")


def test_a_lark_laid_out_otherwise_is_parsed_by_lark(monkeypatch):
    class Elsewhere:  # a Lark whose parser has none of the parts the driver reads
        parser = None

        def parse(self, text, start):
            return parser("marking").parse(text, start=start)

    monkeypatch.setattr(grammars, "parser", lambda name: Elsewhere())
    grammars.line_driver.cache_clear()
    try:
        assert grammars.line_driver("marking") is None
        assert same(grammars.parse("marking", "(S//NF)", "portion_mark"),
                    parser("marking").parse("(S//NF)", start="portion_mark"))
    finally:
        monkeypatch.undo()
        grammars.line_driver.cache_clear()


def test_a_driver_that_fails_inside_leaves_the_line_to_lark(monkeypatch):
    def broken(text, start):
        raise AttributeError("_mres")  # what a Lark that renamed a part would raise

    monkeypatch.setattr(grammars, "line_driver", lambda name: broken)
    assert same(grammars.parse("cable", "ZNY CCCCC ZZH", "security_line"),
                parser("cable").parse("ZNY CCCCC ZZH", start="security_line"))
    with pytest.raises(LarkError):
        grammars.parse("cable", "ZNY", "security_line")
