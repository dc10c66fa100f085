"""DECL: the E.O. line, "E.O. 12958: DECL: 11/05/2019", and its declassification instruction.

E.O. 12958 section 1.6 and E.O. 13526 section 1.5 require a declassification date or event
on every classified document (32 CFR 2001.12, 2001.21(a)(4)); State cables give it on the
E.O. line together with the order that governs the classification. Before 1995-10-14 (era
E0) earlier orders applied (GDS, OADR): only DECL001, DECL004 and DECL008 speak there.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from cablelint.dates import (
    BOUNDARY_SLACK, MONTHS, E1_START, E2_START, E3_START, EO13526_SIGNED, ORDER_SIGNED, ORDERS,
    add_years, era_bounds, era_level, era_of, likely_order, possible_eras,
)
from cablelint.engine import Severity, rule
from cablelint.lattice import LEVEL_NAMES
from cablelint.rules.authority import classified, from_e1, severity

MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def dates(eo):
    """The date items of the instruction that name a real day."""
    return [i for i in eo.items if i.kind == "date" and i.date and i.date.value]


def cut(eo) -> bool:
    return any(i.kind == "cut" for i in eo.items)


@rule("DECL001", "missing-eo-line", "error")
def missing_eo_line(cable, ctx):
    """The cable has no E.O. line.

    Every cable names the order that governs it and, if classified, when it is declassified
    (`E.O. 12958: DECL: 11/05/2019`, `E.O. 12958: N/A`): FAH 5 FAH-1 H-130, 32 CFR 2001.21(a)(4).

    Fails::

        UNCLAS STATE 000001
        TAGS: PREL
        SUBJECT: Talks

        1. (U) Text.

    Passes::

        UNCLAS STATE 000001
        E.O. 12958: N/A
        TAGS: PREL
        SUBJECT: Talks

        1. (U) Text.
    """
    if cable.eo is not None:
        return
    span = cable.banner.span if cable.banner and cable.banner.span else ctx.source.span(1, 0, 0)
    yield ctx.report(span, "no E.O. line, e.g. E.O. 12958: DECL: 11/05/2019 (or E.O. 12958: N/A "
                     "on an unclassified cable)")


@rule("DECL002", "na-on-classified", "error")
def na_on_classified(cable, ctx):
    """A classified cable whose E.O. line gives no declassification instruction (N/A, none, or
    only the classification reasons: `DECL: 1.4(B)`).

    E.O. 13526 section 1.5(a) (E.O. 12958 section 1.6(a)): the original classifier sets a date
    or event for declassification at the time of classification; `N/A` is for unclassified
    cables.

    Fails::

        C O N F I D E N T I A L STATE 000001
        E.O. 12958: N/A

        1. (C) Text.

    Passes::

        C O N F I D E N T I A L STATE 000001
        E.O. 12958: DECL: 11/05/2019

        1. (C) Text.
    """
    eo = cable.eo
    if eo is None or not classified(cable):
        return
    if eo.kind == "na":
        span, what = eo.instruction_span, "N/A"
    elif eo.kind == "none" or (eo.kind == "decl" and not eo.instruction):
        span, what = eo.span, "no instruction"
    elif eo.items and all(i.kind == "reason" for i in eo.items):
        span, what = eo.items[0].span, "only the reasons (they go on the Classified By line)"
    else:
        return
    level = era_level(ctx.cable_date, ctx.date_source, from_e1)
    if level:
        name = LEVEL_NAMES[cable.banner.level]
        yield ctx.report(span, f"the cable is {name} but its E.O. line gives {what}: give a "
                         "declassification date, e.g. DECL: 11/05/2019", token=what,
                         severity=severity(level))


@rule("DECL003", "decl-on-unclassified", "warning")
def decl_on_unclassified(cable, ctx):
    """An unclassified cable gives a declassification date.

    Only classified information is declassified: an UNCLAS cable carries `E.O. 12958: N/A`.
    Either the banner or the E.O. line is wrong.

    Fails::

        UNCLAS STATE 000001
        E.O. 12958: DECL: 11/05/2019

        1. (U) Text.

    Passes::

        UNCLAS STATE 000001
        E.O. 12958: N/A

        1. (U) Text.
    """
    eo = cable.eo
    if eo is None or cable.banner is None or cable.banner.level != "U":
        return
    items = [i for i in eo.items if i.kind in ("date", "duration", "exemption", "legacy", "event", "invalid")]
    if items and era_level(ctx.cable_date, ctx.date_source, from_e1):
        yield ctx.report(items[0].span, f"declassification instruction {items[0].text} on an "
                         "unclassified cable: use E.O. 12958: N/A, or classify the cable",
                         token=items[0].text)


@rule("DECL004", "invalid-decl-date", "error")
def invalid_decl_date(cable, ctx):
    """A declassification date that does not exist or does not parse.

    Dates are written MM/DD/YYYY in cables, YYYYMMDD by 32 CFR 2001.21(a)(4) (YYYY/MM/DD is
    also read). A day that does not exist (2019/02/30), a month over 12 (13/05/2019), digits
    that are no date (99/99/9999, 2019) or an exemption code that does not exist (X9) leave
    the information without a lawful declassification instruction.

    Fails::

        C O N F I D E N T I A L STATE 000001
        E.O. 12958: DECL: 02/30/2019

        1. (C) Text.

    Passes::

        C O N F I D E N T I A L STATE 000001
        E.O. 12958: DECL: 02/28/2019

        1. (C) Text.
    """
    eo = cable.eo
    if eo is None or cut(eo):
        return  # a truncated excerpt: "DECL: 11/0..."
    for item in eo.items:
        if item.kind == "date" and item.date.value is None:
            yield ctx.report(item.span, f"declassification date {item.text} does not exist: "
                             f"{why_not_a_date(item.date)}", token=item.text)
        elif item.kind == "invalid":
            if item.code:
                what = ("is not an exemption category (X1-X8, 25X1-25X9, 25X1-human, 50X1-HUM, "
                        "50X2-WMD)")
            else:
                what = "is not a date: write MM/DD/YYYY or YYYYMMDD"
            yield ctx.report(item.span, f"declassification instruction {item.text} {what}",
                             token=item.text)


def why_not_a_date(d) -> str:
    """Which part of a written date is impossible, for the message."""
    nums = [int(n) for n in re.findall(r"\d+", d.raw)]
    if d.form == "ymd":
        y, m, day = nums
    elif d.form == "mdy":
        m, day, y = nums
    elif d.form == "named":
        (day, y), m = nums, MONTHS[re.search(r"[A-Za-z]{3}", d.raw).group(0).upper()]
    else:
        return "it is neither MM/DD/YYYY, YYYY/MM/DD nor YYYYMMDD"
    if not 1 <= m <= 12:
        swapped = " (day and month swapped?)" if d.form == "mdy" and 1 <= day <= 12 else ""
        return f"there is no month {m}{swapped}"
    last = MONTH_DAYS[m - 1]
    if m == 2 and y > 0 and not (y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)):
        last = 28
    return f"month {m} has no day {day}" if day > last or day < 1 else "it is not a date"


@rule("DECL005", "decl-not-after-cable-date", "error")
def decl_not_after_cable_date(cable, ctx):
    """The declassification date is on or before the cable's own date.

    A date that has already passed declassifies the cable as it is sent (32 CFR 2001.12(a):
    the date is set "at the time the information is originally classified", for later). A
    cable dated only by its reference id (the year) is reported as an error only when the date
    falls before that year, and as a warning within it.

    Fails::

        O 050806Z NOV 09
        C O N F I D E N T I A L STATE 000001
        E.O. 12958: DECL: 11/05/2009

        1. (C) Text.

    Passes::

        O 050806Z NOV 09
        C O N F I D E N T I A L STATE 000001
        E.O. 12958: DECL: 11/05/2019

        1. (C) Text.
    """
    eo = cable.eo
    if eo is None or ctx.cable_date is None or era_of(ctx.cable_date) == "E0":
        return
    when = ctx.cable_date
    lo, hi = (era_bounds(when, ctx.date_source) if ctx.date_source == "reference id" else (when, when))
    for item in dates(eo):
        d = item.date.value
        if d > hi:
            continue
        sure = ctx.date_source != "reference id" or d < lo  # before every day of that year
        sev = None if sure and ctx.date_source != "today" else Severity.WARNING
        if ctx.date_source == "reference id":
            on = "may be on or before" if not sure else "is before"
            message = f"declassification date {item.text} {on} the date of {cable_when(ctx)}"
        else:
            on = "on" if d == when else "before"
            message = (f"declassification date {item.text} is {on} {cable_when(ctx)}: "
                       "the cable would be declassified as it is sent")
        yield ctx.report(item.span, message, token=item.text, severity=sev)


def limit_years(era: str | None, exempt: bool) -> int | None:
    """The longest classification an era allows; None when it sets no limit to check."""
    if era == "E1":
        return None if exempt else 10
    if era in ("E2", "E3"):
        return 25
    return None


@rule("DECL006", "decl-too-far", "error")
def decl_too_far(cable, ctx):
    """The declassification date is further from the cable date than the order allows.

    E.O. 12958 section 1.6(b): at most 10 years, unless an exemption X1-X8 is cited (era E1);
    E.O. 12958 as amended section 1.5(b) and E.O. 13526 section 1.5(b): at most 25 years (E2,
    E3). A duration ("TWENTY YEARS") counts from the cable date. A few days' slack absorbs the
    time between drafting and the date-time group; a cable dated only by its year is given the
    benefit of the whole year.

    Fails::

        O 050806Z NOV 09
        C O N F I D E N T I A L STATE 000001
        E.O. 12958: DECL: 11/05/2039

        1. (C) Text.

    Passes::

        O 050806Z NOV 09
        C O N F I D E N T I A L STATE 000001
        E.O. 12958: DECL: 11/05/2034

        1. (C) Text.
    """
    eo = cable.eo
    when = ctx.cable_date
    if eo is None or when is None:
        return
    codes = {i.code for i in eo.items if i.kind == "exemption"}
    if any(c[:1].isdigit() for c in codes):
        return  # 25X/50X exemptions allow more than 25 years
    exempt = any(c.startswith("X") for c in codes)
    nominal = limit_years(era_of(when), exempt)
    if nominal is None:
        return
    hi = era_bounds(when, ctx.date_source)[1]
    limits = [limit_years(e, exempt) for e in possible_eras(when, ctx.date_source)]
    widest = None if None in limits else max(limits)
    for item in eo.items:
        if item.kind == "date" and item.date.value:
            d = item.date.value
            if d <= add_years(when, nominal) + BOUNDARY_SLACK:
                continue
            certain = widest is not None and d > add_years(hi, widest) + BOUNDARY_SLACK
            if not certain and ctx.date_source == "reference id":
                continue  # some day of that year allows it
            message = (f"declassification date {item.text} is more than {nominal} years after "
                       f"{cable_when(ctx)}: {era_name(when)} allows at most {nominal}")
        elif item.kind == "duration":
            if item.years <= nominal:
                continue
            certain = widest is not None and item.years > widest
            message = f"declassification after {item.text}: {era_name(when)} allows at most {nominal} years"
        else:
            continue
        sev = None if certain and ctx.date_source != "today" else Severity.WARNING
        yield ctx.report(item.span, message, token=item.text, severity=sev)


def cable_when(ctx) -> str:
    if ctx.date_source == "reference id":
        return f"a cable of {ctx.cable_date.year} (dated by its reference id)"
    return f"the cable date {ctx.cable_date.isoformat()}"


def era_name(day: date) -> str:
    if day >= E3_START:
        return "E.O. 13526"
    if day >= E2_START:
        return "E.O. 12958 as amended"
    return "E.O. 12958 without an X1-X8 exemption"


@rule("DECL007", "prohibited-declass-instruction", "error")
def prohibited_declass_instruction(cable, ctx):
    """A declassification instruction the order in force does not allow.

    OADR, MR (manual review) and DCI Only ended with E.O. 12958 on 1995-10-14 (32 CFR
    2001.12(c)(2)); the X1-X8 exemptions ended on 2003-09-22 (ISOO: "can no longer be used");
    50X1-HUM and 50X2-WMD exist from E.O. 13526 (2010-06-27) and take no date or event (32 CFR
    2001.21(a)(4)(iii)-(iv)); 25X1-human was replaced by 50X1-HUM then (a warning).

    Fails::

        O 050806Z NOV 09
        C O N F I D E N T I A L STATE 000001
        E.O. 12958: DECL: X1

        1. (C) Text.

    Passes::

        O 050806Z NOV 09
        C O N F I D E N T I A L STATE 000001
        E.O. 12958: DECL: 11/05/2019

        1. (C) Text.
    """
    eo = cable.eo
    if eo is None or cut(eo):
        return
    has_date = any(i.kind in ("date", "duration", "event") for i in eo.items)
    for item in eo.items:
        judge, message = prohibited(item, has_date)
        if judge is None:
            continue
        level = era_level(ctx.cable_date, ctx.date_source, judge)
        if level:
            yield ctx.report(item.span, message, token=item.code or item.text, severity=severity(level))


def prohibited(item, has_date: bool):
    """(day -> level, message) for an instruction that some era forbids, else (None, "")."""
    code = item.code
    if item.kind == "legacy":
        return from_e1, f"{code} is no declassification instruction since E.O. 12958 (1995-10-14): give a date or event"
    if item.kind != "exemption":
        return None, ""
    if code.startswith("X"):
        return (lambda day: 2 if day >= E2_START else 0,
                f"exemption {code} was abolished on 2003-09-22: give a date up to 25 years on")
    if code in ("50X1-HUM", "50X2-WMD"):
        if has_date:
            return (lambda day: 2 if day >= E1_START else 0,
                    f"{code} takes no date or event: the information is exempt for 50 or 75 years")
        return (lambda day: 0 if day >= E3_START else 1 if day >= EO13526_SIGNED else 2 if day >= E1_START else 0,
                f"{code} exists only under E.O. 13526, in force from 2010-06-27")
    if code == "25X1-HUMAN":
        return (lambda day: 1 if day >= E3_START else 0,
                "25X1-human was replaced by 50X1-HUM under E.O. 13526")
    return None, ""


@rule("DECL008", "executive-order-era", "error")
def executive_order_era(cable, ctx):
    """The E.O. line names an order that does not fit the cable's date, or no such order.

    E.O. 11652 (1972), 12065 (1978-12-01), 12356 (1982-08-01), 12958 (1995-10-14, amended by
    13292 in 2003) and 13526 (signed 2009-12-29, in force 2010-06-27, section 6.3) each
    replaced the one before. 13526 before it was signed is an error, before it took effect a
    warning; 12958 on a cable from 2010-06-27 is a warning (a stale template). Any other number
    (12598, 19528) is no classification order; the message names the one likely meant.

    Fails::

        O 050806Z NOV 09
        C O N F I D E N T I A L STATE 000001
        E.O. 13526: DECL: 11/05/2019

        1. (C) Text.

    Passes::

        O 050806Z NOV 09
        C O N F I D E N T I A L STATE 000001
        E.O. 12958: DECL: 11/05/2019

        1. (C) Text.
    """
    eo = cable.eo
    if eo is None or eo.order is None:
        return
    order = eo.order
    span = eo.order_span or eo.span
    if order not in ORDERS:
        meant = likely_order(order)
        hint = f" (E.O. {meant}?)" if meant else ""
        yield ctx.report(span, f"E.O. {order} is not an order governing classification{hint}", token=order)
        return
    start, end = ORDERS[order]
    signed = ORDER_SIGNED.get(order, start)

    def wrong(day: date) -> int:
        if day < signed:
            return 2
        if day < start:
            return 1  # signed, not yet in force
        if end is not None and day > end:
            return 1 if order in ("12958", "13292") else 2
        return 0

    level = era_level(ctx.cable_date, ctx.date_source, wrong)
    if not level:
        return
    when = ctx.cable_date
    if when < signed:
        message = f"E.O. {order} did not exist on {when.isoformat()}: it was signed on {signed.isoformat()}"
    elif when < start:
        message = f"E.O. {order} was signed but not yet in force on {when.isoformat()} (from {start.isoformat()})"
    else:
        message = (f"E.O. {order} no longer governed classification on {when.isoformat()} "
                   f"(replaced on {(end + timedelta(days=1)).isoformat()}: {current_order(when)})")
    yield ctx.report(span, message, token=order, severity=severity(level))


def current_order(day: date) -> str:
    for order, (start, end) in ORDERS.items():
        if order != "13292" and start <= day and (end is None or day <= end):
            return f"use E.O. {order}"
    return "see the order in force"


@rule("DECL009", "ambiguous-year", "warning")
def ambiguous_year(cable, ctx):
    """The declassification date has a two-digit year: `11/02/10`.

    A two-digit year leaves the century to the reader; 32 CFR 2001.21(a)(4) writes dates as
    YYYYMMDD and cables as MM/DD/YYYY. Read here as 1960-2059.

    Fails::

        C O N F I D E N T I A L STATE 000001
        E.O. 12958: DECL: 11/02/19

        1. (C) Text.

    Passes::

        C O N F I D E N T I A L STATE 000001
        E.O. 12958: DECL: 11/02/2019

        1. (C) Text.
    """
    eo = cable.eo
    if eo is None or not era_level(ctx.cable_date, ctx.date_source, from_e1):
        return
    for item in eo.items:
        if item.kind == "date" and item.date.two_digit_year and item.date.value:
            full = item.date.value.strftime("%m/%d/%Y")
            yield ctx.report(item.span, f"declassification date {item.text} has a two-digit year: "
                             f"write {full}", token=item.text)
