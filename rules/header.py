"""HDR: the routing header of a sent cable (ACP-127 format lines as State used them).

A draft has no routing header, and none of these rules says anything about it. When the text
has one, its lines must agree with each other and with the classification line: the
date-time group (FL5), the precedence prosign (FL2), the security warning (FL4), and the DE
line (FL3) with its filing time and station serial.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path

from cablelint.dates import MONTHS
from cablelint.engine import Severity, rule
from cablelint.lattice import LEVEL_NAMES

PRECEDENCE_NAMES = {"Z": "FLASH", "O": "IMMEDIATE", "P": "PRIORITY", "R": "ROUTINE"}
PRECEDENCE_RANK = {"R": 1, "P": 2, "O": 3, "Z": 4}
WORD_LETTER = {"FLASH": "Z", "NIACT IMMEDIATE": "O", "IMMEDIATE": "O", "PRIORITY": "P",
               "ROUTINE": "R"}

# FL4 security groups: the letter repeated five times, or three times and a SPECAT suffix.
GROUP_LEVELS = {"U": "U", "E": "U", "C": "C", "S": "S", "T": "TS"}
LEVEL_GROUPS = {"U": "ZNR UUUUU", "C": "ZNY CCCCC", "S": "ZNY SSSSS", "TS": "ZNY TTTTT"}


def _precedence(letter: str) -> str:
    return f"{letter} ({PRECEDENCE_NAMES[letter]})"


def _highest(letters) -> str | None:
    known = [x for x in letters if x in PRECEDENCE_RANK]
    return max(known, key=PRECEDENCE_RANK.__getitem__) if known else None


def _has_routing(header) -> bool:
    return header is not None and any(line.kind in ("de", "fm", "security", "prosign")
                                      for line in header.lines)


@rule("HDR001", "invalid-dtg", "error")
def invalid_dtg(cable, ctx):
    """The date-time group must parse and name a real day; its precedence is Z, O, P or R.

    Format line 5, `O 050806Z NOV 09`, is the cable's date: precedence letter(s), day, hour and
    minute in Zulu time, month, two-digit year. Every date rule reads it, so a DTG that names
    31 November or 2460Z, or a letter other than Z (FLASH), O (IMMEDIATE), P (PRIORITY) or
    R (ROUTINE), leaves the cable without a trustworthy date.

    Fails::

        DE RUEHNT #1571 3090806
        O 310806Z NOV 09
        FM AMEMBASSY TASHKENT
        C O N F I D E N T I A L TASHKENT 001571

    Passes::

        DE RUEHNT #1571 3090806
        O 050806Z NOV 09
        FM AMEMBASSY TASHKENT
        C O N F I D E N T I A L TASHKENT 001571
    """
    h = cable.header
    if not _has_routing(h):
        return
    if h.dtg_span is None:
        first = h.lines[0]
        yield ctx.report(first.span, "the routing header has no date-time group "
                                     "(a line such as O 050806Z NOV 09)")
        return
    if h.dtg_day is None:
        yield ctx.report(h.dtg_span, f"the date-time group {h.dtg!r} does not parse; expected "
                                     "precedence, DDHHMMZ, month and two-digit year, as in "
                                     "O 050806Z NOV 09", token=h.dtg or "")
        return
    for letter in h.precedence or "":
        if letter not in PRECEDENCE_NAMES:
            yield ctx.report(h.dtg_span, f"precedence letter {letter} in the date-time group is not "
                                         "Z (FLASH), O (IMMEDIATE), P (PRIORITY) or R (ROUTINE)",
                             token=letter)
    hh, mm = int(h.dtg_time[:2]), int(h.dtg_time[2:])
    if h.dtg_month.upper() not in MONTHS:
        yield ctx.report(h.dtg_span, f"{h.dtg_month} in the date-time group {h.dtg} is not a "
                                     "month (JAN ... DEC)", token=h.dtg_month)
    elif hh > 23 or mm > 59:
        yield ctx.report(h.dtg_span, f"{h.dtg_time}Z in the date-time group {h.dtg} is not a time "
                                     "of day (0000Z-2359Z)", token=h.dtg_time)
    elif h.dtg_date is None:
        yield ctx.report(h.dtg_span, f"the date-time group {h.dtg} names day {h.dtg_day} of "
                                     f"{h.dtg_month.upper()} {h.dtg_year}, which does not exist",
                         token=h.dtg or "")


@rule("HDR002", "precedence-mismatch", "warning")
def precedence_mismatch(cable, ctx):
    """The prosign (`OO`) must be the highest precedence among the addressees and the DTG's.

    5 FAH-2 H-321.2-1: "The highest precedence of a multi-address, multi-precedence telegram
    determines the precedence prosign". A prosign below an IMMEDIATE addressee delays the
    whole message at every relay; the DTG letter (`O` in `O 050806Z NOV 09`) must say the same.
    Addressee lines without a precedence word are ROUTINE.

    Fails::

        PP RUEHBI
        O 050806Z NOV 09
        FM AMEMBASSY TASHKENT
        TO RUEHC/SECSTATE WASHDC IMMEDIATE 1493
        C O N F I D E N T I A L TASHKENT 001571

    Passes::

        OO RUEHBI
        O 050806Z NOV 09
        FM AMEMBASSY TASHKENT
        TO RUEHC/SECSTATE WASHDC IMMEDIATE 1493
        INFO RUEHMO/AMEMBASSY MOSCOW PRIORITY 0001
        C O N F I D E N T I A L TASHKENT 001571
    """
    h = cable.header
    if not _has_routing(h):
        return
    addressed = any(line.kind == "to" for line in h.lines)
    top = _highest([WORD_LETTER[w] for w in h.addressee_precedences] or ["R"]) if addressed else None
    dtg = _highest(h.precedence or "") if h.dtg_day is not None else None
    prosign = h.prosign[0] if h.prosign and h.prosign[0] == h.prosign[1] else None
    if prosign:
        if top and prosign != top:
            yield ctx.report(h.prosign_span,
                             f"prosign {h.prosign} is not the highest precedence among the "
                             f"addressees, {PRECEDENCE_NAMES[top]}: expected {top * 2}",
                             token=h.prosign)
        elif dtg and prosign != dtg:
            yield ctx.report(h.prosign_span,
                             f"prosign {h.prosign} disagrees with the date-time group's "
                             f"precedence {_precedence(dtg)}", token=h.prosign)
    elif dtg and top and dtg != top:
        yield ctx.report(h.dtg_span,
                         f"the date-time group's precedence {_precedence(dtg)} is not the highest "
                         f"precedence among the addressees, {PRECEDENCE_NAMES[top]}", token=dtg)


def _group_level(group: str) -> str | None:
    letter = group[:1]
    if letter not in GROUP_LEVELS:
        return None
    if group == letter * 5 or (len(group) == 5 and group[:3] == letter * 3):
        return GROUP_LEVELS[letter]
    return None


@rule("HDR003", "security-line-mismatch", "error")
def security_line_mismatch(cable, ctx):
    """The security warning (`ZNY CCCCC`) must match the classification line.

    Format line 4 tells every relay how to protect the message: `ZNR UUUUU` unclassified (sent
    in the clear), `ZNY EEEEE` UNCLAS EFTO (encrypted for transmission only), `ZNY CCCCC`
    CONFIDENTIAL, `ZNY SSSSS` SECRET, `ZNY TTTTT` TOP SECRET. A classified text under
    `ZNR UUUUU` travels unprotected; a disagreement in level is an error. Whether SBU traffic
    used EEEEE is not settled (UNCLAS SENSITIVE cables went as `ZNR UUUUU`), so the EFTO
    pairing alone is only a warning.

    Fails::

        ZNR UUUUU ZZH
        O 050806Z NOV 09
        FM AMEMBASSY TASHKENT
        C O N F I D E N T I A L TASHKENT 001571

    Passes::

        ZNY CCCCC ZZH
        O 050806Z NOV 09
        FM AMEMBASSY TASHKENT
        C O N F I D E N T I A L TASHKENT 001571
    """
    h, b = cable.header, cable.banner
    if h is None or not h.security or b is None or b.level is None:
        return
    parts = h.security.split()
    zn, group = parts[0], parts[1] if len(parts) > 1 else ""
    level = _group_level(group)
    banner = LEVEL_NAMES[b.level]
    if level is None:
        yield ctx.report(h.security_span,
                         f"security group {group or '(none)'} in {h.security} is not a known group "
                         f"(UUUUU, EEEEE, CCCCC, SSSSS, TTTTT); the banner {banner} calls for "
                         f"{LEVEL_GROUPS[b.level]}", token=h.security)
        return
    if level != b.level:
        yield ctx.report(h.security_span,
                         f"security line {h.security} marks the message {LEVEL_NAMES[level]} but "
                         f"the banner is {banner}: expected {LEVEL_GROUPS[b.level]}",
                         token=h.security)
        return
    if (zn == "ZNR") != (level == "U" and group[0] == "U"):
        expected = "ZNR UUUUU" if group[0] == "U" else f"ZNY {group}"
        yield ctx.report(h.security_span,
                         f"{zn} does not go with {group}: expected {expected}", token=h.security)
        return
    efto = b.qualifier == "EFTO"
    if b.level == "U" and efto != (group[0] == "E"):
        if efto:
            message = f"the banner is UNCLAS EFTO but the security line is {h.security}: expected ZNY EEEEE"
        else:
            message = f"security line {h.security} marks UNCLAS EFTO but the banner has no EFTO"
        yield ctx.report(h.security_span, message, token=h.security, severity=Severity.WARNING)


def _filed(doy: int, minute: int, near: int) -> int | None:
    """The filing time, day of year `doy` at `minute` past midnight, in the year nearest to
    `near` (a DTG at a year's turn); both as minutes since 1 January of year 1."""
    best = None
    year = date.fromordinal(near // 1440).year
    for y in (year - 1, year, year + 1):
        start = date(y, 1, 1).toordinal()
        if doy > date(y + 1, 1, 1).toordinal() - start:
            continue
        t = (start + doy - 1) * 1440 + minute
        if best is None or abs(t - near) < abs(best - near):
            best = t
    return best


@rule("HDR004", "julian-date-mismatch", "warning")
def julian_date_mismatch(cable, ctx):
    """The DE line's filing time (day of year, hour, minute) must fit the DTG, within a day.

    `DE RUEHNT #1571 3090806` was filed on day 309 at 0806Z; day 309 of 2009 is 5 November,
    the date of `O 050806Z NOV 09`. A filing time more than a day away from the DTG means one
    of the two was mistyped, and the cable's date is in doubt. Around New Year the day of
    year is read in the year that brings it nearest to the DTG.

    Fails::

        DE RUEHNT #1571 3100806
        O 030806Z NOV 09
        C O N F I D E N T I A L TASHKENT 001571

    Passes::

        DE RUEHNT #1571 3090806
        O 050806Z NOV 09
        C O N F I D E N T I A L TASHKENT 001571
    """
    h = cable.header
    if h is None or not h.filed_at or h.dtg_date is None:
        return
    doy, hhmm = int(h.filed_at[:3]), h.filed_at[3:]
    if not 1 <= doy <= 366 or int(hhmm[:2]) > 23 or int(hhmm[2:]) > 59:
        yield ctx.report(h.de_span, f"filing time {h.filed_at} in the DE line is not a day of the "
                                    "year (001-366) and a time (0000-2359)", token=h.filed_at)
        return
    d = h.dtg_date
    dtg = d.toordinal() * 1440 + int(h.dtg_time[:2]) * 60 + int(h.dtg_time[2:])
    filed = _filed(doy, int(hhmm[:2]) * 60 + int(hhmm[2:]), dtg)
    if filed is None or abs(filed - dtg) > 1440:
        when = f" ({date.fromordinal(filed // 1440):%d %b %Y} {hhmm}Z)" if filed else ""
        dtg_doy = d.timetuple().tm_yday
        yield ctx.report(h.de_span,
                         f"the DE line was filed on day {doy:03d} at {hhmm}Z{when}, more than a day "
                         f"from the date-time group {h.dtg} (day {dtg_doy:03d} of {d.year})",
                         token=h.filed_at)


@rule("HDR005", "serial-mismatch", "warning")
def serial_mismatch(cable, ctx):
    """The DE line's `#1571/02` must be the banner's serial `001571` and its `SECTION 02`.

    The station serial in format line 3 is the last four digits of the message reference
    number on the classification line, and `/nn` is the section. A copy whose sections were
    merged into one text often keeps `/01` after the SECTION line was dropped, so a `/nn`
    with no SECTION in the banner is left alone; a SECTION with no or another `/nn` is not.

    Fails::

        DE RUEHNT #1517 3090806
        C O N F I D E N T I A L TASHKENT 001571

    Passes::

        DE RUEHNT #1571/02 3090806
        C O N F I D E N T I A L SECTION 02 OF 02 TASHKENT 001571
    """
    h, b = cable.header, cable.banner
    if h is None or not h.station_serial or b is None:
        return
    if b.serial and b.serial.isdigit():
        station = int(h.station_serial)
        if station not in (int(b.serial), int(b.serial) % 10 ** len(h.station_serial)):
            where = f"{b.post} {b.serial}" if b.post else b.serial
            yield ctx.report(h.de_span, f"station serial #{h.station_serial} in the DE line is not "
                                        f"the banner's serial {b.serial} ({where})",
                             token=h.station_serial)
    if b.section is not None:
        nn = b.section[0]
        if h.station_section is None:
            yield ctx.report(h.de_span, f"the banner says SECTION {nn:02d} OF {b.section[1]:02d} but "
                                        f"the DE line has no /{nn:02d} after #{h.station_serial}",
                             token=h.station_serial)
        elif int(h.station_section) != nn:
            yield ctx.report(h.de_span, f"/{h.station_section} in the DE line is not the banner's "
                                        f"SECTION {nn:02d} OF {b.section[1]:02d}",
                             token=h.station_section)


@lru_cache(maxsize=1)
def originators() -> tuple[frozenset[str], dict[str, frozenset[str]]]:
    """Office words and explicit originator -> post pairs from rules/posts.tsv."""
    offices: set[str] = set()
    pairs: dict[str, set[str]] = {}
    text = (Path(__file__).with_name("posts.tsv")).read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if cols[0] == "office":
            offices.add(cols[1].strip())
        elif cols[0] == "origin":
            pairs.setdefault(_normal(cols[1]), set()).add(_normal(cols[2]))
    return frozenset(offices), {k: frozenset(v) for k, v in pairs.items()}


def _normal(text: str) -> str:
    return " ".join(text.upper().replace("\\", " ").split()).strip(" .,")


def expected_posts(origin: str) -> tuple[frozenset[str], bool]:
    """The posts an FM line can name, and whether its form is a known one."""
    offices, pairs = originators()
    o = _normal(origin)
    posts = {o} | set(pairs.get(o, ()))
    first, _, rest = o.partition(" ")
    known = o in pairs
    if first in offices and rest:
        posts.add(rest)
        known = True
    return frozenset(posts), known


@rule("HDR006", "origin-mismatch", "warning")
def origin_mismatch(cable, ctx):
    """The FM line's post must be the post on the classification line.

    `FM AMEMBASSY TASHKENT` sends `TASHKENT 001571`; `FM SECSTATE WASHDC` sends `STATE nnnnnn`,
    `FM USMISSION USUN NEW YORK` sends `USUN NEW YORK nnnnnn` (the pairs are kept in
    rules/posts.tsv). A different post means the message reference number or the header came
    from another cable.

    Fails::

        FM AMEMBASSY ASTANA
        C O N F I D E N T I A L TASHKENT 001571

    Passes::

        FM AMEMBASSY TASHKENT
        C O N F I D E N T I A L TASHKENT 001571
    """
    h, b = cable.header, cable.banner
    if h is None or not h.origin or b is None or not b.post:
        return
    post = _normal(b.post)
    posts, known = expected_posts(h.origin)
    if post in posts:
        return
    origin = _normal(h.origin)
    if not known and (origin.endswith(" " + post) or post.endswith(origin.rsplit(" ", 1)[-1])):
        return  # an office we do not know, written before the post's own name
    yield ctx.report(h.origin_span,
                     f"the cable is from {origin} but the banner names the post {post}"
                     + (f": expected {' or '.join(sorted(posts - {origin}))}" if known else ""),
                     token=post)
