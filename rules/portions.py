"""POR: portion marks on paragraphs and on the subject.

32 CFR 2001.21(c): each portion, "ordinarily a paragraph, but including subjects, titles", is
marked by a parenthetical symbol immediately preceding it; 5 FAH-1 H-246.2(c) places the
classification of each paragraph immediately after its number.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from cablelint.engine import Edit, Fix, Severity, rule
from cablelint.lattice import LEVEL_NAMES
from cablelint.rules.banner import classified_level

# E.O. 12065 (in force 1978-12-01) first required every portion to be marked.
PORTION_MARKS_REQUIRED = date(1978, 12, 1)
# Administrative controls that exist only for unclassified information.
UNCLASSIFIED_ONLY = frozenset({"SBU", "FOUO", "LOU"})


@rule("POR005", "unmarked-subject", "info")
def unmarked_subject(cable, ctx):
    """The SUBJECT line carries no portion mark.

    32 CFR 2001.23(b)(4): "Subject lines and titles shall be portion marked before the subject
    or title". Required from E.O. 13526 (era E3, a warning there); earlier cables mostly left
    the subject unmarked, so before E3 this is information only.

    Fails::

        C O N F I D E N T I A L STATE 000001
        SUBJECT: Talks in Tashkent
        1. (C) Text.

    Passes::

        C O N F I D E N T I A L STATE 000001
        SUBJECT: (U) Talks in Tashkent
        1. (C) Text.
    """
    s = cable.subject
    if s is None or s.mark is not None:
        return
    severity = Severity.WARNING if ctx.era == "E3" else None
    yield ctx.report(s.span, "the SUBJECT line has no portion mark, e.g. SUBJECT: (U) ...",
                     severity=severity)


@rule("POR001", "unmarked-portion", "error")
def unmarked_portion(cable, ctx):
    """A numbered paragraph carries no portion mark.

    Each portion is marked with its classification immediately after its number (5 FAH-1
    H-246.2(c), 32 CFR 2001.21(c)). In a cable that is classified, or that marks any portion,
    an unmarked paragraph is an error; in a wholly unmarked unclassified cable, or a wholly
    unmarked one sent before E.O. 12065 required portion marks, it is information only.

    A paragraph that is only a heading over marked items (`1. KEY POINTS:` then `-- (C) ...`)
    is marked by its items.

    Fails::

        C O N F I D E N T I A L STATE 000001
        1. (C) First.
        2. Second.

    Passes::

        C O N F I D E N T I A L STATE 000001
        1. (C) First.
        2. KEY POINTS:
        -- (C) An item.
        -- (U) Another.
    """
    auth = cable.authority
    headings = {item.paragraph for item in cable.items if item.after_heading}
    # `1. Classified by ...` is the authority line, not a portion (5 FAH-1 H-240); a paragraph
    # after the reasons on that line ("... 1.4 (b)(d)  1. Embassy ...") is one
    unmarked = [p for i, p in enumerate(cable.paragraphs)
                if p.mark is None and i not in headings and not (
                    auth and p.number_span.line == auth.span.line and p.number_span.start < auth.span.start)]
    if not unmarked:
        return
    level = classified_level(cable)
    marked = bool(cable.marks)
    early = (not marked and ctx.cable_date is not None and ctx.date_source in ("dtg", "reference id")
             and ctx.cable_date < PORTION_MARKS_REQUIRED)
    severity = None if (level or marked) and not early else Severity.INFO
    if early:
        context = "in a cable from before portion marks were required (E.O. 12065, 1978-12-01)"
    elif level:
        context = f"in a {LEVEL_NAMES[level]} cable"
    elif marked:
        context = "where other portions are marked"
    else:
        context = "in an unmarked unclassified cable"
    for p in unmarked:
        yield ctx.report(p.number_span, f"paragraph {p.written} has no portion mark {context}; "
                         f"its classification, e.g. (U), goes right after the number",
                         severity=severity, token=p.written)


@rule("POR002", "malformed-portion-mark", "error", fixable=True)
def malformed_portion_mark(cable, ctx):
    """A portion mark that almost parses: `1. C)`, `(C` without `)`, `(CONFIDENTIAL)`, `( S )`,
    `(S\\NF)`, `(S NF)`, `(S.NF)`, `[C]`, `{C}`, `(S//REL)` without its countries.

    Readers and tools that extract portions miss a mark that is not written as `(C)`. The
    message names the mark that was most likely meant. A mark that does not parse at all but
    begins with a level, `(S//REL)`, is still read for that level, so the other rules check the
    portion against the classification line. A mark in lower case, `(c)`, is fixed by
    upper-casing it, and blanks inside the parentheses, `( S )`, by removing them; the others
    are left for the drafter, since their meaning is a guess.

    Fails::

        C O N F I D E N T I A L STATE 000001
        1. (c) First.
        2. (C) Second.

    Fixed::

        C O N F I D E N T I A L STATE 000001
        1. (C) First.
        2. (C) Second.

    Passes::

        C O N F I D E N T I A L STATE 000001
        1. (C) First.
        2. (C) Second.
    """
    for name, mark in cable.marks:
        if not mark.problem:
            continue
        if mark.intended:
            message = f"{name}: malformed portion mark {mark.raw} ({mark.problem}); meant {mark.intended}"
        elif mark.marking is not None:
            message = f"{name}: the portion mark {mark.raw} {mark.problem}"
        else:
            message = f"{name}: {mark.raw} {mark.problem}"
        fix = None
        tidy = "(" + mark.raw[1:-1].strip() + ")"  # without blanks inside the parentheses
        if mark.intended and mark.intended.upper() == tidy.upper():  # only blanks and case differ
            what = [w for w, differs in (("remove the blanks inside the parentheses", tidy != mark.raw),
                                         ("upper-case the mark", tidy != mark.intended)) if differs]
            fix = Fix(f"{' and '.join(what)}: {mark.intended}", (Edit(mark.span, mark.intended),))
        yield ctx.report(mark.span, message, fix=fix, token=mark.raw)


@rule("POR003", "unknown-marking-token", "error")
def unknown_marking_token(cable, ctx):
    """A level or control that does not exist: `(X)`, `(S/ZZ)`, `SECRET//ZZ`.

    A mistyped control is either a lost restriction or a made-up one. The countries and
    organisations of a REL TO list (`REL TO USA, GBR`, `REL NATO`) are not controls and are
    not checked here.

    Fails::

        S E C R E T STATE 000001
        1. (S/ZZ) Text.

    Passes::

        S E C R E T STATE 000001
        NOFORN
        1. (S/NF) Text.
    """
    found = [(name, mark.span, mark.raw, mark.marking) for name, mark in cable.marks
             if mark.marking is not None and mark.marking.unknown]
    banner = cable.banner
    if banner is not None and banner.marking is not None and banner.marking.unknown:
        found.insert(0, ("the classification line", banner.span, "//".join(banner.controls),
                         banner.marking))
    for name, span, raw, m in found:
        words = list(m.unknown)
        parts = []
        if m.level is None and words:
            parts.append(f"{words.pop(0)} is not a level (U, C, S, TS, or SBU)")
        if words:
            parts.append(f"unknown control {', '.join(words)}")
        yield ctx.report(span, f"{name}: {raw}: {'; '.join(parts)}", token=raw)


@rule("POR004", "control-not-allowed-at-level", "error")
def control_not_allowed_at_level(cable, ctx):
    """A control used at a level it does not belong to: SBU or FOUO on a classified portion,
    ORCON on an unclassified one.

    SBU and FOUO mark unclassified information only (CAPCO register; ISM rules 00030, 00037):
    a classified portion carries its level and dissemination controls instead. ORCON applies
    to classified intelligence only (ISM rule 00028).

    Fails::

        C O N F I D E N T I A L STATE 000001
        1. (C//SBU) Text.

    Passes::

        C O N F I D E N T I A L STATE 000001
        1. (C) Text.
        2. (SBU) Text.
    """
    for name, mark in cable.portions:
        m = mark.marking
        wrong = sorted(m.admin & UNCLASSIFIED_ONLY) if m.admin and m.classified else []
        if wrong:
            yield ctx.report(mark.span, f"{name} is marked {mark.raw}: {' and '.join(wrong)} "
                             f"marks unclassified information only, not a {LEVEL_NAMES[m.level]} "
                             f"portion", token=mark.raw)
        if m.level == "U" and "ORCON" in m.controls:
            yield ctx.report(mark.span, f"{name} is marked {mark.raw}: ORCON applies to "
                             f"classified information only", token=mark.raw)


@rule("POR006", "mixed-marking-style", "info")
def mixed_marking_style(cable, ctx):
    """Portion marks mix the cable style `(S/NF)` with the CAPCO style `(S//NF)`.

    Both mean the same; one style throughout makes a cable easier to read and to check.

    Fails::

        S E C R E T STATE 000001
        NOFORN
        1. (S/NF) First.
        2. (S//NF) Second.

    Passes::

        S E C R E T STATE 000001
        NOFORN
        1. (S/NF) First.
        2. (S/NF) Second.
    """
    styled = [(name, mark) for name, mark in cable.portions if mark.marking.style != "plain"]
    counts = Counter(mark.marking.style for _, mark in styled)
    if len(counts) < 2:
        return
    first = styled[0][1].marking.style
    dominant = "capco" if counts["capco"] > counts["cable"] else (
        "cable" if counts["cable"] > counts["capco"] else first)
    shown = {"cable": "the cable style (/)", "capco": "the CAPCO style (//)"}
    name, mark = next((n, m) for n, m in styled if m.marking.style != dominant)
    yield ctx.report(mark.span, f"{name} is marked {mark.raw} in {shown[mark.marking.style]} where "
                     f"{counts[dominant]} other marks use {shown[dominant]}", token=mark.raw)
