"""CAB rules: Classified By and its reason, against the cable's date and era."""

from datetime import date

import pytest

from cablelint.parse import parse_source

from conftest import diagnostics, source

AS_OF = date(2009, 11, 5)
BY = "Classified By: Ambassador Jane Doe, reasons 1.4 (b) and (d)"


def cable(by=BY, dtg=None, banner="C O N F I D E N T I A L STATE 000001", body="1. (C) Text."):
    head = f"{dtg}\n" if dtg else ""
    return f"{head}{banner}\nE.O. 12958: DECL: 11/05/2019\nTAGS: PREL\nSUBJECT: (U) Talks\n\n{by}\n\n{body}\n"


def found(text, code, as_of=AS_OF, path="draft.txt"):
    return [(d.code, d.span.line, d.span.col, d.severity.label, d.message)
            for d in diagnostics(text, [code], as_of, path)]


# ---------------------------------------------------------------- the model


def test_reason_wrapped_onto_the_next_line():
    text = cable(by="Classified By: Charge Milton K. Drucker, reasons 1.4\n(b) and (d)")
    a = parse_source(source(text)).authority
    assert (a.by, a.section, a.letters) == ("Charge Milton K. Drucker", "1.4", ("b", "d"))
    s = a.reason_span
    assert (s.line, s.col, s.end_line, s.end_col) == (6, 50, 7, 12)


@pytest.mark.parametrize("indent", ["", "  ", "\t"])
def test_reason_on_an_indented_next_line(indent):
    # 05PARIS482: "...JOSIAH ROSENBLATT, FOR REAS" / "ONS 1.4 B/D", in a text indented throughout
    by = f"{indent}Classified By: COUNSELOR JOSIAH ROSENBLATT, FOR REAS\n{indent}ONS 1.4 B/D"
    a = parse_source(source(cable(by=by))).authority
    assert (a.section, a.letters) == ("1.4", ("b", "d"))
    s = a.reason_span
    assert (s.line, s.col, s.end_line, s.end_col) == (7, len(indent) + 5, 7, len(indent) + 12)
    assert found(cable(by=by), "CAB002") == []


def test_reason_after_a_blank_line_and_split_section():
    a = parse_source(source(cable(by="Classified By: Counselor Aubrey Carlson. Reasons\n\n1.4 (b) and (d)."))).authority
    assert (a.section, a.letters) == ("1.4", ("b", "d"))
    a = parse_source(source(cable(by="Classified By: Counselor Aubrey Carlson. Reasons 1.\n4 (b/d)."))).authority
    assert (a.section, a.letters) == ("1.4", ("b", "d"))


@pytest.mark.parametrize("reason,letters", [
    ("for reasons 1.4 (b) and (d).", ("b", "d")),
    ("; REASON: 1.4(B), (D)", ("b", "d")),
    ("reasons 1.5 (B,D)", ("b", "d")),
    ("reasons 1.4 b and d", ("b", "d")),
    ("DUE TO 1,4 (C) AND (D)", ("c", "d")),
    ("for reasons 1.4. (b) & (d) .", ("b", "d")),
    ("reason 1.4,  a/b/c/d.", ("a", "b", "c", "d")),
    ("REASONS 1.4 (B), (C), AND (D)", ("b", "c", "d")),
    ("Reasons 1.4 (a)(b)(c), and  (d)", ("a", "b", "c", "d")),
])
def test_reason_spellings(reason, letters):
    a = parse_source(source(cable(by=f"Classified By: Ambassador Jane Doe{reason}"))).authority
    assert a.letters == letters


def test_truncated_line_is_replaced_by_a_later_full_copy():
    text = ("C O N F I D E N T I A L STATE 000001\nE.O. 12958: DECL: 11/05/2019\n"
            "Classified By: Ambassado...\n\nSIPDIS\nE.O. 12958: DECL: 11/05/2019\n"
            "Classified By: Ambassador Jane Doe, reasons 1.4 (d)\n\n1. (C) Text.\n")
    a = parse_source(source(text)).authority
    assert (a.by, a.letters, a.span.line, a.cut_off) == ("Ambassador Jane Doe", ("d",), 7, False)


SPLIT_HEAD = "C O N F I D E N T I A L STATE 000001\nE.O. 12958: DECL: 11/05/2019\nTAGS: PREL\n"


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_keyword_split_by_a_reflowed_line_break(gap):
    # "SUBJECT: ... WELCOME CLASSIFIED" / blank / "BY: ...": the line broke inside the keyword
    text = (SPLIT_HEAD + f"SUBJECT: (U) Businessmen Are Welcome CLASSIFIED{gap}"
            "BY: Gene A. Cretz, Ambassador. REASON: 1.4 (b), (d) 1.(C) Summary: Text.\n\n2. (C) Text.\n")
    c = parse_source(source(text))
    by_line = 4 + gap.count("\n")
    assert c.subject.text == "(U) Businessmen Are Welcome"
    a = c.authority
    assert (a.by, a.section, a.letters) == ("Gene A. Cretz, Ambassador", "1.4", ("b", "d"))
    assert (a.span.line, a.span.col, a.span.end_line) == (4, 38, by_line)
    assert (a.reason_span.line, a.reason_span.col) == (by_line, 40)
    assert [(p.written, p.number_span.line) for p in c.paragraphs] == [("1", by_line), ("2", by_line + 2)]
    assert found(text, "CAB001") == [] and found(text, "CAB002") == []


def test_a_line_ending_in_classified_without_by_below_is_text():
    text = SPLIT_HEAD + "SUBJECT: (U) Papers Found CLASSIFIED\n\nBYELORUSSIA Asks.\n\n1. (C) Text.\n"
    c = parse_source(source(text))
    assert (c.subject.text, c.authority) == ("(U) Papers Found CLASSIFIED", None)
    assert [f[0] for f in found(text, "CAB001")] == ["CAB001"]


# ---------------------------------------------------------------- CAB001


def test_cab001_classified_without_classified_by():
    text = cable(by="")
    assert found(text, "CAB001") == [(
        "CAB001", 1, 1, "error",
        "the cable is CONFIDENTIAL but has no Classified By line (the classifier's name and "
        "position, and the reason)")]


def test_cab001_quiet_on_unclassified_and_before_e1():
    assert found(cable(by="", banner="UNCLAS STATE 000001", body="1. (U) Text."), "CAB001") == []
    assert found(cable(by="", dtg="P 111046Z OCT 90"), "CAB001") == []


def test_cab001_warns_on_an_undated_draft():
    assert [f[3] for f in found(cable(by=""), "CAB001", as_of=None)] == ["warning"]


def test_cab001_classified_by_in_the_first_paragraph():
    text = cable(by="", body="1. (U) Classified by EUR A/S Daniel Fried. Reason\n1.4(b) and (d).\n\n2. (C) Text.")
    assert found(text, "CAB001") == []
    assert found(text, "CAB002") == []


# ---------------------------------------------------------------- CAB002


def test_cab002_no_reason():
    assert found(cable(by="Classified By: RSO John Doe"), "CAB002") == [(
        "CAB002", 6, 1, "error",
        "Classified By gives no reason: cite the category, e.g. Reason: 1.4 (b) and (d)")]


def test_cab002_section_without_letters():
    assert found(cable(by="Classified By: Charge d'Affaires Lisa Kubiske. Reason: 1.4"), "CAB002") == [(
        "CAB002", 6, 56, "error", "the reason cites section 1.4 but no category letter (a)-(h)")]


@pytest.mark.parametrize("by", [
    "Classified By: Ambassador Jane Doe for reasons 1.4 (b) and\n(d).",
    "Classified By: AMBASSADOR EARL ANTHONY WAYNE,\n\nFOR REASONS 1.4 (B) AND (D)",
    "Classified By: Derived from Multiple Sources",
    "Classified By: Ambassado...",
    "DERIVED FROM: DSCG 05-1 B, D",
    "Derived From: Multiple Sources",
])
def test_cab002_quiet(by):
    assert found(cable(by=by), "CAB002") == []


def test_a_derived_from_line_is_the_authority_of_a_derivative_classification():
    # 10LIMA97: "DERIVED FROM: DSCG 05-1 B, D" alone, between the REF line and paragraph 1
    text = cable(by="DERIVED FROM: DSCG 05-1 B, D")
    a = parse_source(source(text)).authority
    assert (a.by, a.derived, a.letters, a.span.line, a.span.col) == ("DSCG 05-1 B, D", True, (), 6, 1)
    assert [d.code for d in diagnostics(text, ["CAB"], AS_OF)] == []
    from conftest import CORPUS
    lima = (CORPUS / "10LIMA97.txt").read_text(encoding="utf-8")
    assert [d.code for d in diagnostics(lima, ["CAB001", "CAB002"], AS_OF)] == []


def test_derived_from_in_prose_is_no_authority():
    text = cable(by="The estimate is derived from: the results of ground testing.")
    assert parse_source(source(text)).authority is None
    assert [d.code for d in diagnostics(cable(by="Derived from the results of ground tests"), ["CAB001"], AS_OF)] == [
        "CAB001"]


def test_cab002_leaves_unclassified_cables_to_cab005():
    text = cable(by="Classified By: RSO John Doe", banner="UNCLAS STATE 000001", body="1. (U) Text.")
    assert found(text, "CAB002") == []


# ---------------------------------------------------------------- CAB003


@pytest.mark.parametrize("dtg,section,expected", [
    ("O 210806Z SEP 03", "1.5", []),
    ("O 220806Z SEP 03", "1.5", ["warning"]),   # the first day of E2, but within days of it
    ("O 011200Z OCT 03", "1.5", ["error"]),
    ("O 050806Z NOV 09", "1.5", ["error"]),
    ("O 220806Z SEP 03", "1.4", []),
    ("O 210806Z SEP 03", "1.4", ["warning"]),   # E.O. 13292 signed, directive not yet in force
    ("O 011200Z JUN 03", "1.4", ["warning"]),
    ("O 011200Z MAR 03", "1.4", ["error"]),
    ("O 011200Z MAR 01", "1.5", []),
    ("O 011200Z MAR 95", "1.4", []),            # E0: earlier orders
    ("O 260806Z JUN 10", "1.4", []),
    ("O 270806Z JUN 10", "1.4", []),
])
def test_cab003_section_by_era(dtg, section, expected):
    text = cable(by=f"Classified By: Ambassador Jane Doe, reasons {section} (b) and (d)", dtg=dtg)
    assert [f[3] for f in found(text, "CAB003")] == expected


def test_cab003_message_and_span():
    text = cable(by="Classified By: Ambassador Jane Doe, reasons 1.5 (b) and (d)", dtg="O 050806Z NOV 09")
    assert found(text, "CAB003") == [(
        "CAB003", 7, 45, "error",
        "the reason cites section 1.5, which held the categories only until 2003-09-21; from "
        "2003-09-22 cite 1.4 with the same letters")]
    text = cable(by="Classified By: CA Don Lu, Reasons 1.2 (b,d)", dtg="O 050806Z NOV 09")
    assert found(text, "CAB003") == [(
        "CAB003", 7, 35, "error",
        "the reason cites section 1.2; the classification categories are in section 1.4")]


def test_cab003_reference_id_dates():
    text = cable(by="Classified By: Ambassador Jane Doe, reasons 1.5 (b) and (d)")
    assert [f[3] for f in found(text, "CAB003", path="04AMMAN1288.txt")] == ["error"]
    # 2003 holds both eras: a cable dated by its year alone gets the benefit of the doubt
    assert found(text, "CAB003", path="03ANKARA4767.txt") == []
    text = cable(by="Classified By: Ambassador Jane Doe, reasons 1.4 (b) and (d)")
    assert found(text, "CAB003", path="03ANKARA4767.txt") == []


# ---------------------------------------------------------------- CAB004


def test_cab004_letter_outside_a_to_h():
    text = cable(by="Classified By: Ambassador Jane Doe, reasons 1.4 (b) and (k)")
    assert found(text, "CAB004") == [(
        "CAB004", 6, 45, "error",
        "reason (k) is not a classification category: the categories are (a)-(h)")]


@pytest.mark.parametrize("dtg,expected", [
    ("O 011200Z MAR 01", ["error"]),
    ("O 011200Z JUN 03", ["warning"]),
    ("O 011200Z OCT 03", []),
    ("O 011200Z MAR 95", []),
])
def test_cab004_h_by_era(dtg, expected):
    text = cable(by="Classified By: Ambassador Jane Doe, reasons 1.5 (b) and (h)", dtg=dtg)
    assert [f[3] for f in found(text, "CAB004")] == expected


def test_cab004_and_between_letters_is_no_letter():
    text = cable(by="Classified By: ISN A/S PATRICIA MCNERNEY, REASONS 1.4 (B), (C), AND (D)")
    assert found(text, "CAB004") == []


# ---------------------------------------------------------------- CAB005


def test_cab005_authority_on_unclassified():
    text = cable(banner="UNCLAS STATE 000001", body="1. (U) Text.")
    assert found(text, "CAB005") == [(
        "CAB005", 6, 1, "warning",
        "Classified By on an unclassified cable: either the banner or the Classified By line is wrong")]
    assert found(cable(), "CAB005") == []


def test_a_number_in_the_text_below_is_no_reason():
    text = cable(by="Classified By: RSO John Doe\nThe embassy spent 1.5 million on it.")
    assert parse_source(source(text)).authority.section is None
    assert [f[0] for f in found(text, "CAB002") + found(text, "CAB003")] == ["CAB002"]
