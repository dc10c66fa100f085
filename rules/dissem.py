"""DIS: dissemination controls (NOFORN, REL TO, ORCON, NODIS, EXDIS, SIPDIS) and their roll-up.

A control on any portion must reach the cable as a whole: in a State cable as a caption below
the classification line (NOFORN, NODIS, EXDIS, SENSITIVE), in a CAPCO-style text as a block of
the banner (SECRET//NOFORN). CAPCO register 2016 §D.2 and the ISM roll-up rules.
"""

from __future__ import annotations

from datetime import date

from cablelint.engine import rule
from cablelint.lattice import level_name, rel_order_problem, roll_up
from cablelint.rules.banner import classified_level, date_phrase, word_span

SIPDIS_START = date(2005, 12, 1)  # 05 STATE 226504 introduced the SIPDIS caption


def controls_on_cable(cable, control: str) -> list:
    """Where the cable as a whole carries `control`: ("the caption" / "the banner", span)."""
    if control not in cable.control_words:
        return []
    out = [("the caption", c.span) for c in cable.captions if c.word == control]
    b = cable.banner
    if b is not None and b.marking is not None and control in b.marking.controls:
        out.append(("the banner", b.span))
    return sorted(out, key=lambda x: x[1].start)


def occurrences(cable, control: str) -> list:
    """Every place `control` appears, the cable's own and its portions': (what, span)."""
    if control not in cable.control_words:
        return []
    out = controls_on_cable(cable, control)
    out += [(f"{name} {mark.raw}", mark.span) for name, mark in cable.portions
            if control in mark.marking.controls]
    return sorted(out, key=lambda x: x[1].start)


def sensitive_on_cable(cable):
    """Spans of SENSITIVE captions, an UNCLAS SENSITIVE line, or an SBU banner block."""
    spans = [c.span for c in cable.captions if c.word == "SENSITIVE"]
    b = cable.banner
    if b is not None and (b.qualifier == "SENSITIVE" or (b.marking and "SBU" in b.marking.admin)):
        spans.append(b.span)
    return spans


@rule("DIS001", "noforn-not-rolled-up", "error")
def noforn_not_rolled_up(cable, ctx):
    """A NOFORN portion (`S/NF`, `C//NF`, `SBU/NF`) but no NOFORN caption or banner control.

    NOFORN on any portion makes the whole cable NOFORN (CAPCO §D.2, ISM 00070/00087): without
    the caption it can be released to a foreign government in full.

    Fails::

        S E C R E T STATE 000001
        SIPDIS
        1. (S) First.
        2. (S/NF) Second.

    Passes::

        S E C R E T STATE 000001
        NOFORN
        SIPDIS
        1. (S) First.
        2. (S/NF) Second.
    """
    noforn = [(name, mark) for name, mark in cable.portions if mark.marking.noforn]
    if not noforn or controls_on_cable(cable, "NOFORN"):
        return
    name, mark = noforn[0]
    more = f" (and {len(noforn) - 1} more)" if len(noforn) > 1 else ""
    yield ctx.report(mark.span, f"{name} is marked {mark.raw}{more} but the cable has no NOFORN "
                     f"caption or banner control", token=mark.raw)


@rule("DIS002", "noforn-without-portion", "warning")
def noforn_without_portion(cable, ctx):
    """A NOFORN caption (or banner control) but no portion is NOFORN.

    The banner is the roll-up of the portions: a NOFORN cable whose every portion could go to
    a foreign government is over-restricted, or a portion lost its /NF. Checked only when the
    cable marks its portions.

    Fails::

        S E C R E T STATE 000001
        NOFORN
        1. (S) First.
        2. (C) Second.

    Passes::

        S E C R E T STATE 000001
        NOFORN
        1. (S) First.
        2. (C/NF) Second.
    """
    spans = controls_on_cable(cable, "NOFORN")
    if not spans or not cable.portions:
        return
    if any(m.marking.noforn for _, m in cable.portions):
        return
    yield ctx.report(spans[0][1], f"NOFORN on the cable but none of its {len(cable.portions)} marked "
                     f"portions is NOFORN (/NF)", token="NOFORN")


@rule("DIS003", "noforn-with-rel-to", "error")
def noforn_with_rel_to(cable, ctx):
    """NOFORN and REL TO together, in one portion or in the banner.

    NOFORN forbids any foreign release and REL TO permits one: the two contradict each other
    (CAPCO §H.8; ISM 00033).

    Fails::

        S E C R E T STATE 000001
        NOFORN
        1. (S//NF//REL TO USA, GBR) Text.

    Passes::

        S E C R E T STATE 000001
        1. (S//REL TO USA, GBR) Text.
    """
    b = cable.banner
    if b is not None and b.marking is not None and b.marking.rel_to is not None:
        if controls_on_cable(cable, "NOFORN"):
            yield ctx.report(b.span, f"the banner releases to {', '.join(b.marking.rel_to)} but the "
                             f"cable is NOFORN", token="REL TO")
    for name, mark in cable.portions:
        m = mark.marking
        if m.noforn and m.rel_to is not None:
            yield ctx.report(mark.span, f"{name} is marked {mark.raw}: NOFORN and REL TO "
                             f"contradict each other", token=mark.raw)


@rule("DIS004", "rel-to-roll-up", "error")
def rel_to_roll_up(cable, ctx):
    """The banner's REL TO list is not the portions' common list, or a list is out of order.

    A cable may be released only to those every classified portion may go to: the banner's
    REL TO list is the intersection of the portions' lists, and a classified portion without
    REL TO makes the cable not releasable (CAPCO Table 3; ISM 00088). A CAPCO list names USA
    first, then trigraphs, then longer codes, each group alphabetically (ISM 00214); a
    State-style list without USA (`REL NATO`) is not held to that order.

    Fails::

        SECRET//REL TO USA, AUS, GBR
        1. (S//REL TO USA, GBR) First.
        2. (S//REL TO USA, AUS, GBR) Second.

    Passes::

        SECRET//REL TO USA, GBR
        1. (S//REL TO USA, GBR) First.
        2. (S//REL TO USA, AUS, GBR) Second.
    """
    b = cable.banner
    if b is not None and b.marking is not None and b.marking.rel_to is not None:
        rel = b.marking.rel_to
        shown = ", ".join(rel)
        bare = [name for name, mark in cable.portions
                if mark.marking.classified and mark.marking.rel_to is None]
        if bare:
            yield ctx.report(b.span, f"the banner says REL TO {shown} but {bare[0]} has no REL TO, "
                             f"so the cable cannot be released", token="REL TO")
        else:
            need = roll_up([m.marking for _, m in cable.portions])
            if need is not None and need.rel_to is not None and set(need.rel_to) != set(rel) | {"USA"}:
                yield ctx.report(b.span, f"the banner says REL TO {shown} but the portions are "
                                 f"releasable in common to {', '.join(need.rel_to)}", token="REL TO")
        problem = rel_order_problem(rel)
        if problem:
            yield ctx.report(b.span, f"the banner's REL TO list is out of order: {problem}",
                             token="REL TO")
    for name, mark in cable.portions:
        rel = mark.marking.rel_to
        if rel:
            problem = rel_order_problem(rel)
            if problem:
                yield ctx.report(mark.span, f"{name} is marked {mark.raw}: {problem}", token=mark.raw)


@rule("DIS005", "nodis-with-exdis", "error")
def nodis_with_exdis(cable, ctx):
    """NODIS and EXDIS on one cable.

    NODIS (no distribution beyond the addressees) supersedes EXDIS (exclusive distribution):
    the two are never used together (CAPCO §H.9; ISM 00038). Say which one is meant.

    Fails::

        S E C R E T STATE 000001
        NODIS
        EXDIS
        1. (S) Text.

    Passes::

        S E C R E T STATE 000001
        NODIS
        1. (S) Text.
    """
    nodis = occurrences(cable, "NODIS")
    exdis = occurrences(cable, "EXDIS")
    if not (nodis and exdis):
        return
    first, later = sorted([("NODIS", *nodis[0]), ("EXDIS", *exdis[0])], key=lambda x: x[2].start)
    yield ctx.report(later[2], f"{later[0]} on {later[1]} while {first[1]} has {first[0]}: NODIS "
                     f"and EXDIS are never used together", token=later[0])


@rule("DIS006", "sipdis-with-nodis-exdis", "error")
def sipdis_with_nodis_exdis(cable, ctx):
    """SIPDIS together with NODIS or EXDIS.

    SIPDIS puts a cable on the SIPRNet for wide distribution; "SIPDIS messages may not carry
    other restrictive captions or caveats, such as NODIS or EXDIS" (05 STATE 226504).

    Fails::

        S E C R E T STATE 000001
        NODIS
        SIPDIS
        1. (S) Text.

    Passes::

        S E C R E T STATE 000001
        NODIS
        1. (S) Text.
    """
    restricted = [(word, found) for word in ("NODIS", "EXDIS") if (found := occurrences(cable, word))]
    sipdis = occurrences(cable, "SIPDIS") if restricted else None  # the rare captions first
    if not sipdis:
        return
    for word, found in restricted:
        yield ctx.report(sipdis[0][1], f"SIPDIS on a cable with {word} ({found[0][0]}): a "
                         f"SIPDIS cable carries no restrictive caption", token="SIPDIS")


@rule("DIS007", "sipdis-anachronism", "warning")
def sipdis_anachronism(cable, ctx):
    """SIPDIS on a cable dated before December 2005.

    The SIPDIS distribution caption was introduced by 05 STATE 226504 in December 2005; on an
    earlier cable it suggests a wrong date or a caption added later. When only the year 2005
    is known, the message says the month is unknown.

    Fails::

        O 050806Z NOV 04
        FM AMEMBASSY TASHKENT
        S E C R E T TASHKENT 000001
        SIPDIS
        1. (S) Text.

    Passes::

        O 050806Z DEC 05
        FM AMEMBASSY TASHKENT
        S E C R E T TASHKENT 000001
        SIPDIS
        1. (S) Text.
    """
    d = ctx.cable_date
    if d is None or d >= SIPDIS_START:
        return
    sipdis = occurrences(cable, "SIPDIS")
    if not sipdis:
        return
    when = date_phrase(ctx)
    if ctx.date_source == "reference id" and d.year == SIPDIS_START.year:
        when = "dated 2005 (the month is unknown)"
    yield ctx.report(sipdis[0][1], f"SIPDIS on a cable {when}: the caption dates from December "
                     f"2005 (05 STATE 226504)", token="SIPDIS")


@rule("DIS008", "missing-sensitive-caption", "warning")
def missing_sensitive_caption(cable, ctx):
    """An UNCLAS cable with SBU portions and no SENSITIVE caption.

    An unclassified cable that holds sensitive but unclassified information is captioned
    SENSITIVE so that it is handled as SBU (00 STATE 018029).

    Fails::

        UNCLAS STATE 000001
        SIPDIS
        1. (SBU) First.
        2. (U) Second.

    Passes::

        UNCLAS STATE 000001
        SENSITIVE
        SIPDIS
        1. (SBU) First.
        2. (U) Second.
    """
    b = cable.banner
    if b is None or b.level != "U" or sensitive_on_cable(cable):
        return
    sbu = [name for name, mark in cable.portions if "SBU" in mark.marking.admin]
    if sbu:
        yield ctx.report(word_span(b), f"the cable is {b.word} and {sbu[0]} is SBU"
                         f"{f' ({len(sbu)} SBU portions)' if len(sbu) > 1 else ''}, but there is no "
                         f"SENSITIVE caption", token=b.word)


@rule("DIS009", "sensitive-on-classified", "warning")
def sensitive_on_classified(cable, ctx):
    """A SENSITIVE caption (or SBU banner control) on a classified cable.

    SENSITIVE marks an unclassified cable that holds SBU information; a classified cable is
    protected by its level, and SBU is not used in its banner (CAPCO §H.9).

    Fails::

        C O N F I D E N T I A L STATE 000001
        SENSITIVE
        1. (C) First.
        2. (SBU) Second.

    Passes::

        C O N F I D E N T I A L STATE 000001
        1. (C) First.
        2. (SBU) Second.
    """
    level = classified_level(cable)
    if level is None:
        return
    for span in sensitive_on_cable(cable)[:1]:
        yield ctx.report(span, f"SENSITIVE (SBU) on a {level_name(level)} cable: the caption is "
                         f"for unclassified cables", token="SENSITIVE")


@rule("DIS010", "orcon-not-rolled-up", "error")
def orcon_not_rolled_up(cable, ctx):
    """An ORCON portion but no ORCON in the banner.

    "The ORCON marking must always appear in the banner line if any portion contains ORCON
    information" (CAPCO §H.8): SECRET//ORCON.

    Fails::

        SECRET//NOFORN
        1. (S//OC/NF) Text.

    Passes::

        SECRET//ORCON/NOFORN
        1. (S//OC/NF) Text.
    """
    orcon = [(name, mark) for name, mark in cable.portions if "ORCON" in mark.marking.controls]
    if not orcon or controls_on_cable(cable, "ORCON"):
        return
    name, mark = orcon[0]
    yield ctx.report(mark.span, f"{name} is marked {mark.raw} but the banner has no ORCON",
                     token=mark.raw)
