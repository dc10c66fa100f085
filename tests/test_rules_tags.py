"""TAG: TAGS, SUBJECT and REF; and the REF list and citations the builder reads for them."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import diagnostics, source
from cablelint.parse import parse_source

AS_OF = date(2009, 11, 5)
HEAD = "C O N F I D E N T I A L TASHKENT 001571\nE.O. 12958: DECL: 11/05/2019\n"


def tag(text, code="TAG"):
    return [(d.code, d.span.line, d.span.col, d.message) for d in diagnostics(text, [code], AS_OF)]


def test_complete_front_matter_is_quiet():
    text = HEAD + "TAGS: PREL PHUM KDEM UZ\nSUBJECT: Talks\nREF: TASHKENT 281\n1. (C) As reftel said.\n"
    assert tag(text) == []


# ---- TAG001

def test_missing_tags_is_reported_at_the_subject():
    assert tag(HEAD + "SUBJECT: Talks\n1. (C) Text.\n", "TAG001") == [
        ("TAG001", 3, 1, "the cable has no TAGS line, e.g. TAGS: PREL PGOV UZ")]


def test_empty_tags_line():
    assert tag(HEAD + "TAGS:\nSUBJECT: Talks\n1. (C) Text.\n", "TAG001") == [
        ("TAG001", 3, 1, "the TAGS line names no TAG, e.g. TAGS: PREL PGOV UZ")]


# ---- TAG002

@pytest.mark.parametrize("tags, col, message", [
    ("PREL PARMS IR", 12, "PARMS is not a known TAG (subject TAG, K-TAG, geographic code or "
     "organization); did you mean PARM?"),
    ("PREL RU UZ", 12, "RU is not a known TAG (subject TAG, K-TAG, geographic code or "
     "organization); the geographic TAG for Russia is RS"),
    ("ETRDEINVPGOVCS", 7, "ETRDEINVPGOVCS is not a known TAG (subject TAG, K-TAG, geographic code "
     "or organization); it reads as ETRD EINV PGOV CS run together"),
    ("OVIP BIDEN PREL", 12, "BIDEN is not a known TAG (subject TAG, K-TAG, geographic code or "
     "organization); TAGS are codes (PREL, KCRM, UZ), and a person is written in parentheses: "
     "OVIP (RICE, CONDOLEEZZA)"),
])
def test_unknown_tags(tags, col, message):
    assert tag(HEAD + f"TAGS: {tags}\nSUBJECT: Talks\n", "TAG002") == [("TAG002", 3, col, message)]


@pytest.mark.parametrize("tags", [
    "PREL, PGOV, UZ",                       # commas
    "[PREL](#) [PHUM](#) [UZ](#)",          # a web rendering's links
    "OVIP (RICE, CONDOLEEZZA) PREL SP",     # a person in parentheses
    "PREL KZZZ XF NATO UNSC EUN IAEA",      # any K-TAG, a regional code, organizations
])
def test_known_tags(tags):
    assert tag(HEAD + f"TAGS: {tags}\nSUBJECT: Talks\n", "TAG002") == []


def test_tags_going_on_in_the_line_below_are_read():
    # 07TELAVIV2652: "TAGS: PREL PTER MARR MASS KNNP UNSC PK IR IZ ZP" / "JO, EG, RS, CH, LE, SY, IS"
    text = HEAD + "TAGS: IR IZ ZP\nJO, EGG, (DOE, JOHN) RS \\\nSUBJECT: Talks\n"
    cable = parse_source(source(text))
    assert [t.text for t in cable.tags.items] == ["IR", "IZ", "ZP", "JO", "EGG", "(DOE, JOHN)", "RS"]
    s = cable.tags.span
    assert (s.line, s.col, s.end_line, s.end_col) == (3, 1, 4, 24)
    assert [t[:3] for t in tag(text, "TAG002")] == [("TAG002", 4, 5)]  # EGG
    text = text.replace("EGG", "EG")
    assert tag(text, "TAG003") == [("TAG003", 3, 1, "TAGS has no subject TAG (such as PREL, ECON, PHUM), "
                                    "only geographic codes and names")]
    assert tag(text.replace("JO, EG", "JO, PREL"), "TAG003") == []  # the subject TAG below counts


@pytest.mark.parametrize("below", ["UNCLAS SECTION 01 OF 02 MEXICO 003832", "PASS TO USTR FOR MARY SULLIVAN",
                                   "", "SIPDIS", "PASS TO USTR", "NSC FOR HADLEY"])
def test_a_line_below_tags_that_is_no_run_of_tags_is_not_read_as_tags(below):
    cable = parse_source(source(HEAD + f"TAGS: PREL MX\n{below}\nSUBJECT: Talks\n"))
    assert [t.text for t in cable.tags.items] == ["PREL", "MX"]


def test_former_subject_tags_of_older_cables_are_subject_tags_never_suggested():
    text = "C O N F I D E N T I A L STATE 123456\nE.O. 12356: DECL: OADR\nTAGS: PFOR, PINT, SHUM, FR\nSUBJECT: Talks\n"
    assert tag(text, "TAG002") == tag(text, "TAG003") == []
    # PINF is as near to PINT (former) as to PINS: the current TAG is the one suggested
    assert tag(HEAD + "TAGS: PINF UZ\nSUBJECT: Talks\n", "TAG002") == [(
        "TAG002", 3, 7, "PINF is not a known TAG (subject TAG, K-TAG, geographic code or organization); "
        "did you mean PINS?")]


def test_lower_case_tags_are_looked_up_in_upper_case():
    assert tag(HEAD + "TAGS: prel, pter, uz\nSUBJECT: Talks\n", "TAG002") == []


# ---- TAG003

def test_only_geographic_codes():
    assert tag(HEAD + "TAGS: UZ RS\nSUBJECT: Talks\n", "TAG003") == [
        ("TAG003", 3, 1, "TAGS has no subject TAG (such as PREL, ECON, PHUM), only geographic codes")]


def test_programs_and_places_without_subject():
    assert tag(HEAD + "TAGS: KDEM UZ NATO\nSUBJECT: Talks\n", "TAG003") == [
        ("TAG003", 3, 1, "TAGS has no subject TAG (such as PREL, ECON, PHUM), only K-TAGs and "
         "geographic codes and organizations")]


def test_an_unknown_tag_is_left_to_tag002():
    assert tag(HEAD + "TAGS: PARMS UZ\nSUBJECT: Talks\n", "TAG003") == []


# ---- TAG004

def test_missing_subject_is_reported_at_the_tags():
    assert tag(HEAD + "TAGS: PREL UZ\n1. (C) Text.\n", "TAG004") == [
        ("TAG004", 3, 1, "the cable has no SUBJECT line")]


# ---- TAG005

FRONT = HEAD + "TAGS: PREL UZ\nSUBJECT: Talks\n"


def test_cited_label_not_in_the_list():
    text = FRONT + "REF: A. TASHKENT 281\n     B. TASHKENT 290\n1. (C) As ref C said, refs A and B too.\n"
    assert tag(text, "TAG005") == [
        ("TAG005", 7, 11, "the text cites ref C but the REF list has only A and B")]


def test_a_hyphenated_word_after_ref_cites_no_label():
    # a cable in capitals: "REF E-MAIL" is no citation of ref E; "REFS A-C" still is
    text = (FRONT + "REF: A. STATE 1\n     B. STATE 2\n     C. STATE 3\n"
            "1. (C) REF E-MAIL FORWARDED THE TEXT; SEE REFS A-C AND REF D.\n")
    assert tag(text, "TAG005") == [
        ("TAG005", 8, 56, "the text cites ref D but the REF list has only A, B and C")]


@pytest.mark.parametrize("sign", ["\u00b6", "&para;", "&#182;", "\u00c2\u00b6", ""])
def test_ref_labels_below_with_the_pilcrow_as_an_export_wrote_it(sign):
    # a web rendering puts "¶" before the labels below the first; others wrote it as an entity,
    # or decoded it twice ("Â¶"); blank lines between them
    text = (FRONT + f"REF: A. STATE 1\n\n     {sign}B. STATE 2\n\n     {sign}C. STATE 3\n\n"
            "1. (C) As ref C and ref D said.\n")
    cable = parse_source(source(text))
    assert [(r.label, r.text, r.span.line) for r in cable.refs] == [
        ("A", "STATE 1", 5), ("B", "STATE 2", 7), ("C", "STATE 3", 9)]
    assert tag(text, "TAG005") == [("TAG005", 11, 21, "the text cites ref D but the REF list has only A, B and C")]


def test_reftel_without_a_ref_line_is_reported_once():
    text = FRONT + "1. (C) As reftel said.\n2. (C) And reftel again, ref B too.\n"
    assert tag(text, "TAG005") == [
        ("TAG005", 5, 11, "the text cites a reference (reftel) but the cable has no REF line")]


def test_unlabelled_list_is_read_by_position():
    text = FRONT + "REF: STATE 12; BOGOTA 34\n1. (C) Per refs A and B, and ref C.\n"
    assert tag(text, "TAG005") == [
        ("TAG005", 6, 30, "the text cites ref C but the REF line lists 2 unlabelled references")]


@pytest.mark.parametrize("line,refs", [
    ("REF. STATE 184178", [(None, "STATE 184178")]),
    ("REF.: BRASILIA 03286 AND PREVIOUS", [(None, "BRASILIA 03286 AND PREVIOUS")]),
    ("REF BRASILIA 1837", [(None, "BRASILIA 1837")]),
    ("REFS A) 07 REYKJAVIK 308  B) STATE 563", [("A", "07 REYKJAVIK 308"), ("B", "STATE 563")]),
])
def test_ref_line_without_its_colon(line, refs):
    # older cables: "REF." or "REF" before a label or a cable's post and number
    text = FRONT + line + "\n\n1. (C) As reftel said, and ref A.\n"
    assert [(r.label, r.text) for r in parse_source(source(text)).refs] == refs
    assert tag(text, "TAG005") == []  # ref A: the first of an unlabelled list


@pytest.mark.parametrize("lines", [
    "REFTELS: A. STATE 12\n     B. PARIS 34",
    "REFERENCES: A. STATE 12\n     B. PARIS 34",
    "References: A) STATE 12 B) PARIS 34",
    "REF A: STATE 12\nREF B: PARIS 34",
    "REF: A: STATE 12\n     B: PARIS 34",
    "REF: A)STATE 12  B)PARIS 34",  # 01HAVANA4690: no blank after the parenthesis
])
def test_other_spellings_of_the_ref_keyword_and_labels(lines):
    text = FRONT + lines + "\n\n1. (C) As refs A and B said, and ref C.\n"
    assert [(r.label, r.text) for r in parse_source(source(text)).refs] == [("A", "STATE 12"), ("B", "PARIS 34")]
    line = FRONT.count("\n") + lines.count("\n") + 3
    assert tag(text, "TAG005") == [
        ("TAG005", line, 34, "the text cites ref C but the REF list has only A and B")]


def test_a_c_mark_below_a_ref_list_is_a_paragraph_s_mark_unless_the_list_writes_its_labels_so():
    # 08REYKJAVIK138's shape: "Refs: A) ... B) ...", a blank line, then an unnumbered "(SBU) ..."
    # paragraph; written "(C) ..." it was read as reference C, and the mark above the banner lost
    head = "UNCLAS REYKJAVIK 000138\nE.O. 12958: N/A\nTAGS: AORC IC\nSUBJECT: Iceland\n\n"
    text = head + "Refs: A) STATE 66814  B) REYKJAVIK 135\n\n(C) Ingibjorg D., Acting Head, said so.\n"
    cable = parse_source(source(text))
    assert [r.label for r in cable.refs] == ["A", "B"]
    assert [(i.mark.raw, i.mark.span.line, i.mark.span.col) for i in cable.items] == [("(C)", 8, 1)]
    assert [(d.code, d.span.line, d.span.col) for d in diagnostics(text, ["BAN002"], AS_OF)] == [
        ("BAN002", 8, 1)]
    same = head + "REF: (A) STATE 66814 (B) REYKJAVIK 135\n\n(C) REYKJAVIK 140\n"
    assert [(r.label, r.text) for r in parse_source(source(same)).refs] == [
        ("A", "STATE 66814"), ("B", "REYKJAVIK 135"), ("C", "REYKJAVIK 140")]


def test_a_ref_keyword_merged_onto_the_subject_line_ends_the_subject():
    text = FRONT.replace("SUBJECT: Talks\n", "SUBJECT: TEN CHALLENGES   REFTELS: AS NOTED IN TEXT\n") + \
        "\n1. (C) Text.\n"
    cable = parse_source(source(text))
    assert cable.subject.text == "TEN CHALLENGES"
    assert [(r.label, r.text) for r in cable.refs] == [(None, "AS NOTED IN TEXT")]


@pytest.mark.parametrize("line", ["REFORM OF THE COURTS 2009", "Ref B was Post's answer to 12 questions",
                                  "REFUGEES IN CAMP 12"])
def test_words_that_begin_with_ref_are_no_ref_line(line):
    text = FRONT.replace("SUBJECT: Talks\n", "") + "SUBJECT: Talks on\n" + line + "\n\n1. (C) Text.\n"
    c = parse_source(source(text))
    assert (c.refs, c.ref_line_span) == ((), None)


def test_range_reports_the_missing_labels_once():
    text = FRONT + "REF: A. STATE 12\n1. (C) See reftels A-C.\n"
    assert tag(text, "TAG005") == [
        ("TAG005", 6, 22, "the text cites refs B and C but the REF list has only A")]  # at "C"


LONG_REF = "REF: A. STATE 1 B. STATE 2 C. STATE 3 D. STATE 4 E. STATE 5 F. STATE 6 G. STATE 7\n" \
    "     H. STATE 8\n     I. STATE 9\n     J. STATE 10 K. STATE 11\n"


def test_a_list_past_h_is_read_to_its_last_label_and_cited_so():
    text = FRONT + LONG_REF + "1. (C) As refs I and K said, and (ref J), but not ref L.\n"
    cable = model(text)
    assert [r.label for r in cable.refs] == list("ABCDEFGHIJK")
    assert [(r.label, r.text) for r in cable.refs[-3:]] == [("I", "STATE 9"), ("J", "STATE 10"), ("K", "STATE 11")]
    assert [c.label for c in cable.citations] == ["I", "K", "J", "L"]
    assert tag(text, "TAG005") == [("TAG005", 9, 51, "the text cites ref L but the REF list has only A-K")]


def test_a_label_past_h_that_does_not_come_next_is_text_and_a_short_list_cites_to_h():
    cable = model(FRONT + "REF: A. STATE 12 B. PARIS 34 K. 56\n\n1. (C) Per reftel I was told so.\n")
    assert [(r.label, r.text) for r in cable.refs] == [("A", "STATE 12"), ("B", "PARIS 34 K. 56")]
    assert [c.label for c in cable.citations] == [None]  # "reftel", not "reftel I"


def test_real_lists_past_h():
    from conftest import CORPUS

    for name, last in (("06TEGUCIGALPA526", "O"), ("06ABUDHABI1401", "K"), ("05NEWDELHI9319", "I")):
        text = (CORPUS / f"{name}.txt").read_text(encoding="utf-8")
        assert model(text).refs[-1].label == last
        assert tag(text, "TAG005") == []


# ---- the REF list and citations in the model

def model(text):
    return parse_source(source(text))


def test_ref_labels_after_blank_lines_and_pilcrows():
    cable = model(FRONT + "REF: A. SAN JOSE 003\n\n     ¶B. SAN JOSE 1891 (NOTAL)\n"
                          "     (C )SAN JOSE 01693\n     D.07 MANAMA 1070 E. 07 MANAMA 1045\n\n"
                          "1. (C) Text.\n")
    assert [(r.label, r.text) for r in cable.refs] == [
        ("A", "SAN JOSE 003"), ("B", "SAN JOSE 1891 (NOTAL)"), ("C", "SAN JOSE 01693"),
        ("D", "07 MANAMA 1070"), ("E", "07 MANAMA 1045")]


def test_lower_case_ref_labels_with_a_period():
    # 09NAIROBI1938 (a lower-cased copy): "Ref: a. 08 state 81854" / "b. Td-314/014437-09" / "c. Nairobi 1830"
    cable = model(FRONT + "REF: a. 08 STATE 81854\nb. TD-314/014437-09\nc. Nairobi 1830\n\n1. (C) Text.\n")
    assert [(r.label, r.text) for r in cable.refs] == [
        ("A", "08 STATE 81854"), ("B", "TD-314/014437-09"), ("C", "Nairobi 1830")]
    prose = model(FRONT + "REF: STATE 12, as discussed at a. meeting\n\n1. (C) Text.\n")
    assert [r.label for r in prose.refs] == [None]
    from conftest import CORPUS
    nairobi = (CORPUS / "09NAIROBI1938.txt").read_text(encoding="utf-8")
    assert tag(nairobi, "TAG005") == []


def test_ref_list_below_an_empty_ref_keyword():
    cable = model(FRONT[:-1] + " REF:\n\nA) RIO DE JANEIRO 35,\nB) 07 SAO PAULO 0953\n\n1. (C) Text.\n")
    assert [r.label for r in cable.refs] == ["A", "B"]


def test_ref_line_followed_by_classified_by_on_the_same_line():
    cable = model(FRONT + "REF: A. MANAMA 298\n     ¶B. MANAMA 237 Classified By: CDA Henzel, "
                          "reasons 1.4(b) and (d).\n\n1. (C) Text.\n")
    assert [r.label for r in cable.refs] == ["A", "B"]
    assert cable.authority is not None and cable.authority.letters == ("b", "d")


@pytest.mark.parametrize("ref_line, items", [
    ("REF: STATE 12; BOGOTA 34; 09 LIMA 899", ["STATE 12", "BOGOTA 34", "09 LIMA 899"]),
    ("REF: BARCELONA 0009, MADRID 0113", ["BARCELONA 0009", "MADRID 0113"]),
    ("REF: SAO PAULO 433 SAO PAULO 421 2008 SAO PAULO 542",
     ["SAO PAULO 433", "SAO PAULO 421", "2008 SAO PAULO 542"]),
    ("REF: HENZEL-GRAY E-MAIL OF FEBRUARY 6", ["HENZEL-GRAY E-MAIL OF FEBRUARY 6"]),
])
def test_unlabelled_ref_items(ref_line, items):
    assert [(r.label, r.text) for r in model(FRONT + ref_line + "\n\n1. (C) Text.\n").refs] == \
        [(None, item) for item in items]


@pytest.mark.parametrize("body, labels", [
    ("see refs A and B).", ["A", "B"]),
    ("(reftels A-C)", ["A", "B", "C"]),
    ("(ref a) and ref b).", ["A", "B"]),
    ("in ref a meeting", [None]),
    ("ref. B, and REFTEL.", ["B", None]),
    ("PER REF A, E.G. THE", ["A"]),
    ("(Ref A), C", ["A"]),
    ("Ref e-mail forwarded", [None]),
    ("a preferred reform", []),
])
def test_citations(body, labels):
    assert [c.label for c in model(FRONT + "REF: A. X 1\n1. (C) " + body + "\n").citations] == labels


def _near_tag():
    """A known TAG with one letter changed, dropped, added or two swapped: the words a hint is for."""
    from cablelint.rules.tags import vocabulary

    def edit(tag, op, i, ch):
        i %= len(tag) + 1
        if op == "change":
            return tag[:i] + ch + tag[i + 1:]
        if op == "drop":
            return tag[:i] + tag[i + 1:]
        if op == "add":
            return tag[:i] + ch + tag[i:]
        return tag[:i] + tag[i + 1:i + 2] + tag[i:i + 1] + tag[i + 2:]

    return st.builds(edit, st.sampled_from(sorted(vocabulary())), st.sampled_from(["change", "drop", "add", "swap"]),
                     st.integers(0, 6), st.sampled_from("ABCDEINORSTU")).filter(bool)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ABCDEFGHIKLMNOPRSTUVZ", min_size=1, max_size=9) | _near_tag())
def test_closest_tag_is_what_difflib_gives_over_every_tag(word):
    import difflib

    from cablelint.rules.tags import HINT_CUTOFF, _closest_tag, suggestible

    every = [t for t in suggestible() if len(t) >= min(len(word), 4)]
    assert [_closest_tag(word)] == (difflib.get_close_matches(word, every, n=1, cutoff=HINT_CUTOFF) or [None])
