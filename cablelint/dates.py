"""Dates: the date-time group, declassification dates, and the eras of RULES.md."""

from __future__ import annotations

import re
from datetime import date, timedelta

from cablelint.records import record

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


def two_digit_year(yy: int) -> int:
    """Cables run from the 1960s on: 60-99 are 19xx, the rest 20xx."""
    return 1900 + yy if yy >= 60 else 2000 + yy


def safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


@record(frozen=True)
class DeclDate:
    """A declassification date as written: the date if it exists, and how it was written."""

    raw: str
    value: date | None  # None when the date does not exist or does not parse
    two_digit_year: bool
    form: str  # "mdy", "ymd", "compact", "named", "" when it does not look like a date at all


_MDY = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2}|\d{4})$")
_YMD = re.compile(r"^(\d{4})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})$")
# The rarer forms stay pattern text, compiled by re's cache the first time a date gets that
# far: _NAMED alone takes over 1 ms to compile, at every start.
_COMPACT = r"^(\d{4})(\d{2})(\d{2})$"
_MONTH_WORD = (r"(?:JAN(?:UARY)?|FEB(?:RUARY)?|MAR(?:CH)?|APR(?:IL)?|MAY|JUNE?|JULY?|AUG(?:UST)?"
               r"|SEP(?:T(?:EMBER)?)?|OCT(?:OBER)?|NOV(?:EMBER)?|DEC(?:EMBER)?)\.?")
_NAMED = rf"(?i)^(?:({_MONTH_WORD})\s+(\d{{1,2}}),?|(\d{{1,2}})\s+({_MONTH_WORD}),?)\s+(\d{{4}})$"
DATE_LIKE = r"^\d[\d\s/.\-]*\d$"


def parse_decl_date(raw: str) -> DeclDate | None:
    """Parse `MM/DD/YYYY`, `M/D/YY`, `YYYY/MM/DD`, `YYYYMMDD`, `NOV 5, 2019`; None if no date."""
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
    m = re.match(_COMPACT, text)
    if m:
        y, mo, d = map(int, m.groups())
        return DeclDate(raw, safe_date(y, mo, d), False, "compact")
    m = re.match(_NAMED, text)
    if m:
        month = MONTHS[(m[1] or m[4])[:3].upper()]
        return DeclDate(raw, safe_date(int(m[5]), month, int(m[2] or m[3])), False, "named")
    if re.match(DATE_LIKE, text):
        return DeclDate(raw, None, False, "")
    return None


def dtg_date(day: int, month: str, yy: int) -> date | None:
    mo = MONTHS.get(month.upper())
    if mo is None:
        return None
    return safe_date(two_digit_year(yy), mo, day)


# ---------------------------------------------------------------- eras, with their uncertainty


def era_bounds(d: date, source: str) -> tuple[date, date]:
    """The earliest and latest the cable can be dated, given where its date came from.

    A DTG is exact up to a few days of drafting and time zones; a reference id gives only the
    year; --as-of is taken at its word; today (an undated draft) is a guess.
    """
    if source == "reference id":
        return date(d.year, 1, 1), date(d.year, 12, 31)
    if source == "as-of":
        return d, d
    return d - BOUNDARY_SLACK, d + BOUNDARY_SLACK


def possible_eras(d: date | None, source: str) -> set[str]:
    """Every era the cable may belong to: one when its date is certain, two near a boundary."""
    if d is None:
        return set()
    lo, hi = era_bounds(d, source)
    return {era_of(lo), era_of(hi)} | {era_of(b) for b in (E1_START, E2_START, E3_START) if lo <= b <= hi}


def era_level(d: date | None, source: str, level_at) -> int:
    """How sure a date-dependent finding is: 0 none, 1 a warning, 2 as the rule's severity.

    `level_at(day)` judges one day (0 fine, 1 doubtful, 2 wrong). The finding stands only if
    the cable's own date is judged wrong or doubtful; it is certain only when every day the
    cable can be dated (see `era_bounds`) is judged wrong, and never for an undated draft. A
    cable dated by its reference id alone gets the benefit of the doubt: July 1 is a guess, so
    a finding that some day of that year clears is not made.
    """
    if d is None:
        return 0
    nominal = level_at(d)
    if not nominal:
        return 0
    if source == "today":
        return 1
    lo, hi = era_bounds(d, source)
    days = {lo, hi}
    for c in CHANGES:
        if lo < c <= hi:
            days |= {c, c - timedelta(days=1)}
    least = min([nominal] + [level_at(x) for x in days])
    if not least and source == "reference id":
        return 0
    return least or 1


def add_years(d: date, years: int) -> date:
    """The same day `years` later (29 February becomes 28 February)."""
    try:
        return d.replace(year=d.year + years)
    except ValueError:
        return d.replace(year=d.year + years, day=28)


# ---------------------------------------------------------------- executive orders

# The orders that governed classification, with the day each took effect and was replaced.
ORDERS = {
    "11652": (date(1972, 6, 1), date(1978, 11, 30)),
    "12065": (date(1978, 12, 1), date(1982, 7, 31)),
    "12356": (date(1982, 8, 1), date(1995, 10, 13)),
    "12958": (E1_START, date(2010, 6, 26)),
    "13292": (E2_START, date(2010, 6, 26)),  # the 2003 amendment, cited on its own
    "13526": (E3_START, None),
}
ORDER_SIGNED = {"12958": date(1995, 4, 17), "13292": TRANSITION_START, "13526": EO13526_SIGNED}
# Every day on which some marking rule changes: where a cable's possible dates are sampled.
CHANGES = sorted(
    {E1_START, E2_START, E3_START, TRANSITION_START, EO13526_SIGNED, *ORDER_SIGNED.values()}
    | {s for s, _ in ORDERS.values()} | {e + timedelta(days=1) for _, e in ORDERS.values() if e}
)


def likely_order(written: str) -> str | None:
    """The classification order a mistyped number most likely means: 12598 -> 12958."""
    for order in ORDERS:
        if sorted(order) == sorted(written) or (
            len(written) + 1 == len(order) and any(order[:i] + order[i + 1:] == written for i in range(len(order)))
        ):
            return order
    return None


# ---------------------------------------------------------------- declassification instructions

# Exemption codes that exist: E.O. 12958 section 1.6(d) (X1-X8), section 3.3(b) and E.O. 13526
# section 3.3 (25X1-25X9; 50X and 75X with the Panel's approval), 32 CFR 2001.21(a)(4)(iii)
# (50X1-HUM, 50X2-WMD), and 25X1-human of ISOO's 2003 directive.
EXEMPTIONS = frozenset(
    [f"X{i}" for i in range(1, 9)] + [f"{p}X{i}" for p in (25, 50, 75) for i in range(1, 10)]
    + ["25X1-HUMAN", "50X1-HUM", "50X2-WMD"]
)
# Instructions that E.O. 12958 abolished from 1995-10-14 (32 CFR 2001.12(c)(2), CAPCO legacy table).
LEGACY = {
    "OADR": "OADR", "ORIGINATING AGENCY'S DETERMINATION REQUIRED": "OADR",
    "ORIGINATING AGENCYS DETERMINATION REQUIRED": "OADR",
    "MR": "MR", "MANUAL REVIEW": "MR", "DCI ONLY": "DCI Only", "DNI ONLY": "DNI Only",
}
_NUMBER_WORDS = {
    "ONE": 1, "TWO": 2, "THREE": 3, "FOUR": 4, "FIVE": 5, "SIX": 6, "SEVEN": 7, "EIGHT": 8,
    "NINE": 9, "TEN": 10, "FIFTEEN": 15, "TWENTY": 20, "TWENTY-FIVE": 25, "TWENTY FIVE": 25,
    "THIRTY": 30, "FIFTY": 50,
}

_ITEM = re.compile(
    r"(?P<cut>(?:\.{3}|…)\s*$)"
    # the classification reasons written after the date: "1.4(B)", "REASON: 1.4 (b) and (d)", "(b)(d)"
    r"|(?P<reason>(?<![\w/.])(?:REASONS?:?\s*)?1\s?[.,]\s?[45](?![.,\-/]?\d)(?:\s*\(?[A-H]\)?(?![\w])"
    r"(?:\s*(?:,|AND|&|/))?)*|(?<![\w(])\([A-H]\)(?:\s*(?:,|AND|&|/)?\s*\([A-H]\))*)"
    # an exemption before a date: "1.6 X6" is one code, not the date 1.6 and X6
    r"|(?P<code>(?<!\w)(?:\d{2}X\d+(?:[\- ]?(?:HUMAN|HUM|WMD))?|(?:1\.6\s?)?X\d+)(?![\w\-]))"
    r"|(?P<date>(?<![\w/])\d{1,4}(?:\s?[/.\-]\s?\d{1,4}){1,2}(?![\w/])|(?<!\w)\d{8}(?!\w)"
    rf"|(?<!\w)(?:{_MONTH_WORD}\s+\d{{1,2}},?|\d{{1,2}}\s+{_MONTH_WORD},?)\s+\d{{4}}(?!\w))"
    r"|(?P<legacy>(?<!\w)(?:OADR|MR(?!\.)|DCI\s+ONLY|DNI\s+ONLY|MANUAL\s+REVIEW"
    r"|ORIGINATING\s+AGENCY'?S\s+DETERMINATION\s+REQUIRED)(?!\w))"
    r"|(?P<duration>(?<!\w)(?:\d{1,2}|TWENTY[\- ]FIVE|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
    + r")\s+(?:YEARS?|YRS?)(?:\s+(?:FROM|AFTER)\s+(?:THE\s+)?(?:DATE\s+OF\s+)?"
    r"(?:ORIGIN(?:AL)?(?:\s+DECISION)?|SOURCE|ISSUE|TRANSMISSION|THIS\s+(?:CABLE|MESSAGE|DOCUMENT)))?(?!\w))",
    re.I,
)
_FILLER = re.compile(r"^[\s,;:&.()]*(?:(?:AND|OR|ON|OF)\b[\s,;:&.()]*)*$", re.I)


@record(frozen=True)
class DeclPart:
    """One piece of a declassification instruction, with its offsets in the instruction.

    kind: "date" (`value` None when it does not exist or parse), "duration" (`years`),
    "exemption" (X1-X8, 25X1, 50X1-HUM...), "legacy" (OADR, MR, DCI Only), "event" (words:
    CLOSURE OF ICTY), "invalid" (digits or a code that mean nothing), "cut" (the text was
    truncated: `DECL...`), "reason" (the Classified By line's reasons written after the date:
    `1.4(B)`; no part of the instruction).
    """

    kind: str
    text: str
    start: int
    end: int
    date: DeclDate | None = None
    years: int | None = None
    code: str = ""  # the normalized exemption or legacy code


def decl_parts(text: str) -> list[DeclPart]:
    """Split a declassification instruction into its parts.

    An event is whatever words are left once dates, durations and codes are taken out: the
    order asks for "a specific date or event" (E.O. 13526 section 1.5(a)), so words are taken
    as an event. Left-over digits are an invalid instruction. A duration ("TWENTY YEARS",
    "10 years from origin") counts from the cable date.
    """
    parts: list[DeclPart] = []
    pos = 0

    def leftover(a: int, b: int) -> None:
        chunk = text[a:b]
        if _FILLER.match(chunk):
            return
        lead = len(chunk) - len(chunk.lstrip(" \t,;:"))
        body = re.sub(r"(?:[\s,;:&]+(?:AND|OR)\b)+[\s,;:&]*$", "", chunk.strip(" \t,;:"), flags=re.I)
        kind = "event" if re.search(r"[A-Za-z]{2}", body) else "invalid"
        parts.append(DeclPart(kind, body, a + lead, a + lead + len(body)))

    for m in _ITEM.finditer(text):
        leftover(pos, m.start())
        kind = m.lastgroup
        raw = m.group(0)
        if kind == "cut":
            raw = raw.rstrip()
            parts.append(DeclPart("cut", raw, m.start(), m.start() + len(raw)))
        elif kind == "reason":
            raw = raw.rstrip(" ,/&")
            parts.append(DeclPart("reason", raw, m.start(), m.start() + len(raw)))
        elif kind == "date":
            parsed = parse_decl_date(raw)
            parts.append(DeclPart("date" if parsed.form else "invalid", raw, m.start(), m.end(), date=parsed))
        elif kind == "code":
            code = re.sub(r"[\- ]?(HUMAN|HUM|WMD)$", r"-\1", re.sub(r"^1\.6\s?", "", raw.upper()))
            parts.append(DeclPart("exemption" if code in EXEMPTIONS else "invalid", raw, m.start(), m.end(),
                                  code=code))
        elif kind == "legacy":
            key = re.sub(r"\s+", " ", raw.upper())
            parts.append(DeclPart("legacy", raw, m.start(), m.end(), code=LEGACY[key]))
        else:
            count = re.match(r"TWENTY[\- ]FIVE|\S+", raw.upper()).group(0)
            years = int(count) if count.isdigit() else _NUMBER_WORDS[count]
            parts.append(DeclPart("duration", raw, m.start(), m.end(), years=years))
        pos = m.end()
    leftover(pos, len(text))
    return parts
