"""BAN: the classification line (banner) and its agreement with the portions.

32 CFR 2001.21(b): "the highest level of classification is determined by the highest level of
any one portion"; 5 FAH-2 H-222: every telegram states its classification on its own line.
"""

from __future__ import annotations

from datetime import date

from cablelint.engine import rule
from cablelint.lattice import LEVEL_NAMES, level_name, rank
from cablelint.source import Span

LOU_ENDED = date(1995, 10, 1)  # 00 STATE 018029: LOU replaced by SBU from this day


def word_span(banner, word: str | None = None) -> Span:
    """The span of the banner's level word (or `word`), within the banner's own span."""
    s = banner.span
    length = min(len(word or banner.word), s.end - s.start)
    return Span(s.start, s.start + length, s.line, s.col, s.line, s.col + length)


def classified_level(cable) -> str | None:
    """The banner's level when it is a classification (C, S, TS); None otherwise."""
    b = cable.banner
    return b.level if b is not None and rank(b.level) > rank("U") else None


def first_span(cable) -> Span:
    """Where a missing classification line belongs: before the first element found."""
    spans = [c.span for c in cable.captions[:1]]
    spans += [x.span for x in (cable.eo, cable.tags, cable.subject) if x is not None]
    spans += [p.number_span for p in cable.paragraphs[:1]]
    if spans:
        first = min(spans, key=lambda s: s.start)
        return Span(first.start, first.start, first.line, first.col, first.line, first.col)
    return Span(0, 0, 1, 1, 1, 1)


def date_phrase(ctx) -> str:
    """How the message names the cable date: exact, or only the year."""
    d = ctx.cable_date
    if ctx.date_source == "reference id":
        return f"dated {d.year} (from its reference id)"
    return f"dated {d.isoformat()}"


def _other_classification(first, line) -> bool:
    """A classification line of the same cable (post and serial) with another level or controls
    (as meant: `SECRET//NF` says what `SECRET//NOFORN` says, and the controls' order is style)."""
    return first is not None and line.post == first.post and line.serial == first.serial and \
        _says(line) != _says(first)


def _says(banner) -> tuple:
    controls = banner.marking.meaning if banner.marking is not None else banner.controls
    return banner.level, banner.invalid_word, controls


def _classification(banner) -> str:
    return "//".join((banner.invalid_word or level_name(banner.level),) + banner.controls)


@rule("BAN001", "missing-banner", "error")
def missing_banner(cable, ctx):
    """The cable has no classification line.

    Every telegram states its classification on the line above the captions (5 FAH-2 H-222):
    UNCLAS, C O N F I D E N T I A L, S E C R E T, T O P S E C R E T, or a CAPCO form such as
    SECRET//NOFORN. Without it nobody can tell how the text must be handled.

    Fails::

        E.O. 12958: DECL: 11/05/2019
        TAGS: PREL UZ
        SUBJECT: (U) Talks
        1. (C) Text.

    Passes::

        C O N F I D E N T I A L STATE 000001
        E.O. 12958: DECL: 11/05/2019
        TAGS: PREL UZ
        SUBJECT: (U) Talks
        1. (C) Text.
    """
    if cable.banner is None:
        yield ctx.report(first_span(cable), "no classification line (UNCLAS, C O N F I D E N T I A L, "
                         "S E C R E T ...) above the captions and the E.O. line")


@rule("BAN002", "portion-exceeds-banner", "error")
def portion_exceeds_banner(cable, ctx):
    """A portion (a paragraph or the subject) is marked above the classification line.

    The cable is classified at the level of its highest portion (32 CFR 2001.21(b)): a `(S)`
    paragraph in a CONFIDENTIAL cable means the banner, or the mark, is wrong. Which one is a
    human decision, so nothing is changed.

    Fails::

        C O N F I D E N T I A L STATE 000001
        1. (C) First.
        2. (S) Second.

    Passes::

        S E C R E T STATE 000001
        1. (C) First.
        2. (S) Second.
    """
    banner = cable.banner
    if banner is None or banner.level is None:
        return
    for name, mark in cable.portions:
        level = mark.marking.level
        if rank(level) > rank(banner.level):
            yield ctx.report(mark.span, f"{name} is marked {mark.raw} but the banner is "
                             f"{level_name(banner.level)}: the cable is at least {level_name(level)}, "
                             f"or the mark is too high", token=mark.raw)


@rule("BAN003", "banner-exceeds-portions", "warning")
def banner_exceeds_portions(cable, ctx):
    """The classification line is above every portion: over-classification.

    A banner higher than its highest portion is legitimate only when the compilation of
    unclassified or lower parts is itself classified (32 CFR 2001.24(g)). Only checked when
    the paragraphs run 1..N and every one carries a mark, so that no unmarked or unseen
    portion can hold the level.

    Fails::

        S E C R E T STATE 000001
        1. (C) First.
        2. (U) Second.

    Passes::

        C O N F I D E N T I A L STATE 000001
        1. (C) First.
        2. (U) Second.
    """
    banner = cable.banner
    if classified_level(cable) is None:
        return
    portions = cable.portions
    paras = cable.paragraphs
    # a paragraph the text lost, or one without a mark, could be the one at the banner's level
    complete = [p.intended for p in paras] == list(range(1, len(paras) + 1))
    if not paras or not complete or any(p.mark is None or p.mark.marking is None for p in paras):
        return
    top = max((m.marking.level for _, m in portions), key=rank)
    if rank(top) < rank(banner.level):
        where = next(name for name, m in portions if m.marking.level == top)
        yield ctx.report(word_span(banner), f"the banner is {level_name(banner.level)} but no "
                         f"portion is above {level_name(top)} (highest: {where}); over-classified "
                         f"unless classified by compilation", token=banner.word)


_INVALID_ADVICE = {
    "SBU": "SBU is an administrative control: the line reads UNCLAS, with the SENSITIVE caption",
    "SENSITIVE BUT UNCLASSIFIED": "SBU is an administrative control: the line reads UNCLAS, "
                                  "with the SENSITIVE caption",
    "FOUO": "FOUO is an administrative control: the line reads UNCLASSIFIED//FOR OFFICIAL USE ONLY",
}


@rule("BAN004", "invalid-classification", "error")
def invalid_classification(cable, ctx):
    """The classification line uses a word that is not an authorized classification.

    Only TOP SECRET, SECRET and CONFIDENTIAL denote classified information (32 CFR 2001.24(a));
    SECRET SENSITIVE, AGENCY CONFIDENTIAL, or an administrative control such as SBU or FOUO in
    the level's place are not classifications.

    Fails::

        SECRET SENSITIVE STATE 000001
        1. (S) Text.

    Passes::

        SECRET STATE 000001
        1. (S) Text.
    """
    banner = cable.banner
    if banner is None or not banner.invalid_word:
        return
    word = " ".join(banner.invalid_word.upper().split())
    advice = _INVALID_ADVICE.get(word)
    if advice is None:
        advice = "the levels are " + ", ".join(LEVEL_NAMES[lv] for lv in ("TS", "S", "C"))
        if word.endswith("SENSITIVE"):
            advice += "; SENSITIVE is a caption of unclassified cables"
    yield ctx.report(word_span(banner, banner.invalid_word),
                     f"{banner.invalid_word} is not an authorized classification: {advice}",
                     token=banner.invalid_word)


@rule("BAN005", "limited-official-use", "warning")
def limited_official_use(cable, ctx):
    """LIMITED OFFICIAL USE on a cable dated from 1995-10-01.

    "As of October 1, 1995, the administrative control marking LIMITED OFFICIAL USE ceased to
    exist and was replaced with SENSITIVE BUT UNCLASSIFIED" (00 STATE 018029): the line reads
    UNCLAS with the SENSITIVE caption, portions (SBU). Earlier cables used it rightly. When only
    the year 1995 is known the cable may fall either side, and the message says so.

    Fails::

        LIMITED OFFICIAL USE STATE 000001
        1. (LOU) Text.

    Passes::

        UNCLAS STATE 000001
        SENSITIVE
        1. (SBU) Text.
    """
    d = ctx.cable_date
    if d is None:
        when = "of unknown date"
    elif d >= LOU_ENDED or ctx.date_source in ("as-of", "today"):
        when = date_phrase(ctx)
    elif ctx.date_source == "reference id" and d.year == LOU_ENDED.year:
        when = "dated 1995 (the day is unknown: it may precede 1995-10-01)"
    else:
        return
    found = []
    banner = cable.banner
    if banner is not None and banner.lou:
        found.append((word_span(banner), "the classification line"))
    for name, mark in cable.portions:
        if "LOU" in mark.marking.admin:
            found.append((mark.span, f"{name} ({mark.raw})"))
    for span, where in found:
        yield ctx.report(span, f"LIMITED OFFICIAL USE on {where} of a cable {when}: replaced on "
                         f"1995-10-01 by SBU (UNCLAS with the SENSITIVE caption, portions (SBU))",
                         token="LOU")


@rule("BAN006", "section-mismatch", "error")
def section_mismatch(cable, ctx):
    """`SECTION nn OF mm` that cannot be right: nn above mm, nn = 0, or sections out of order;
    or a later section of the same cable whose classification line gives another level.

    A long cable goes out in sections; each carries `SECTION nn OF mm` on its classification
    line, and page-break lines (`BRASILIA 00000033 002 OF 003`) repeat the section number. In a
    merged text the sections must run in order with one total, and each section's line (same
    post and serial) must give the first one's level and controls: where they differ, one of
    them was changed and the other not. A repeated header of the same section is not a defect.

    Fails::

        C O N F I D E N T I A L SECTION 03 OF 02 STATE 000001
        1. (C) Text.

    Passes::

        C O N F I D E N T I A L SECTION 01 OF 02 STATE 000001
        1. (C) Text.
    """
    total = previous = None
    for s in cable.sections:
        shown = f"{s.number:02d} OF {s.total:02d}" if s.kind != "page" else f"{s.number:03d} OF {s.total:03d}"
        where = "page-break line" if s.kind == "page" else "SECTION"
        problem = None
        if s.total == 0:
            problem = f"{where} {shown}: a cable has at least one section"
        elif s.number == 0:
            problem = f"{where} {shown}: sections are numbered from 1"
        elif s.number > s.total:
            problem = f"{where} {shown}: section {s.number} of only {s.total}"
        elif total is not None and s.total != total:
            problem = f"{where} {shown}: the total differs from the {total} sections stated before"
        elif previous is not None and s.number < previous:
            problem = f"{where} {shown}: section {s.number} comes after section {previous}"
        if problem:
            yield ctx.report(s.span, problem, token=shown)
        elif s.line is not None and _other_classification(cable.banner, s.line):
            yield ctx.report(word_span(s.line), f"SECTION {shown}: its classification line says "
                             f"{_classification(s.line)}, the first section's {_classification(cable.banner)}",
                             token=s.line.word)
        if total is None and s.total:
            total = s.total
        previous = max(previous or 0, s.number)
