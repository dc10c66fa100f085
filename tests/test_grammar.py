"""The grammars: strict LALR builds, and what each start rule accepts."""

import pytest
from lark.exceptions import LarkError

from cablelint.grammars import GRAMMARS, build


@pytest.mark.parametrize("name", sorted(GRAMMARS))
def test_every_grammar_builds_strict(name):
    # strict=True raises on any shift/reduce conflict and on colliding terminals.
    parser = build(name, strict=True)
    assert set(parser.options.start) == set(GRAMMARS[name])


MARKING = build("marking")
CABLE = build("cable")


@pytest.mark.parametrize("text", [
    "(C)", "(S/NF)", "(SBU-N)", "(C/REL NATO)", "(S//REL TO USA, GBR)", "(U//FOUO)",
    "(S//FGI//NF)", "(S/REL TO NATO/AUS)", "(S/Rel China and UK)", "(c)",
])
def test_portion_marks_parse(text):
    MARKING.parse(text, start="portion_mark")


@pytest.mark.parametrize("text", ["(C", "C)", "()", "(S/)"])
def test_broken_portion_marks_do_not_parse(text):
    with pytest.raises(LarkError):
        MARKING.parse(text, start="portion_mark")


@pytest.mark.parametrize("text", [
    "C O N F I D E N T I A L TASHKENT 001571",
    "S E C R E T SECTION 01 OF 02 MINSK 000215",
    "T O P S E C R E T STATE 000001",
    "UNCLAS E F T O SECTION 01 OF 02 RIO DE JANEIRO 000123",
    "SECRET//NOFORN",
    "UNCLASSIFIED//FOR OFFICIAL USE ONLY",
    "LIMITED OFFICIAL USE STATE 017976",
    "C O N F I D E N T I A LCAIRO 001234 SIPDIS",
])
def test_banners_parse(text):
    MARKING.parse(text, start="banner")


@pytest.mark.parametrize("start,text", [
    ("dtg_line", "O 050806Z NOV 09"),
    ("dtg_line", "O R 171329Z SEP 09"),
    ("de_line", "DE RUEHNT #1571 3090806"),
    ("de_line", "DE RUEHMO #0849/01 0591745"),
    ("security_line", "ZNY CCCCC ZZH"),
    ("prosign_line", "OO RUEHBI RUEHCI RUEHDBU"),
    ("eo_line", "E.O. 12958: DECL: 11/04/2019"),
    ("eo_line", "EO 12958 DECL: 2019/11/05"),
    ("eo_line", "E.O. 12958: N/A"),
    ("eo_line", "E.O. 12958: DECL: TWENTY YEARS"),
    ("tags_line", "TAGS: [PREL](#) [PHUM](#) [UZ](#)"),
    ("tags_line", "TAGS: PGOV, PREL, ECON"),
    ("tags_line", "TAGS OVIP (VANCE, CYRUS) IS, SY"),
    ("reasons", "1.4 (b) and (d)"),
    ("reasons", "1.4(B), (D)"),
    ("reasons", "1.5 b,d"),
    ("reasons", "1.4 (b/d)"),
    ("reasons", "1.4 (b)(d)"),
    ("page_break", "BRASILIA 00000033 002 OF 003"),
])
def test_structural_lines_parse(start, text):
    CABLE.parse(text, start=start)


def test_stored_parse_tables_match_the_grammars():
    # cablelint/_parse_tables.py must be rewritten (scripts/build_tables.py) after a grammar edit.
    from cablelint._parse_tables import TABLES
    from cablelint.grammars import grammar_hash, grammar_text

    assert {name: entry["sha256"] for name, entry in TABLES.items()} == {
        name: grammar_hash(grammar_text(name)) for name in GRAMMARS}


@pytest.mark.parametrize("name", sorted(GRAMMARS))
def test_stored_tables_parse_like_the_grammar(name):
    import lark

    from cablelint._parse_tables import LARK_VERSION
    from cablelint.grammars import load_stored

    stored = load_stored(name)
    if LARK_VERSION.split(".")[:2] != lark.__version__.split(".")[:2]:
        assert stored is None  # tables of another Lark release are not used: the grammar is built
        return
    assert stored is not None
    built = build(name)
    samples = {"marking": [("portion_mark", "(S//REL TO USA, GBR)"), ("banner", "S E C R E T SECTION 01 OF 02 MINSK 000215")],
               "cable": [("dtg_line", "O 050806Z NOV 09"), ("eo_line", "E.O. 12958: DECL: 11/04/2019"),
                         ("tags_line", "TAGS: [PREL](#) PGOV, (VANCE, CYRUS)"), ("reasons", "1.4 (b) and (d)")]}[name]
    for start, text in samples:
        assert stored.parse(text, start=start) == built.parse(text, start=start)
