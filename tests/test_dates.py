"""Dates: declassification dates and instructions in every form seen, eras and their doubt."""

from datetime import date

import pytest

from cablelint.dates import (
    E2_START, add_years, decl_parts, era_bounds, era_level, era_of, likely_order, parse_decl_date,
    possible_eras,
)


@pytest.mark.parametrize("raw,value,short,form", [
    ("11/05/2019", date(2019, 11, 5), False, "mdy"),
    ("1/5/2019", date(2019, 1, 5), False, "mdy"),
    ("11/02/10", date(2010, 11, 2), True, "mdy"),
    ("3/16/98", date(1998, 3, 16), True, "mdy"),
    ("2019/11/05", date(2019, 11, 5), False, "ymd"),
    ("2019-11-05", date(2019, 11, 5), False, "ymd"),
    ("12-29-13", date(2013, 12, 29), True, "mdy"),
    ("20191105", date(2019, 11, 5), False, "compact"),
    ("2019/02/30", None, False, "ymd"),
    ("13/05/2019", None, False, "mdy"),
    ("99/99/9999", None, False, "mdy"),
    ("02/29/2020", date(2020, 2, 29), False, "mdy"),
    ("02/29/2019", None, False, "mdy"),
])
def test_decl_dates(raw, value, short, form):
    d = parse_decl_date(raw)
    assert (d.value, d.two_digit_year, d.form) == (value, short, form)


def parts(text):
    return [(p.kind, p.text, p.start, p.end) for p in decl_parts(text)]


def test_instruction_parts_dates_and_codes():
    assert parts("11/02/10, X1") == [("date", "11/02/10", 0, 8), ("exemption", "X1", 10, 12)]
    assert parts("X1 X6") == [("exemption", "X1", 0, 2), ("exemption", "X6", 3, 5)]
    assert parts("25X1, 20340101") == [("exemption", "25X1", 0, 4), ("date", "20340101", 6, 14)]
    assert [p.code for p in decl_parts("25X1-human")] == ["25X1-HUMAN"]
    assert [p.code for p in decl_parts("50x1-hum")] == ["50X1-HUM"]
    assert [p.code for p in decl_parts("50X2 WMD")] == ["50X2-WMD"]


def test_instruction_parts_legacy_codes():
    assert [(p.kind, p.code) for p in decl_parts("OADR")] == [("legacy", "OADR")]
    assert [(p.kind, p.code) for p in decl_parts("MR")] == [("legacy", "MR")]
    assert [(p.kind, p.code) for p in decl_parts("DCI Only")] == [("legacy", "DCI Only")]
    assert [(p.kind, p.code) for p in decl_parts("Originating Agency's Determination Required")] == [
        ("legacy", "OADR")]
    # "MR." is a title in an event, not manual review
    assert parts("MR. SMITH LEAVES POST") == [("event", "MR. SMITH LEAVES POST", 0, 21)]


def test_instruction_parts_events_and_durations():
    assert parts("CLOSURE OF ICTY") == [("event", "CLOSURE OF ICTY", 0, 15)]
    assert parts("UPON KOREAN UNIFICATION OR 12/31/2012") == [
        ("event", "UPON KOREAN UNIFICATION", 0, 23), ("date", "12/31/2012", 27, 37)]
    assert [(p.kind, p.years) for p in decl_parts("TWENTY YEARS")] == [("duration", 20)]
    assert [(p.kind, p.years) for p in decl_parts("twenty-five years from origin")] == [("duration", 25)]
    assert [(p.kind, p.years) for p in decl_parts("10 yrs")] == [("duration", 10)]


def test_instruction_parts_invalid_and_cut():
    assert parts("2019") == [("invalid", "2019", 0, 4)]
    assert [(p.kind, p.code) for p in decl_parts("X9")] == [("invalid", "X9")]
    assert [(p.kind, p.code) for p in decl_parts("25X12")] == [("invalid", "25X12")]
    assert parts("...") == [("cut", "...", 0, 3)]
    assert parts("11/0…") == [("invalid", "11/0", 0, 4), ("cut", "…", 4, 5)]


def test_eras_and_bounds():
    assert [era_of(date(1995, 10, 13)), era_of(date(1995, 10, 14))] == ["E0", "E1"]
    assert [era_of(date(2003, 9, 21)), era_of(date(2003, 9, 22))] == ["E1", "E2"]
    assert [era_of(date(2010, 6, 26)), era_of(date(2010, 6, 27))] == ["E2", "E3"]
    assert era_bounds(date(2005, 7, 1), "reference id") == (date(2005, 1, 1), date(2005, 12, 31))
    assert era_bounds(date(2009, 11, 5), "as-of") == (date(2009, 11, 5), date(2009, 11, 5))
    assert possible_eras(date(2003, 7, 1), "reference id") == {"E1", "E2"}
    assert possible_eras(date(2003, 9, 23), "dtg") == {"E1", "E2"}
    assert possible_eras(date(2003, 10, 1), "dtg") == {"E2"}


def test_era_level_doubt():
    from_e2 = lambda day: 2 if day >= E2_START else 0  # noqa: E731
    assert era_level(date(2005, 1, 1), "dtg", from_e2) == 2
    assert era_level(date(2003, 9, 23), "dtg", from_e2) == 1  # a day from the boundary
    assert era_level(date(2003, 9, 21), "dtg", from_e2) == 0
    assert era_level(date(2005, 1, 1), "today", from_e2) == 1  # an undated draft
    assert era_level(date(2003, 9, 22), "as-of", from_e2) == 2
    assert era_level(date(2004, 7, 1), "reference id", from_e2) == 2
    assert era_level(date(2003, 7, 1), "reference id", from_e2) == 0  # July 1 is only a guess
    assert era_level(None, "today", from_e2) == 0


def test_add_years_and_likely_order():
    assert add_years(date(2009, 11, 5), 10) == date(2019, 11, 5)
    assert add_years(date(2008, 2, 29), 1) == date(2009, 2, 28)
    assert likely_order("12598") == "12958"
    assert likely_order("1295") == "12958"
    assert likely_order("19528") == "12958"  # the same digits
    assert likely_order("13224") is None


def test_named_months_and_old_exemption_spelling():
    assert parse_decl_date("NOV 5, 2019").value == date(2019, 11, 5)
    assert parse_decl_date("5 November 2019").value == date(2019, 11, 5)
    assert (parse_decl_date("Nov. 31, 2019").value, parse_decl_date("Nov. 31, 2019").form) == (None, "named")
    assert [(p.kind, p.code) for p in decl_parts("1.6X6")] == [("exemption", "X6")]
    # with a blank after the section: one exemption, not the date "1.6" and X6
    assert parts("1.6 X6") == [("exemption", "1.6 X6", 0, 6)]
    assert parts("1.6 X5, 1.6 X6") == [("exemption", "1.6 X5", 0, 6), ("exemption", "1.6 X6", 8, 14)]
    assert parts("11/05/2019 (X1).") == [("date", "11/05/2019", 0, 10), ("exemption", "X1", 12, 14)]
