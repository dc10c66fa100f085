"""Properties over arbitrary and mutated cables: the parser and every rule never raise; spans
lie inside the text and agree with their line and column; fixes are idempotent, touch only
the reported spans, and leave nothing fixable behind."""

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cablelint.engine import select_rules
from cablelint.lint import apply_edits, fix, lint
from cablelint.parse import parse_source
from cablelint.source import ReadError, Source, decode

from conftest import CORPUS, SEED

RULES = select_rules()
CABLES = [SEED] + [CORPUS / name for name in (
    "09TASHKENT1571.txt", "04ANKARA482.txt", "03COLOMBO2183.txt", "00HARARE6677.txt",
    "02BOGOTA3281.txt") if (CORPUS / name).exists()]
CABLE_BYTES = [p.read_bytes() for p in CABLES]

# Pieces of real structural lines, so that random text reaches the grammars and the rules.
FRAGMENTS = [
    "UNCLAS", "C O N F I D E N T I A L", "S E C R E T", "SECRET//NOFORN", "TOP SECRET",
    "LIMITED OFFICIAL USE", "SECTION 01 OF 02", "TASHKENT 001571", "STATE 000001", "SIPDIS",
    "NOFORN", "SENSITIVE", "NODIS", "E.O. 12958: DECL: 11/05/2019", "E.O. 13526: N/A", "DECL:",
    "TAGS: PREL, PHUM, UZ", "TAGS", "SUBJECT:", "SUBJ:", "REF:", "REF A", "A.", "(A)",
    "CLASSIFIED BY: Ambassador, REASONS 1.4 (B) AND (D)", "Classified By", "1.5", "1.4(b)",
    "1.", "2.", "¶3.", "16.", "12.", "(C)", "(S/NF)", "(SBU)", "(U)", "(TS)", "(C//REL TO USA, GBR)",
    "(U", "C)", "(s/nf)", "para 3", "paras 2-4", "¶ 2", "Summary:", "End Summary.", "Comment:",
    "End Comment.", "Note:", "End note.", "O 050806Z NOV 09", "VZCZC", "PP RUEHC", "DE RUEHNT #1571",
    "ZNY CCCCC", "ZNR UUUUU", "FM AMEMBASSY TASHKENT", "TO SECSTATE WASHDC IMMEDIATE", "INFO",
    "BT", "#1571", "NNNN", "\u2028", "\t", " ", "  ", ":", ".", ",", "/", "//", "-", "(", ")",
    # what renderings and word processors put for blanks, dashes and the pilcrow, and an export's line end
    "\u00a0", "\u202f", "\u2013", "\u2014", "-------", "\u2014\u2014\u2014", "&para;4.", "\u00c2\u00b65.", " \\",
    "JO, EG, RS", "Comment ------- 3. Text", "said so. 4. The",
    # a carriage return alone (a line end), a stray byte-order mark, a zero-width space, a mark
    # after a label, a routing line
    "\r", "\ufeff", "\u200b", "Key points: (S)", "Summary: --", "PASS TO USTR", "(S//NF Kano",
]

piece = st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12))
line = st.lists(piece, max_size=8).map(" ".join)
newline = st.sampled_from(["\n", "\r\n", "\r", "\n\n"])  # "\n\n": an export that doubles each break
cable_text = st.builds(lambda lines, nl: nl.join(lines), st.lists(line, max_size=25), newline)
name = st.sampled_from(["draft.txt", "09TASHKENT1571.txt", "95STATE12345.txt", "-"])

# Cables shaped like drafts, with the slips the fixable rules mend: `16.` for ¶6, numbering
# styles mixed, portion marks that almost parse.
MARKS = ["(C)", "(S/NF)", "(U)", "(SBU)", "C)", "(C", "( S )", "(CONFIDENTIAL)", "(c)", "(s/nf)", "",
         "( c )", "(s )", "(S.NF)", "(S//REL)", "[S]", "{C}", "(S/Rel Pak)"]


@st.composite
def draft(draw):
    lines = [draw(st.sampled_from(["C O N F I D E N T I A L STATE 000001", "SECRET//NOFORN",
                                   "UNCLAS SECTION 01 OF 02 TASHKENT 001571"]))]
    lines += draw(st.lists(st.sampled_from(FRAGMENTS[13:30]), max_size=4))
    for n in range(1, draw(st.integers(1, 14)) + 1):
        style = draw(st.sampled_from(["¶", "", "¶ "]))
        number = draw(st.sampled_from([str(n), str(n), "1" + str(n)]))
        number = number if number.startswith("1") and len(number) > len(str(n)) else style + number
        lines.append(f"{number}. {draw(st.sampled_from(MARKS))} {draw(line)}".rstrip())
        lines += draw(st.lists(line, max_size=2))
    return draw(newline).join(lines) + "\n"


def check_spans(source: Source, result) -> None:
    """Every span lies inside the text, and its line and column agree with its offsets."""
    n = len(source.text)
    spans = []
    for d in result.diagnostics:
        spans.append(d.span)
        if d.fix is not None:
            spans.extend(e.span for e in d.fix.edits)
    for s in spans:
        assert 0 <= s.start <= s.end <= n, s
        assert source.position(s.start) == (s.line, s.col), s
        assert source.position(s.end) == (s.end_line, s.end_col), s


def check_fix(source: Source) -> None:
    first = lint(source, RULES)
    assert not first.internal_errors, first.internal_errors
    check_spans(source, first)
    # one pass changes nothing outside the spans its fixes report
    new_text, applied = apply_edits(source.text, first.diagnostics)
    spans = sorted((e.span.start, e.span.end) for d in first.diagnostics if d.fix for e in d.fix.edits)
    merged: list[list[int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    kept, prev = [], 0
    for a, b in merged:
        kept.append(source.text[prev:a])
        prev = b
    kept.append(source.text[prev:])
    assert re.fullmatch("(?s)" + "(.*?)".join(map(re.escape, kept)), new_text), "text outside the spans changed"
    # where no two fixes overlap, every one was applied: its rule no longer fires at that place
    if applied and len(merged) == len(spans):
        after = lint(Source(path=source.path, text=new_text), RULES)
        edits = sorted((e for d in first.diagnostics if d.fix for e in d.fix.edits), key=lambda e: e.span.start)
        for d in first.diagnostics:
            if d.fix is not None:
                shift = sum(len(e.text) - (e.span.end - e.span.start) for e in edits if e.span.end <= d.span.start)
                assert (d.code, d.span.start + shift) not in {(a.code, a.span.start) for a in after.diagnostics}
    # the whole fix loop: idempotent, and nothing fixable left where it fixed
    once = fix(source, RULES)
    assert not once.internal_errors, once.internal_errors
    if once.fixed_text is None:
        assert applied == 0 or new_text == source.text
        return
    again_src = Source(path=source.path, text=once.fixed_text)
    again = fix(again_src, RULES)
    assert again.fixed_text is None, "fixing twice changed more than fixing once"
    assert [d for d in again.diagnostics if d.fix is not None] == []
    check_spans(again_src, again)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cable_text, name)
def test_arbitrary_text_never_raises(text, path):
    src = Source(path=path, text=text)
    parse_source(src)
    check_fix(src)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(draft(), name)
def test_drafts_with_fixable_slips(text, path):
    check_fix(Source(path=path, text=text))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300))
def test_arbitrary_bytes_decode_or_give_one_line(data):
    try:
        src = decode(data, "x.txt")
    except ReadError as exc:
        msg = str(exc)
        assert msg.startswith("x.txt: ") and "\n" not in msg
        return
    assert b"\x00" not in data or data[:2] in (b"\xff\xfe", b"\xfe\xff")
    check_fix(src)


mutation = st.one_of(
    st.tuples(st.just("flip"), st.integers(0, 10**9), st.integers(0, 255)),
    st.tuples(st.just("delete"), st.integers(0, 10**9), st.integers(1, 3)),
    st.tuples(st.just("duplicate"), st.integers(0, 10**9), st.integers(1, 3)),
)


def mutate(data: bytes, ops) -> bytes:
    for op, where, arg in ops:
        if op == "flip":
            if data:
                i = where % len(data)
                data = data[:i] + bytes([arg]) + data[i + 1:]
            continue
        lines = data.split(b"\n")
        i = where % len(lines)
        if op == "delete":
            del lines[i:i + arg]
        else:
            lines[i:i] = lines[i:i + arg]
        data = b"\n".join(lines)
    return data


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, len(CABLE_BYTES) - 1), st.lists(mutation, min_size=1, max_size=6))
def test_mutated_real_cables(index, ops):
    data = mutate(CABLE_BYTES[index], ops)
    try:
        src = decode(data, CABLES[index].name)
    except ReadError as exc:
        assert "\n" not in str(exc)
        return
    check_fix(src)


def test_real_cables_unmutated():
    for p, data in zip(CABLES, CABLE_BYTES):
        check_fix(decode(data, p.name))


def test_position_agrees_with_line_starts_on_crlf_and_separators():
    text = "a\r\nb\u2028c\nd\n\nf"
    src = Source(path="x", text=text)
    assert src.line_starts == [0, 3, 7, 9, 10]
    assert [src.position(i) for i in (0, 2, 3, 5, 6, 7, 9, 10)] == [
        (1, 1), (1, 3), (2, 1), (2, 3), (2, 4), (3, 1), (4, 1), (5, 1)]
    assert src.lines() == ["a", "b\u2028c", "d", "", "f"]
    assert src.lines() == ["a", "b\u2028c", "d", "", "f"]  # the first call took the kept split
    # a carriage return alone ends a line as well
    src = Source(path="x", text="a\r\nd\re\r\rf")
    assert src.line_starts == [0, 3, 5, 7, 8]
    assert [src.position(i) for i in (4, 5, 6, 8)] == [(2, 2), (3, 1), (3, 2), (5, 1)]
    assert src.lines() == ["a", "d", "e", "", "f"]


def _lines_and_starts(text: str) -> tuple[list[str], list[int]]:
    """Lines and line starts, a character at a time: a line ends at \\r\\n, \\n or \\r."""
    lines, starts, cur, i = [], [0], "", 0
    while i < len(text):
        if text[i] in "\r\n":
            i += 2 if text[i:i + 2] == "\r\n" else 1
            lines.append(cur)
            starts.append(i)
            cur = ""
        else:
            cur += text[i]
            i += 1
    return lines + [cur], starts


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("aZq PARA ¶ÉéÀİßΣσ\u212a\u2028\r\n1.()"), max_size=60))
def test_line_index_and_lowered_text(text):
    """The line index agrees with splitting the text; the lowered copy keeps every offset and
    lowers ASCII letters only."""
    from cablelint.parse import _lowered

    src = Source(path="x", text=text)
    lines, starts = _lines_and_starts(text)
    assert src.line_starts == starts
    assert src.lines() == lines
    low = _lowered(text)
    assert len(low) == len(text)
    assert low == "".join(c.lower() if c.isascii() else c for c in text)


def test_one_fix_pass_leaves_no_malformed_mark_where_it_fixed_one():
    # "( c )": the blanks and the case are mended together, not in two passes
    check_fix(Source(path="d.txt", text="C O N F I D E N T I A L STATE 000001\n1. ( c ) One.\n2. (s ) Two.\n"))


def test_ref_keyword_merged_into_the_classification_line_does_not_raise():
    # Found by the property above: a REF keyword on the classification line itself.
    from cablelint.parse import parse_source
    from cablelint.source import Source

    cable = parse_source(Source(path="x.txt", text="UNCLAS 0 REF:"))
    assert (cable.banner.level, cable.refs) == ("U", ())


_PIECES = ["E.O. 12958", "e.o.13526", "EO 12958", "E. O. 12958", "E O 1295", "TAGS:", "tags PREL", "SUBJ:",
           "Subject :", "REF:", "reftel:", "REFS :", "CLASSIFIED BY", "Clasified by", "classiied  by",
           "C O N F I D E N T I A L", "SECRET", "TOP SECRET", "UNCLAS", "CONFIDENTIAL", "CLASSIFICATION: ",
           "S E C R E T", "0095\t", " SECTION 1", " ROME 001234", "x", " ", ":", "\u00b6", "\u0130", "\u017f",
           "1.", "9", "Z", "\"", "REF", "refer", "subj", "BY", "by", "THE OTHER", "To 2009", "eo", "E.", "O.",
           "\x1c", "\t", "\u212a", "\u0131", "\u00df", "\ufb01", "\u00e9", "\u2019", "\u00a0"]


def test_every_character_taken_for_an_ascii_letter_is_known():
    """The keyword prefilter upper-cases non-ASCII lines only when none of these is in them."""
    import re as re_module

    from cablelint.parse import _FOLDS_TO_ASCII

    letter = re_module.compile("[a-z]", re_module.I)
    found = {chr(c) for c in range(0x80, 0x110000) if letter.fullmatch(chr(c))}
    assert found == set(_FOLDS_TO_ASCII)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=8).map("".join), st.integers(0, 3))
def test_keyword_prefilters_agree_with_the_patterns(text, pos):
    """The cheap tests before the front-keyword and inner-classification patterns never hide a match."""
    from cablelint import parse

    def same(a, b):
        return (a and (a.span(), a.lastgroup)) == (b and (b.span(), b.lastgroup))

    assert same(parse.front_keyword(text, pos), parse.RE_FRONT_KEYWORD.search(text, pos))
    assert [m.span() for m in parse.front_keywords(text, pos)] == [
        m.span() for m in parse.RE_FRONT_KEYWORD.finditer(text, pos)]
    assert same(parse._banner_inside(text), parse.RE_BANNER_INSIDE.search(text))
    long = (text + " ") * (300 // (len(text) + 1) + 1)  # a merged line: its answers are not kept
    assert len(long) > 300
    for _ in range(2):  # asked again, a kept answer
        assert [m.span() for m in parse.front_keywords(long, pos)] == [
            m.span() for m in parse.RE_FRONT_KEYWORD.finditer(long, pos)]
        assert [m.span() for m in parse.front_keywords(text, pos)] == [
            m.span() for m in parse.RE_FRONT_KEYWORD.finditer(text, pos)]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["x", ".", ". ", "!", "\u201d", ")", "-", " ", "\t", "  ", "\u00b6", "\u00b6 ", "1", "23",
                                 "4567", "\u0663", ".(", "(C)", "(S/NF)", "(U)", "(TS)", "(SBU)", "(X)", "(C", "(",
                                 "(c)", "( S )", "(sbu/nf)", "(SECRET)", "(Cx)"]),
                max_size=14).map("".join), st.integers(0, 4))
def test_inline_number_search_agrees_with_the_patterns(text, start):
    from cablelint import parse

    found = [*parse.RE_INLINE_PARA.finditer(text, start), *parse.RE_INLINE_BARE.finditer(text, start)]
    assert [m.span() for m in parse._inline_numbers(text, start)] == sorted(m.span() for m in found)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["A", "Z", "a", " ", "  ", "0", "1", "001571", "12345", "1234567", "\u0663", "\u00c9",
                                 "TASHKENT", "\n", "\t"]), max_size=8).map("".join))
def test_the_serial_at_a_line_end_is_found_as_the_pattern_finds_it(text):
    import re

    from cablelint.parse import _ends_with_serial

    assert _ends_with_serial(text) == (re.search(r"[A-Z] \d{6}$", text) is not None and not text.endswith("\n"))


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(["classified", "ref", None]),
       st.lists(st.sampled_from(["1.", "1. ", "(C)", "(c)", ")", " ", "  ", "\t", "\r", ".", "x", "reasons 1.4 (b)",
                                 "--", "\u00b6", "5.", "(S/NF)"]), max_size=10).map("".join))
def test_the_first_paragraph_inside_a_line_is_found_as_the_patterns_find_it(kind, text):
    from cablelint import parse

    assert parse._paragraph_begins_inside(kind, text) == (
        (kind == "classified" and parse.RE_TRAILING_PARA.search(text) is not None)
        or parse.RE_FIRST_INLINE.search(text) is not None)


def test_large_text_is_lowered_a_piece_at_a_time_with_the_same_result(monkeypatch):
    from cablelint import parse

    text = "PARA 7 \u00b6 \u00c9T\u00c9 Summary \u0130 \u212a " * 50
    whole = parse._lowered(text)
    monkeypatch.setattr(parse, "_LOWER_PIECE", 7)
    assert parse._lowered(text) == whole == "".join(c.lower() if c.isascii() else c for c in text)


@pytest.mark.parametrize("line", ["\u00b61. (C) 1. (S//NF Kano (C)", "1. (C) A. 2. (S/NF (C) B.",
                                  "Classified By: X, reasons 1.4 (b) 1. (S/NF (C)"])
def test_a_parenthesis_inside_a_mark_after_a_number_inside_a_line_does_not_raise(line):
    # Found by the properties above: "2. (S/NF (C)" looks ahead as a mark, but no mark parses there
    check_fix(Source(path="x.txt", text=f"C O N F I D E N T I A L STATE 000001\n{line}\n"))
