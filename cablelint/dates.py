"""Dates: the date-time group, declassification dates, and the eras of RULES.md."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {m: i for i, m in enumerate(
    ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"), 1)}

E1_START = date(1995, 10, 14)
E2_START = date(2003, 9, 22)
E3_START = date(2010, 6, 27)
TRANSITION_START = date(2003, 3, 25)  # E.O. 13292 signed; markings changed only at E2_START
EO13526_SIGNED = date(2009, 12, 29)
BOUNDARY_SLACK = timedelta(days=3)


def era_of(d: date | None) -> str | None:
    """E0 (earlier orders), E1, E2 or E3; None when the date is unknown."""
    if d is None:
        return None
    if d < E1_START:
        return "E0"
    if d < E2_START:
        return "E1"
    if d < E3_START:
        return "E2"
    return "E3"


def near_boundary(d: date | None) -> bool:
    """Within a few days of an era boundary: era rules only warn there."""
    if d is None:
        return True
    return any(abs(d - b) <= BOUNDARY_SLACK for b in (E1_START, E2_START, E3_START))


def two_digit_year(yy: int) -> int:
    """Cables run from the 1960s on: 60-99 are 19xx, the rest 20xx."""
    return 1900 + yy if yy >= 60 else 2000 + yy


def safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class DeclDate:
    """A declassification date as written: the date if it exists, and how it was written."""

    raw: str
    value: date | None  # None when the date does not exist or does not parse
    two_digit_year: bool
    form: str  # "mdy", "ymd", "compact", "" when it does not look like a date at all


_MDY = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2}|\d{4})$")
_YMD = re.compile(r"^(\d{4})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
DATE_LIKE = re.compile(r"^\d[\d\s/.\-]*\d$")


def parse_decl_date(raw: str) -> DeclDate | None:
    """Parse `MM/DD/YYYY`, `M/D/YY`, `YYYY/MM/DD`, `YYYYMMDD`; None if it is no date at all."""
    text = raw.strip().rstrip(".\\ ")
    m = _YMD.match(text)
    if m:
        y, mo, d = map(int, m.groups())
        return DeclDate(raw, safe_date(y, mo, d), False, "ymd")
    m = _MDY.match(text)
    if m:
        mo, d, y = int(m[1]), int(m[2]), m[3]
        short = len(y) == 2
        year = two_digit_year(int(y)) if short else int(y)
        return DeclDate(raw, safe_date(year, mo, d), short, "mdy")
    m = _COMPACT.match(text)
    if m:
        y, mo, d = map(int, m.groups())
        return DeclDate(raw, safe_date(y, mo, d), False, "compact")
    if DATE_LIKE.match(text):
        return DeclDate(raw, None, False, "")
    return None


def dtg_date(day: int, month: str, yy: int) -> date | None:
    mo = MONTHS.get(month.upper())
    if mo is None:
        return None
    return safe_date(two_digit_year(yy), mo, day)
