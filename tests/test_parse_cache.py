"""The parse cache serves every line of a shape with one parse (cablelint.parse.SHAPES): proved
from the grammars (no terminal a start rule reaches tells apart the characters a shape puts
together, nor a run of the character whose runs it shortens from one such character), and
checked against direct parses of real and mutated lines."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lark import Token
from lark.exceptions import LarkError

from cablelint.grammars import build, line_token, parser
from cablelint.parse import SHAPES, _flat_tokens, _parse, _parse_in_place, _parse_shape

try:
    import re._parser as sre_parse  # Python 3.11+
except ImportError:  # pragma: no cover
    import sre_parse

from conftest import CORPUS

CATEGORIES = {
    "CATEGORY_DIGIT": r"\d", "CATEGORY_NOT_DIGIT": r"\D", "CATEGORY_SPACE": r"\s",
    "CATEGORY_NOT_SPACE": r"\S", "CATEGORY_WORD": r"\w", "CATEGORY_NOT_WORD": r"\W",
}


def _in_set(items, ch: str, ignore_case: bool) -> bool:
    """Whether `ch` is in the character set of an IN item."""
    chars = {ch, ch.lower(), ch.upper()} if ignore_case else {ch}
    found, negate = False, False
    for op, av in items:
        name = str(op)
        if name == "NEGATE":
            negate = True
        elif name == "LITERAL":
            found |= any(ord(c) == av for c in chars)
        elif name == "RANGE":
            found |= any(av[0] <= ord(c) <= av[1] for c in chars)
        elif name == "CATEGORY":
            found |= bool(re.fullmatch(CATEGORIES[str(av)], ch))
        else:
            raise AssertionError(f"unexpected set item {name}")
    return found != negate


def char_tests(pattern: str, flags: int):
    """A test for each place in `pattern` that matches one character: ch -> matches."""
    return item_tests(sre_parse.parse(pattern, flags), flags)


def item_tests(items, flags: int):
    """The same for parsed items (assertions' places included)."""
    ignore_case = bool(flags & re.IGNORECASE)
    out = []
    for op, av in items:
        name = str(op)
        if name in ("LITERAL", "NOT_LITERAL"):
            same = name == "LITERAL"
            out.append(lambda ch, av=av, same=same: same == any(ord(c) == av for c in (
                {ch, ch.lower(), ch.upper()} if ignore_case else {ch})))
        elif name == "IN":
            out.append(lambda ch, av=av: _in_set(av, ch, ignore_case))
        elif name == "CATEGORY":
            out.append(lambda ch, av=av: bool(re.fullmatch(CATEGORIES[str(av)], ch)))
        elif name == "ANY":
            out.append(lambda ch: ch != "\n")
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            out.extend(item_tests(av[2], flags))
        elif name in ("SUBPATTERN", "ATOMIC_GROUP"):
            out.extend(item_tests(av[-1], flags))
        elif name == "BRANCH":
            for branch in av[1]:
                out.extend(item_tests(branch, flags))
        elif name in ("ASSERT", "ASSERT_NOT"):
            out.extend(item_tests(av[1], flags))
        elif name != "AT":  # a position
            raise AssertionError(f"unexpected regex item {name}")
    return out


def reachable_terminals(lark_parser, start: str) -> set[str]:
    rules: dict[str, list] = {}
    for r in lark_parser.rules:
        rules.setdefault(r.origin.name, []).append(r.expansion)
    seen, todo, terminals = set(), [start], set(lark_parser.ignore_tokens)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for expansion in rules.get(name, ()):
            for sym in expansion:
                (terminals.add if sym.is_term else todo.append)(sym.name)
    return terminals


def first_only(lark_parser, start: str) -> set[str]:
    """Terminals found only first in the start rule: the contextual lexer looks for them
    nowhere else."""
    later = set()
    firsts = set()
    for r in lark_parser.rules:
        for i, sym in enumerate(r.expansion):
            if sym.is_term:
                (firsts if i == 0 and r.origin.name == start else later).add(sym.name)
    return firsts - later


def pattern_flags(term) -> int:
    flags = 0
    for f in term.pattern.flags:
        flags |= {"i": re.I, "m": re.M, "s": re.S, "x": re.X, "u": re.U}[f]
    return flags


@pytest.mark.parametrize("grammar,start", sorted(SHAPES))
def test_no_terminal_tells_apart_what_a_shape_puts_together(grammar, start):
    built = build(grammar)
    table, keep, _ = SHAPES[grammar, start]
    pairs = [(chr(a), chr(b)) for a, b in table.items() if a != b]
    assert pairs
    names = reachable_terminals(built, start)
    assert names, start
    terms = {t.name: t for t in built.terminals}
    if keep is not None:  # the kept keyword is exactly the first token, found nowhere else
        (kept,) = first_only(built, start)
        assert keep.pattern in (r"[ \t]*" + terms[kept].pattern.value, r"[ \t]*(?:" + terms[kept].pattern.value + ")")
        assert keep.flags & re.I == pattern_flags(terms[kept]) & re.I
        names.discard(kept)
    for name in names:
        for test in char_tests(terms[name].pattern.to_regexp(), pattern_flags(terms[name])):
            for a, b in pairs:
                assert test(a) == test(b), (name, a, b)


def _one_char(op) -> bool:
    return str(op) in ("LITERAL", "NOT_LITERAL", "IN", "CATEGORY", "ANY")


def _can_match(items, ch: str, flags: int) -> bool:
    """Can some place in `items` match `ch`?"""
    return any(test(ch) for test in item_tests(items, flags))


def _may_begin_with(items, ch: str, flags: int) -> bool:
    """Can what `items` match begin with `ch` (the text an assertion looks at counted too)?"""
    for op, av in items:
        name = str(op)
        if name in ("ASSERT", "ASSERT_NOT"):
            first = _may_begin_with(av[1], ch, flags)
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            first = _may_begin_with(av[2], ch, flags)
        elif name in ("SUBPATTERN", "ATOMIC_GROUP"):
            first = _may_begin_with(av[-1], ch, flags)
        elif name == "BRANCH":
            first = any(_may_begin_with(b, ch, flags) for b in av[1])
        else:
            first = _can_match([(op, av)], ch, flags)
        if first:
            return True
        if sre_parse.SubPattern(sre_parse.State(), [(op, av)]).getwidth()[0] > 0:
            return False  # it takes a character: what follows does not begin the text
    return False


def run_violations(items, ch: str, flags: int) -> list[str]:
    """Why `items` may read a run of `ch` otherwise than one `ch` (the same tokens, ending at the
    same places): empty when every place that can match `ch` is a greedy repetition of one
    character place, of any length from at most 1, that can (or a one-character place before
    such a repetition), and what follows the repetition cannot begin with `ch`, so that the
    repetition always takes a whole run."""
    items = list(items)
    out = []
    k = 0
    while k < len(items):
        op, av = items[k]
        name = str(op)
        rest = items[k + 1:]
        if name in ("SUBPATTERN", "ATOMIC_GROUP") and not any(str(o) == "BRANCH" for o, _ in av[-1]):
            items[k:k + 1] = list(av[-1])  # a group read in line
            continue
        if name == "AT":
            pass
        elif name in ("ASSERT", "ASSERT_NOT"):
            if _can_match(av[1], ch, flags):
                out.append(f"an assertion that can look at {ch!r}")
        elif name == "MAX_REPEAT":
            lo, hi, sub = av
            if _can_match(sub, ch, flags):
                if not (len(sub) == 1 and _one_char(sub[0][0]) and lo <= 1 and hi == sre_parse.MAXREPEAT):
                    out.append(f"a repetition {lo}..{hi} over {ch!r}")
                elif _may_begin_with(rest, ch, flags):
                    out.append(f"what follows a repetition over {ch!r} may begin with it")
        elif _one_char(op):
            if _can_match([(op, av)], ch, flags):
                nxt = rest[0] if rest else None
                ok = nxt is not None and str(nxt[0]) == "MAX_REPEAT" and nxt[1][0] == 0 and \
                    nxt[1][1] == sre_parse.MAXREPEAT and len(nxt[1][2]) == 1 and \
                    _one_char(nxt[1][2][0][0]) and _can_match(nxt[1][2], ch, flags)
                if not ok:
                    out.append(f"a single place for {ch!r}, no repetition after it")
        elif _can_match([(op, av)], ch, flags):
            out.append(f"{name} over {ch!r}")
        k += 1
    return out


@pytest.mark.parametrize("grammar,start", sorted(k for k, v in SHAPES.items() if v[2]))
def test_every_terminal_reads_a_run_of_the_shortened_character_as_one(grammar, start):
    built = build(grammar)
    table, keep, run = SHAPES[grammar, start]
    assert run in {chr(b) for a, b in table.items()}
    names = reachable_terminals(built, start)
    if keep is not None:  # the kept keyword is read as written: no run in it is shortened
        names -= first_only(built, start)
    terms = {t.name: t for t in built.terminals}
    for name in names:
        flags = pattern_flags(terms[name])
        items = sre_parse.parse(terms[name].pattern.to_regexp(), flags)
        assert run_violations(items, run, flags) == [], name


def test_the_run_proof_rejects_what_counts_or_stops_inside_a_run():
    """The check above fails where it should: a repetition with bounds, a lazy one, a single
    place, and a repetition followed by what may take the run's character."""
    for pattern in (r"[A-Z]{4,7}", r"[A-Z]+?(?=\d)", r"A", r"[A-Z]*[A-Z0-9]", r"[A-Z]*(?=A)", r"(?:AB|A)+"):
        assert run_violations(sre_parse.parse(pattern), "A", 0), pattern
    for pattern in (r"[A-Za-z0-9][A-Za-z0-9_\-./]*", r"\([^)\n]*\)?", r"[ \t]+", r"\[[^\]\n]*\]\([^)\n]*\)"):
        assert run_violations(sre_parse.parse(pattern), "A", 0) == [], pattern
    built = build("marking")  # the banner's CAPCO_TEXT stops lazily: no run of it is shortened
    capco = next(t for t in built.terminals if t.name == "CAPCO_TEXT")
    assert run_violations(sre_parse.parse(capco.pattern.to_regexp()), "A", 0)


def test_the_proof_finds_a_terminal_that_tells_digits_apart():
    """The check above fails where it should: SECTION_CITE (1.4) names the digit 1."""
    built = build("cable")
    assert "SECTION_CITE" in reachable_terminals(built, "reasons")
    assert "SECTION_CITE" not in reachable_terminals(built, "dtg_line")
    cite = next(t for t in built.terminals if t.name == "SECTION_CITE")
    tests = char_tests(cite.pattern.to_regexp(), 0)
    assert any(t("1") != t("2") for t in tests)
    eo = next(t for t in built.terminals if t.name == "EO")  # [O0]: 0 is not 1, 1 is 2
    tests = char_tests(eo.pattern.to_regexp(), re.I)
    assert any(t("0") != t("1") for t in tests)
    assert all(t("1") == t("2") for t in tests)


def _flat(tree):
    return (str(tree.data), [
        (c.type, str(c), c.start_pos, c.end_pos, c.line, c.column, c.end_column)
        if isinstance(c, Token) else _flat(c) for c in tree.children])


def _outcome(parse, grammar, start, text):
    try:
        return _flat(parse(grammar, start, text))
    except LarkError:
        return "error"


def _direct(grammar, start, text):
    return parser(grammar).parse(text, start=start)


def _real_lines() -> dict[str, list[str]]:
    """Structural lines of the corpus copy, by start rule."""
    found: dict[str, list[str]] = {start: [] for _, start in SHAPES}
    forms = {
        "dtg_line": re.compile(r"[A-Z]{1,2} \d{6}Z [A-Z]{3} \d{2}$"),
        "de_line": re.compile(r"DE [A-Z]{4,7} ?#\S+ \d{7}$"),
        "eo_line": re.compile(r"E\.? ?[O0]\.? ?\d{5}.*"),
        "page_break": re.compile(r"[A-Z][A-Z .\-]* \d{8} \d{3} OF \d{3}$"),
        "tags_line": re.compile(r"TAGS:? .*", re.I),
        "banner": re.compile(r"(C O N F I D E N T I A L|S E C R E T|UNCLAS\w*|SECRET|CONFIDENTIAL)\b.* \d{4,8}"),
    }
    for path in sorted(CORPUS.glob("*.txt"))[:300]:
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            line = line.strip()
            for start, form in forms.items():
                if form.fullmatch(line) and len(found[start]) < 60:
                    found[start].append(line)
    return found


REAL = _real_lines()


def test_real_lines_parse_as_their_shapes():
    compared = 0
    for grammar, start in sorted(SHAPES):
        assert len(REAL[start]) >= 20, start
        for text in REAL[start]:
            assert _outcome(_parse, grammar, start, text) == _outcome(_direct, grammar, start, text)
            compared += 1
    assert compared >= 100


def test_a_line_of_a_known_shape_gets_its_own_text():
    first = _parse("cable", "dtg_line", "O 050806Z NOV 09")
    second = _parse("cable", "dtg_line", "R 171329Z SEP 10")
    assert [str(t) for t in first.children] == ["O", "050806Z", "NOV", "09"]
    assert [str(t) for t in second.children] == ["R", "171329Z", "SEP", "10"]
    eo = _parse("cable", "eo_line", "E.O. 13526: DECL: 11/05/2019")
    assert [str(t) for t in eo.scan_values(lambda v: True)] == ["E.O.", "13526", "DECL", "11/05/2019"]
    _parse("cable", "tags_line", "TAGS: PREL, PGOV, UZ")
    tags = _parse("cable", "tags_line", "tags: KDEM, ECON, IZ")
    assert [(t.type, str(t)) for t in tags.scan_values(lambda v: True)] == [
        ("TAGS", "tags"), ("TAG_WORD", "KDEM"), ("TAG_WORD", "ECON"), ("TAG_WORD", "IZ")]


def test_a_rebuilt_token_is_lark_s_own_copy_with_new_text():
    """line_token sets every slot Lark's Token has, to what Token.new_borrow_pos would for a token
    at its own place, and to what a direct parse gives a token at the place it is moved to."""
    shaped = parser("cable").parse("O 000000Z NOV 00", start="dtg_line").children[1]
    ours = line_token(shaped.type, "050806Z", shaped.start_pos, shaped.end_pos)
    lark_s = Token.new_borrow_pos(shaped.type, "050806Z", shaped)
    assert type(ours) is Token and str(ours) == "050806Z"
    for slot in Token.__slots__:
        assert getattr(ours, slot) == getattr(lark_s, slot), slot
    assert (ours.start_pos, ours.end_pos, ours.column, ours.value) == (2, 9, 3, "050806Z")
    line = "TAGS: PREL, PGOV"
    direct = parser("cable").parse(line, start="tags_line").children[2].children[0]
    short = parser("cable").parse("TAGS: A, A", start="tags_line").children[2].children[0]
    moved = line_token(short.type, line[12:16], 12, 16)
    assert type(moved) is Token and str(moved) == "PGOV" and short.start_pos == 9
    for slot in Token.__slots__:
        assert getattr(moved, slot) == getattr(direct, slot), slot


@st.composite
def mutated_line(draw):
    grammar, start = draw(st.sampled_from(sorted(SHAPES)))
    text = draw(st.sampled_from(REAL[start]))
    group = "".join(dict.fromkeys(chr(c) for pair in SHAPES[grammar, start][0].items() for c in pair))
    chars = list(text)
    for i, ch in enumerate(chars):  # what the shape changes redrawn; now and then anything
        if ch in group:
            chars[i] = draw(st.sampled_from(group))
            if SHAPES[grammar, start][2] and draw(st.integers(0, 4)) == 0:  # a run longer or cut
                chars[i] = draw(st.sampled_from(["", chars[i] * draw(st.integers(2, 9))]))
        if draw(st.integers(0, 30)) == 0:
            chars[i] = draw(st.sampled_from(group + " O./:#EN,()[]_-\t"))
    return grammar, start, "".join(chars)


@settings(max_examples=300, deadline=None)
@given(mutated_line())
def test_mutated_lines_parse_as_their_shapes(case):
    grammar, start, text = case
    assert _outcome(_parse, grammar, start, text) == _outcome(_direct, grammar, start, text)


def _tokens_read_in_place(grammar, start, text):
    """The tokens (type, text, start, end) as the readers that make no tree of the line's own
    read them: off the shape's parse and its places."""
    try:
        if start in ("dtg_line", "de_line", "page_break"):
            return _flat_tokens(grammar, start, text)
        if start == "tags_line":
            tree, _, places = _parse_shape(grammar, start, text)
            at = (lambda p: p) if places is None else places.__getitem__
        else:
            tree, at = _parse_in_place(grammar, start, text), (lambda p: p)
    except LarkError:
        return "error"
    return [(t.type, text[at(t.start_pos):at(t.end_pos)], at(t.start_pos), at(t.end_pos))
            for t in tree.scan_values(lambda v: isinstance(v, Token))]


def _tokens_direct(grammar, start, text):
    try:
        tree = _direct(grammar, start, text)
    except LarkError:
        return "error"
    return [(t.type, t.value, t.start_pos, t.end_pos) for t in tree.scan_values(lambda v: isinstance(v, Token))]


def test_real_lines_read_in_place_give_the_tokens_of_their_own_parse():
    for grammar, start in sorted(SHAPES):
        for text in REAL[start]:
            assert _tokens_read_in_place(grammar, start, text) == _tokens_direct(grammar, start, text), text


@settings(max_examples=300, deadline=None)
@given(mutated_line())
def test_mutated_lines_read_in_place_give_the_tokens_of_their_own_parse(case):
    assert _tokens_read_in_place(*case) == _tokens_direct(*case)
