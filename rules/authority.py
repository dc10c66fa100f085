"""CAB: the classification authority block, "Classified By: <name, position>  Reason: 1.4 (b)".

E.O. 12958 section 1.7(a) and E.O. 13526 section 1.6(a) put on the face of every classified
document who classified it and why; 32 CFR 2001.21(a)(1)-(3) says how: the name and position
of the classifier, and on the "Reason" line the section number plus the category letters.
Before 1995-10-14 (era E0) earlier orders applied and these rules stay quiet.
"""

from __future__ import annotations

from datetime import date

from cablelint.dates import E1_START, E2_START, TRANSITION_START, era_level
from cablelint.engine import Severity, rule
from cablelint.lattice import LEVEL_NAMES


def severity(level: int) -> Severity | None:
    """era_level's answer as a report severity: None keeps the rule's own."""
    return None if level == 2 else Severity.WARNING


def classified(cable) -> bool:
    return cable.banner is not None and cable.banner.level in ("C", "S", "TS")


def from_e1(day: date) -> int:
    return 2 if day >= E1_START else 0


@rule("CAB001", "missing-classified-by", "error")
def missing_classified_by(cable, ctx):
    """A classified cable has no Classified By line.

    E.O. 12958 section 1.7(a)(2) and E.O. 13526 section 1.6(a)(2): the identity of the
    original classifier, by name and position, is on the face of the document (32 CFR
    2001.21(a)(1)); State cables give it, with the reason, just above the first paragraph. A
    cable classified derivatively names its source instead, `Derived From: DSCG 05-1` (32 CFR
    2001.22(c)), alone or after `Classified By:`; that is no finding.

    Fails::

        C O N F I D E N T I A L STATE 000001
        E.O. 12958: DECL: 11/05/2019
        TAGS: PREL
        SUBJECT: (U) Talks

        1. (C) Text.

    Passes::

        C O N F I D E N T I A L STATE 000001
        E.O. 12958: DECL: 11/05/2019
        TAGS: PREL
        SUBJECT: (U) Talks

        Classified By: Ambassador Jane Doe, reasons 1.4 (b) and (d)

        1. (C) Text.
    """
    if cable.authority is not None or not classified(cable):
        return
    level = era_level(ctx.cable_date, ctx.date_source, from_e1)
    if level:
        name = LEVEL_NAMES[cable.banner.level]
        yield ctx.report(cable.banner.span, f"the cable is {name} but has no Classified By line "
                         "(the classifier's name and position, and the reason)",
                         token=cable.banner.level, severity=severity(level))


@rule("CAB002", "missing-reason", "error")
def missing_reason(cable, ctx):
    """Classified By gives no reason, or cites a section without a category letter.

    32 CFR 2001.21(a)(3): the "Reason" line gives the section number plus the letter(s) of the
    classification category, e.g. `Reason: 1.4 (b) and (d)`. A derivative classification
    ("Derived from ...") carries no reason and is not reported, nor is a line the text cuts off
    with "...".

    Fails::

        C O N F I D E N T I A L STATE 000001
        Classified By: Ambassador Jane Doe

        1. (C) Text.

    Passes::

        C O N F I D E N T I A L STATE 000001
        Classified By: Ambassador Jane Doe, reasons 1.4 (b) and (d)

        1. (C) Text.
    """
    a = cable.authority
    if a is None or a.cut_off or a.derived or a.letters:
        return
    if cable.banner is not None and cable.banner.level == "U":
        return  # CAB005: the line should not be there at all
    level = era_level(ctx.cable_date, ctx.date_source, from_e1)
    if not level:
        return
    if a.section is None:
        message = "Classified By gives no reason: cite the category, e.g. Reason: 1.4 (b) and (d)"
        span = a.span
    else:
        message = f"the reason cites section {a.section} but no category letter (a)-(h)"
        span = a.reason_span
    yield ctx.report(span, message, token=a.section or "", severity=severity(level))


@rule("CAB003", "reason-section-era", "error")
def reason_section_era(cable, ctx):
    """The reason cites the section of the wrong order for the cable's date.

    E.O. 12958 listed the categories in section 1.5; from 2003-09-22, when ISOO's directive for
    E.O. 13292 took effect, they are in section 1.4 (ISOO, "Changes to classified document
    markings", 2003: "Cite for this line is now Section 1.4 not 1.5"), as in E.O. 13526. So
    1.5 from 2003-09-22 on, and 1.4 before, are errors; between 2003-03-25 (E.O. 13292 signed)
    and 2003-09-21 a 1.4 is a warning.

    Fails::

        C O N F I D E N T I A L STATE 000001
        Classified By: Ambassador Jane Doe, reasons 1.5 (b) and (d)

        1. (C) Text.

    Passes::

        C O N F I D E N T I A L STATE 000001
        Classified By: Ambassador Jane Doe, reasons 1.4 (b) and (d)

        1. (C) Text.
    """
    a = cable.authority
    if a is None or a.section is None or a.reason_span is None:
        return
    section = a.section

    def wrong(day: date) -> int:
        if day < E1_START:
            return 0
        if section == "1.5":
            return 2 if day >= E2_START else 0
        if section == "1.4":
            return 0 if day >= E2_START else (1 if day >= TRANSITION_START else 2)
        return 2

    level = era_level(ctx.cable_date, ctx.date_source, wrong)
    if not level:
        return
    if section == "1.5":
        message = ("the reason cites section 1.5, which held the categories only until "
                   "2003-09-21; from 2003-09-22 cite 1.4 with the same letters")
    elif section == "1.4":
        message = ("the reason cites section 1.4, but before 2003-09-22 the categories were "
                   "in section 1.5 of E.O. 12958")
    else:
        right = "1.4" if ctx.cable_date >= E2_START else "1.5"
        message = f"the reason cites section {section}; the classification categories are in section {right}"
    yield ctx.report(a.reason_span, message, token=section, severity=severity(level))


@rule("CAB004", "invalid-reason-category", "error")
def invalid_reason_category(cable, ctx):
    """A reason letter that names no classification category: outside (a)-(h), or (h) in E1.

    The categories are (a)-(g) in E.O. 12958 section 1.5; E.O. 13292 (2003-03-25) added (h),
    kept by E.O. 13526 section 1.4. An (h) dated between 2003-03-25 and 2003-09-21 is a warning.

    Fails::

        C O N F I D E N T I A L STATE 000001
        Classified By: Ambassador Jane Doe, reasons 1.4 (b) and (k)

        1. (C) Text.

    Passes::

        C O N F I D E N T I A L STATE 000001
        Classified By: Ambassador Jane Doe, reasons 1.4 (b) and (h)

        1. (C) Text.
    """
    a = cable.authority
    if a is None or not a.letters or a.reason_span is None:
        return
    for letter in dict.fromkeys(a.letters):
        if letter > "h":
            level = era_level(ctx.cable_date, ctx.date_source, from_e1)
            message = f"reason ({letter}) is not a classification category: the categories are (a)-(h)"
        elif letter == "h":
            level = era_level(ctx.cable_date, ctx.date_source, lambda day: (
                0 if day < E1_START or day >= E2_START else 1 if day >= TRANSITION_START else 2))
            message = ("reason (h) did not exist before E.O. 13292 (2003-03-25): the categories of "
                       "E.O. 12958 are (a)-(g)")
        else:
            continue
        if level:
            yield ctx.report(a.reason_span, message, token=letter, severity=severity(level))


@rule("CAB005", "authority-on-unclassified", "warning")
def authority_on_unclassified(cable, ctx):
    """An unclassified cable carries a Classified By line.

    Only classified information has a classifier and a reason (32 CFR 2001.21(a)); on an
    UNCLAS cable the line says the text is classified when its banner says it is not: one of
    the two is wrong.

    Fails::

        UNCLAS STATE 000001
        Classified By: Ambassador Jane Doe, reasons 1.4 (b) and (d)

        1. (U) Text.

    Passes::

        UNCLAS STATE 000001
        E.O. 12958: N/A

        1. (U) Text.
    """
    a = cable.authority
    if a is None or cable.banner is None or cable.banner.level != "U":
        return
    yield ctx.report(a.span, "Classified By on an unclassified cable: either the banner or the "
                     "Classified By line is wrong", token="U")
