"""DECL rules: the E.O. line and its declassification instruction, against the cable's date."""

from datetime import date

import pytest

from cablelint.parse import parse_source

from conftest import diagnostics, source

AS_OF = date(2009, 11, 5)
C = "C O N F I D E N T I A L STATE 000001"
BY = "Classified By: Ambassador Jane Doe, reasons 1.4 (b) and (d)"


def cable(eo="E.O. 12958: DECL: 11/05/2019", dtg=None, banner=C, body="1. (C) Text."):
    head = f"{dtg}\n" if dtg else ""
    eo_line = f"{eo}\n" if eo is not None else ""
    return f"{head}{banner}\n{eo_line}TAGS: PREL\nSUBJECT: (U) Talks\n\n{BY}\n\n{body}\n"


def found(text, code, as_of=AS_OF, path="draft.txt"):
    return [(d.code, d.span.line, d.span.col, d.severity.label, d.message)
            for d in diagnostics(text, [code], as_of, path)]


def severities(text, code, as_of=AS_OF, path="draft.txt"):
    return [f[3] for f in found(text, code, as_of, path)]


# ---------------------------------------------------------------- the model


def test_merged_and_spaced_eo_lines_are_found():
    text = ("S E C R E T SECTION 01 OF 04 ANKARA 003352SIPDISNOFORNE.O. 12958: DECL: "
            "06/05/2026TAGS: MOPS PREL\n\n1. (S) Text.\n")
    eo = parse_source(source(text)).eo
    assert (eo.order, eo.kind, eo.instruction) == ("12958", "decl", "06/05/2026")
    assert [(i.kind, i.span.col) for i in eo.items] == [("date", 73)]
    eo = parse_source(source("UNCLAS STATE 000001\nE.O.  12958: N/A\n\n1. (U) Text.\n")).eo
    assert (eo.order, eo.kind) == ("12958", "na")


def test_date_without_decl_keyword_is_an_instruction():
    eo = parse_source(source(cable(eo="E.O. 12958: 07/21/2019"))).eo
    assert [(i.kind, i.text) for i in eo.items] == [("date", "07/21/2019")]
    eo = parse_source(source(cable(eo="E.O. 12958: DNG: CO 03/06/2018"))).eo
    assert eo.items == ()


# ---------------------------------------------------------------- DECL001


def test_decl001_missing_eo_line():
    assert found(cable(eo=None), "DECL001") == [(
        "DECL001", 1, 1, "error",
        "no E.O. line, e.g. E.O. 12958: DECL: 11/05/2019 (or E.O. 12958: N/A on an unclassified cable)")]
    assert found(cable(), "DECL001") == []


# ---------------------------------------------------------------- DECL002


def test_decl002_na_on_classified():
    assert found(cable(eo="E.O. 12958: N/A"), "DECL002") == [(
        "DECL002", 2, 13, "error",
        "the cable is CONFIDENTIAL but its E.O. line gives N/A: give a declassification date, "
        "e.g. DECL: 11/05/2019")]


def test_decl002_no_instruction_at_all():
    assert found(cable(eo="E.O. 12958"), "DECL002") == [(
        "DECL002", 2, 1, "error",
        "the cable is CONFIDENTIAL but its E.O. line gives no instruction: give a "
        "declassification date, e.g. DECL: 11/05/2019")]


@pytest.mark.parametrize("reasons, col", [("1.4(B)", 19), ("REASON: 1.4 (b) and (d)", 19), ("(B)(D)", 19)])
def test_decl002_only_the_reasons(reasons, col):
    assert found(cable(eo=f"E.O. 12958: DECL: {reasons}"), "DECL002") == [(
        "DECL002", 2, col, "error",
        "the cable is CONFIDENTIAL but its E.O. line gives only the reasons (they go on the Classified By "
        "line): give a declassification date, e.g. DECL: 11/05/2019")]


@pytest.mark.parametrize("eo", ["E.O. 12958: DECL: 11/05/2019, 1.4(B)", "E.O. 12958: DECL: 11/05/2019 (b)(d)",
                                "E.O. 12958: DECL: 11/05/2019 REASONS 1.4 B AND D"])
def test_reasons_after_the_date_are_no_invalid_date(eo):
    assert [d.code for d in diagnostics(cable(eo=eo), ["DECL"], AS_OF)] == []
    assert [d.code for d in diagnostics(cable(eo=eo.replace("2019", "2049")), ["DECL"], AS_OF)] == ["DECL006"]


def test_dates_that_begin_like_a_reason_are_dates():
    from cablelint.dates import decl_parts
    assert [(p.kind, p.text) for p in decl_parts("1.4.2019")] == [("date", "1.4.2019")]
    assert [(p.kind, p.text) for p in decl_parts("1.5.2019 1.4 (b)")] == [("date", "1.5.2019"), ("reason", "1.4 (b)")]


def test_decl002_quiet():
    assert found(cable(eo="E.O. 12958: N/A", banner="UNCLAS STATE 000001", body="1. (U) T."), "DECL002") == []
    assert found(cable(eo="E.O. 12356: N/A", dtg="P 111046Z OCT 90"), "DECL002") == []


# ---------------------------------------------------------------- DECL003


def test_decl003_date_on_unclassified():
    text = cable(banner="UNCLAS STATE 000001", body="1. (U) Text.")
    assert found(text, "DECL003") == [(
        "DECL003", 2, 19, "warning",
        "declassification instruction 11/05/2019 on an unclassified cable: use E.O. 12958: N/A, "
        "or classify the cable")]
    assert found(cable(), "DECL003") == []


# ---------------------------------------------------------------- DECL004


@pytest.mark.parametrize("written,why", [
    ("2019/02/30", "declassification date 2019/02/30 does not exist: month 2 has no day 30"),
    ("02/29/2019", "declassification date 02/29/2019 does not exist: month 2 has no day 29"),
    ("13/05/2019", "declassification date 13/05/2019 does not exist: there is no month 13 "
                   "(day and month swapped?)"),
    ("99/99/9999", "declassification date 99/99/9999 does not exist: there is no month 99"),
    ("2019", "declassification instruction 2019 is not a date: write MM/DD/YYYY or YYYYMMDD"),
    ("Nov. 31, 2019", "declassification date Nov. 31, 2019 does not exist: month 11 has no day 31"),
    ("X9", "declassification instruction X9 is not an exemption category (X1-X8, 25X1-25X9, "
           "25X1-human, 50X1-HUM, 50X2-WMD)"),
])
def test_decl004_invalid(written, why):
    assert found(cable(eo=f"E.O. 12958: DECL: {written}"), "DECL004") == [("DECL004", 2, 19, "error", why)]


@pytest.mark.parametrize("written", [
    "11/05/2019", "2019/11/05", "20191105", "2/29/2020", "CLOSURE OF ICTY", "TWENTY YEARS", "11/0...", "...",
    "1.6 X6", "1.6X6",
])
def test_decl004_quiet(written):
    assert found(cable(eo=f"E.O. 12958: DECL: {written}"), "DECL004") == []


# ---------------------------------------------------------------- DECL005


NOV09 = "O 050806Z NOV 09"


def test_decl005_on_and_before_the_cable_date():
    assert found(cable(eo="E.O. 12958: DECL: 11/05/2009", dtg=NOV09), "DECL005") == [(
        "DECL005", 3, 19, "error",
        "declassification date 11/05/2009 is on the cable date 2009-11-05: the cable would be "
        "declassified as it is sent")]
    assert severities(cable(eo="E.O. 12958: DECL: 11/04/2009", dtg=NOV09), "DECL005") == ["error"]
    assert found(cable(eo="E.O. 12958: DECL: 11/06/2009", dtg=NOV09), "DECL005") == []


def test_decl005_reference_id_dates():
    text = cable(eo="E.O. 12958: DECL: 03/01/2009")
    assert found(text, "DECL005", path="09STATE1.txt") == [(
        "DECL005", 2, 19, "warning",
        "declassification date 03/01/2009 may be on or before the date of a cable of 2009 "
        "(dated by its reference id)")]
    assert severities(cable(eo="E.O. 12958: DECL: 12/31/2008"), "DECL005", path="09STATE1.txt") == ["error"]
    assert found(cable(eo="E.O. 12958: DECL: 01/01/2010"), "DECL005", path="09STATE1.txt") == []


def test_decl005_quiet_before_e1():
    assert found(cable(eo="E.O. 12356: DECL: 10/11/1990", dtg="P 111046Z OCT 90"), "DECL005") == []


# ---------------------------------------------------------------- DECL006


@pytest.mark.parametrize("dtg,decl,expected", [
    ("O 011200Z MAR 01", "03/01/2011", []),
    ("O 011200Z MAR 01", "03/03/2011", []),           # a few days' slack
    ("O 011200Z MAR 01", "03/10/2011", ["error"]),
    ("O 011200Z MAR 01", "X1", []),
    ("O 011200Z MAR 01", "1.6 X6", []),
    ("O 011200Z MAR 01", "TWENTY YEARS", ["error"]),
    (NOV09, "11/05/2034", []),
    (NOV09, "11/05/2035", ["error"]),
    (NOV09, "TWENTY YEARS", []),
    ("O 210806Z SEP 03", "09/21/2023", ["warning"]),   # E1, a day before E2 allows 25 years
    ("O 220806Z SEP 03", "09/21/2023", []),
    ("O 010806Z JUL 10", "07/01/2035", []),
    ("O 010806Z JUL 10", "07/01/2045", ["error"]),
])
def test_decl006_limits_by_era(dtg, decl, expected):
    assert severities(cable(eo=f"E.O. 12958: DECL: {decl}", dtg=dtg), "DECL006") == expected


def test_decl006_message():
    assert found(cable(eo="E.O. 12958: DECL: 11/05/2039", dtg=NOV09), "DECL006") == [(
        "DECL006", 3, 19, "error",
        "declassification date 11/05/2039 is more than 25 years after the cable date 2009-11-05: "
        "E.O. 12958 as amended allows at most 25")]


def test_decl006_exemptions_and_reference_ids():
    text = cable(eo="E.O. 12958: DECL: X1, 03/01/2021", dtg="O 011200Z MAR 01")
    assert found(text, "DECL006") == []
    assert found(cable(eo="E.O. 12958: DECL: 25X1, 20590101", dtg=NOV09), "DECL006") == []
    # dated by the year only: any day of 2004 is taken; 2033 is too far from every day of 2005
    assert found(cable(eo="E.O. 12958: DECL: 12/14/2029"), "DECL006", path="04ANKARA7211.txt") == []
    assert severities(cable(eo="E.O. 12958: DECL: 06/12/2033"), "DECL006", path="05MUSCAT679.txt") == ["error"]


# ---------------------------------------------------------------- DECL007


@pytest.mark.parametrize("dtg,decl,expected", [
    (NOV09, "X1", ["error"]),
    ("O 011200Z MAR 01", "X1", []),
    ("O 220806Z SEP 03", "X1", ["warning"]),
    ("O 011200Z OCT 03", "X1", ["error"]),
    ("O 011200Z MAR 01", "OADR", ["error"]),
    ("P 111046Z OCT 90", "OADR", []),
    (NOV09, "MR", ["error"]),
    (NOV09, "DCI Only", ["error"]),
    ("O 011200Z JUL 10", "50X1-HUM", []),
    (NOV09, "50X1-HUM", ["error"]),
    ("O 011200Z MAR 10", "50X2-WMD", ["warning"]),    # E.O. 13526 signed, not yet in force
    ("O 011200Z JUL 10", "50X1-HUM, 07/01/2035", ["error"]),
    ("O 011200Z JUL 10", "25X1-human", ["warning"]),
    (NOV09, "25X1-human", []),
    (NOV09, "11/05/2019", []),
])
def test_decl007_by_era(dtg, decl, expected):
    order = "13526" if dtg.endswith(" 10") else "12958"
    assert severities(cable(eo=f"E.O. {order}: DECL: {decl}", dtg=dtg), "DECL007") == expected


def test_decl007_message_and_span():
    assert found(cable(eo="E.O. 12958: DECL: X1, X6", dtg=NOV09), "DECL007") == [
        ("DECL007", 3, 19, "error", "exemption X1 was abolished on 2003-09-22: give a date up to 25 years on"),
        ("DECL007", 3, 23, "error", "exemption X6 was abolished on 2003-09-22: give a date up to 25 years on"),
    ]


# ---------------------------------------------------------------- DECL008


@pytest.mark.parametrize("order,dtg,expected", [
    ("13526", NOV09, ["error"]),
    ("13526", "O 011200Z MAR 10", ["warning"]),
    ("13526", "O 011200Z JUL 10", []),
    ("12958", "O 260806Z JUN 10", []),              # the last day of E2
    ("12958", "O 200806Z JUN 10", []),
    ("12958", "O 270806Z JUN 10", ["warning"]),
    ("12958", "O 010806Z AUG 10", ["warning"]),
    ("12958", "O 010806Z MAY 95", ["warning"]),     # signed, not yet in force
    ("12958", "P 111046Z OCT 90", ["error"]),
    ("12356", "P 111046Z OCT 90", []),
    ("12356", "O 011200Z MAR 05", ["error"]),
    ("11652", "O 011200Z MAR 75", []),
    ("12598", NOV09, ["error"]),
])
def test_decl008_order_by_date(order, dtg, expected):
    assert severities(cable(eo=f"E.O. {order}: DECL: 11/05/2019", dtg=dtg), "DECL008") == expected


def test_decl008_messages():
    assert found(cable(eo="E.O. 12598: DECL: 11/05/2019", dtg=NOV09), "DECL008") == [(
        "DECL008", 3, 6, "error", "E.O. 12598 is not an order governing classification (E.O. 12958?)")]
    assert found(cable(eo="E.O. 13526: DECL: 11/05/2019", dtg=NOV09), "DECL008") == [(
        "DECL008", 3, 6, "error", "E.O. 13526 did not exist on 2009-11-05: it was signed on 2009-12-29")]
    assert found(cable(eo="E.O. 12356: DECL: 11/05/2019", dtg="O 011200Z MAR 05"), "DECL008") == [(
        "DECL008", 3, 6, "error",
        "E.O. 12356 no longer governed classification on 2005-03-01 (replaced on 1995-10-14: use E.O. 12958)")]


def test_decl008_reference_id_year_2010_is_not_judged():
    # a 2010 cable may be from either side of 2010-06-27
    assert found(cable(eo="E.O. 12958: DECL: 01/28/2020"), "DECL008", path="10LIMA97.txt") == []


# ---------------------------------------------------------------- DECL009


def test_decl009_two_digit_year():
    assert found(cable(eo="E.O. 12958: DECL: 11/02/10"), "DECL009") == [(
        "DECL009", 2, 19, "warning", "declassification date 11/02/10 has a two-digit year: write 11/02/2010")]
    assert found(cable(), "DECL009") == []
    assert found(cable(eo="E.O. 12356: DECL: 11/02/00", dtg="P 111046Z OCT 90"), "DECL009") == []


@pytest.mark.parametrize("decl", ["DECL: N/A", "DECL. N/A", "DECL; N/A"])  # 01HARARE2710: "DECL. N/A"
def test_decl_na_is_no_date(decl):
    unclas = cable(eo=f"E.O. 12958: {decl}", banner="UNCLAS STATE 000001")
    eo = parse_source(source(unclas)).eo
    assert (eo.kind, eo.items) == ("na", ())
    assert found(unclas, "DECL") == []
    assert severities(cable(eo=f"E.O. 12958: {decl}"), "DECL002") == ["error"]
