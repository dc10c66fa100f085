"""PAR: paragraph numbering, paragraph references, and Summary/Comment/Note blocks.

5 FAH-1 H-246.2: "number each paragraph consecutively; do not number a single paragraph",
the classification of each paragraph immediately following its number.
"""

from __future__ import annotations

from cablelint.engine import Edit, Fix, rule


def _number_text(p, number: int, style: str) -> str:
    return f"¶{number}." if style == "pilcrow" else f"{number}."


def dominant_style(cable) -> str:
    """The numbering style most paragraphs use (slipped ones do not count); ties go to ¶."""
    pilcrow = plain = 0
    for p in cable.paragraphs:
        if not p.slipped:
            if p.style == "pilcrow":
                pilcrow += 1
            else:
                plain += 1
    return "pilcrow" if pilcrow and pilcrow >= plain else "plain"


@rule("PAR001", "paragraph-sequence", "error")
def paragraph_sequence(cable, ctx):
    """Paragraph numbers must run 1, 2, 3 with no gap, restart or step back.

    A break in the sequence usually means a paragraph was lost, or a number was mistyped; the
    message names the number expected and, where one digit of it was dropped (`¶2` where ¶12
    is expected), says so. A number between two that follow on from each other (`3.`, `30.`,
    `5.`) is reported once as mistyped, not as a gap and then a step back; so is a pair typed
    the wrong way round (`4.` then `3.`), at the first of the two. Duplicates are
    PAR003 and pilcrow slips (`16.` for ¶6) PAR002. The numbers of a document quoted between
    "Begin text" and "End text" are its own, not the cable's.

    Fails::

        UNCLAS STATE 000001
        1. (U) First.
        3. (U) Third.

    Passes::

        UNCLAS STATE 000001
        1. (U) First.
        2. (U) Second.
    """
    for p, expected, kind, _ in _sequence(cable):
        if kind == "restart":
            yield ctx.report(p.number_span, f"numbering restarts: paragraph numbered {p.written} "
                             f"where {expected} is expected", token=p.written)
        elif kind == "dropped":
            yield ctx.report(p.number_span,
                             f"paragraph numbered {p.written} where {p.intended} is expected; "
                             f"likely a dropped digit: {p.intended}", token=p.written)
        elif kind == "swapped":
            yield ctx.report(p.number_span, f"paragraph numbered {p.written} where {expected} is expected, "
                             f"and the next is numbered {expected}: the two numbers are the wrong way round",
                             token=p.written)
        elif kind == "mistyped":
            yield ctx.report(p.number_span, f"paragraph numbered {p.written} where {expected} is expected; "
                             f"the next is {expected + 1}, so likely a mistyped {expected}", token=p.written)
        elif kind == "break":
            if p.number < expected:
                what = "numbering goes back"
            elif expected == 1:
                what = "the first paragraph is not numbered 1"
            elif p.number == expected + 1:
                what = f"paragraph {expected} is missing"
            else:
                what = f"paragraphs {expected}-{p.number - 1} are missing"
            yield ctx.report(p.number_span,
                             f"{what}: paragraph numbered {p.written} where {expected} is expected",
                             token=p.written)


_last_walk: list = [None, ()]  # the cable last walked and its walk: PAR001 and PAR003 share it


def _sequence(cable) -> tuple:
    """The walk of _walk for `cable`, made once for the rules that read it."""
    if _last_walk[0] is not cable:
        _last_walk[:] = [cable, tuple(_walk(cable))]
    return _last_walk[1]


def _walk(cable):
    """Walk the paragraphs once: (paragraph, number expected there, what happened, line of
    the earlier paragraph with the same number or None).

    What happened is "ok", "slip" (PAR002), "dropped" (a digit left out), "mistyped" (the
    number is off but the next one follows on from the one expected here), "swapped" (the next
    one has the number expected here, and this one the number after it), "swapped back" (the
    second of such a pair, reported with the first), "restart" (back to 1: reported once, and
    the new run is followed from there), "duplicate" (PAR003: the number was used earlier in
    the same run) or "break" (a gap or a step back).
    """
    seen: dict[int, int] = {}
    expected = 1
    owed = None  # the number the first of a swapped pair stood in place of
    paras = cable.paragraphs
    for k, p in enumerate(paras):
        nxt = paras[k + 1] if k + 1 < len(paras) else None
        # the next paragraph carries on from the number expected here: this one stands for it
        stands_in = expected > 1 and nxt is not None and not nxt.slipped and \
            nxt.number == nxt.intended == expected + 1
        if p.slipped:
            kind = "slip"
        elif p.number != p.intended:
            kind = "dropped"
        elif p.number == owed:
            kind = "swapped back"
        elif p.number == expected:
            kind = "ok"
        elif p.number == 1 and expected > 2 and not stands_in:
            kind = "restart"
            seen = {}
        elif p.number in seen:
            kind = "duplicate"
        elif stands_in:
            kind = "mistyped"
        elif p.number == expected + 1 and nxt is not None and not nxt.slipped and \
                nxt.number == nxt.intended == expected:
            kind = "swapped"
        else:
            kind = "break"
        yield p, expected, kind, seen.get(p.number)
        owed = expected if kind == "swapped" else None
        if kind == "swapped back":
            seen.setdefault(p.number, p.number_span.line)
        elif stands_in and kind in ("duplicate", "mistyped"):
            seen.setdefault(expected, p.number_span.line)
            expected += 1
        else:
            seen.setdefault(p.intended, p.number_span.line)
            expected = p.intended + 1


@rule("PAR002", "pilcrow-slip", "error", fixable=True)
def pilcrow_slip(cable, ctx):
    """A paragraph numbered as the expected number with a leading 1: `16.` where ¶6 is due.

    The ¶ sign was typed or rendered as "1". The fix renumbers the paragraph in the cable's own
    style (`¶6.` in a cable numbered with ¶ signs, `6.` otherwise) and changes nothing else.

    Fails::

        UNCLAS STATE 000001
        ¶1. (U) First.
        ¶2. (U) Second.
        13. (U) Third.

    Fixed::

        UNCLAS STATE 000001
        ¶1. (U) First.
        ¶2. (U) Second.
        ¶3. (U) Third.

    Passes::

        UNCLAS STATE 000001
        ¶1. (U) First.
        ¶2. (U) Second.
        ¶3. (U) Third.
    """
    style = dominant_style(cable)
    for p in cable.paragraphs:
        if p.slipped:
            new = _number_text(p, p.intended, style)
            yield ctx.report(
                p.number_span,
                f"paragraph numbered {p.written} where ¶{p.intended} is expected: "
                f"the ¶ sign was typed as 1",
                fix=Fix(f"renumber as {new}", (Edit(p.number_span, new),)),
                token=p.written,
            )


@rule("PAR003", "duplicate-paragraph-number", "error")
def duplicate_paragraph_number(cable, ctx):
    """Two paragraphs carry the same number.

    Fails::

        UNCLAS STATE 000001
        1. (U) First.
        2. (U) Second.
        2. (U) Third.

    Passes::

        UNCLAS STATE 000001
        1. (U) First.
        2. (U) Second.
        3. (U) Third.
    """
    for p, _, kind, first in _sequence(cable):
        if kind == "duplicate":
            yield ctx.report(p.number_span,
                             f"paragraph number {p.written} is used twice (first at line {first})",
                             token=p.written)


def _shape(style: str, punctuation: str = ".", pilcrow_as: str = "") -> str:
    """How a paragraph number is written, with N for the digits: "¶N.", "N.", "N,", "&para;N." ..."""
    return f"{(pilcrow_as or '¶') if style == 'pilcrow' else ''}N{punctuation}"


@rule("PAR004", "mixed-numbering-style", "warning", fixable=True)
def mixed_numbering_style(cable, ctx):
    """Some paragraphs are numbered `¶N.` and others `N.`; the fix uses the dominant style.

    A number written with a comma, colon or dash for its period (`5, (S/NF)`, `6: (C)`,
    `7- (C)`), with a stray stop after it (`8.. (C)`, `8.) (C)`), or with none (`5 (C)`), is out
    of style too, whatever the rest of the cable uses; so is a ¶ written as an HTML entity
    (`&para;5.`, `&#182;5.`) or decoded twice (`Â¶5.`, UTF-8 read as cp1252).

    Fails::

        UNCLAS STATE 000001
        ¶1. (U) First.
        ¶2. (U) Second.
        3. (U) Third.

    Fixed::

        UNCLAS STATE 000001
        ¶1. (U) First.
        ¶2. (U) Second.
        ¶3. (U) Third.

    Passes::

        UNCLAS STATE 000001
        1. (U) First.
        2. (U) Second.
    """
    paras = [p for p in cable.paragraphs if not p.slipped]
    style = dominant_style(cable)
    shown = _shape(style)
    for p in paras:
        if p.style != style or p.punctuation != "." or p.pilcrow_as:
            new = _number_text(p, p.number, style)
            # only the sign's spelling out of style: say so, even where every paragraph has it
            why = f": {p.pilcrow_as} written for the ¶ sign" if p.style == style and p.punctuation == "." \
                else f" where the cable uses {shown}"
            yield ctx.report(p.number_span,
                             f"paragraph {p.written} is numbered {_shape(p.style, p.punctuation, p.pilcrow_as)}{why}",
                             fix=Fix(f"renumber as {new}", (Edit(p.number_span, new),)),
                             token=p.written)


@rule("PAR005", "single-paragraph-numbered", "info")
def single_paragraph_numbered(cable, ctx):
    """The only paragraph of the cable is numbered ("do not number a single paragraph").

    Fails::

        UNCLAS STATE 000001
        1. (U) The only paragraph.

    Passes::

        UNCLAS STATE 000001
        (U) The only paragraph.
    """
    if len(cable.paragraphs) == 1:
        p = cable.paragraphs[0]
        yield ctx.report(p.number_span, "the only paragraph is numbered; a single paragraph "
                         "is not numbered", token=p.written)


@rule("PAR006", "dangling-paragraph-reference", "warning")
def dangling_paragraph_reference(cable, ctx):
    """A reference such as "para 7" or "paras 3-5" to a paragraph the cable does not have.

    References to another cable's paragraphs ("ref A para 3", "para 2 of reftel") are not
    checked.

    Fails::

        UNCLAS STATE 000001
        1. (U) See para 3.
        2. (U) Second.

    Passes::

        UNCLAS STATE 000001
        1. (U) See para 2.
        2. (U) Second.
    """
    numbers = {p.intended for p in cable.paragraphs}
    if not numbers:
        return
    for p in cable.paragraphs:
        for ref in p.refs:
            missing = [n for n in ref.numbers if n not in numbers]
            if missing:
                which = ", ".join(str(n) for n in missing)
                yield ctx.report(ref.span, f"reference to paragraph {which}, which this cable "
                                 f"does not have (last is {max(numbers)})", token=which)


@rule("PAR007", "self-reference", "warning")
def self_reference(cable, ctx):
    """A paragraph refers to itself by number: "(para 5)" inside ¶5.

    Usually the number of another paragraph was meant.

    Fails::

        UNCLAS STATE 000001
        1. (U) First.
        2. (U) Guidance (para 2) follows.

    Passes::

        UNCLAS STATE 000001
        1. (U) First.
        2. (U) As said in para 1.
    """
    for p in cable.paragraphs:
        for ref in p.refs:
            if p.intended in ref.numbers:
                yield ctx.report(ref.span, f"paragraph {p.intended} refers to itself",
                                 token=str(p.intended))


@rule("PAR008", "unbalanced-summary-comment", "warning")
def unbalanced_summary_comment(cable, ctx):
    """"Summary:" without "End Summary." (likewise Comment and Note), or an End without start.

    Readers and automated extractors rely on the pair to know where the block stops. A note or
    comment in parentheses, "(Note: the canon is a separate issue.)", ends where they close. A
    section's title ("COMMENT" between rules of dashes, or "Comment: A Call for Nuance" on a
    line of its own above a numbered paragraph) needs no End: the section ends at the next title,
    or a comment or note section at the end of the cable. A summary section that runs to the
    end without End Summary is reported: the summary opens a cable.

    Fails::

        UNCLAS STATE 000001
        1. (U) Summary: the talks went well.
        2. (U) Comment: they will go on.

    Passes::

        UNCLAS STATE 000001
        1. (U) Summary: the talks went well. End Summary.
        2. (U) Comment: they will go on. End Comment.
    """
    open_blocks: dict[str, list] = {"summary": [], "comment": [], "note": []}
    for m in cable.markers:
        stack = open_blocks[m.kind]
        if m.end:
            if stack:
                stack.pop()
            else:
                yield ctx.report(m.span, f"End {m.kind.title()} without a {m.kind.title()}: start",
                                 token=m.kind)
        elif not m.closed:
            stack.append(m)
    for kind, stack in open_blocks.items():
        for m in stack:
            if not m.section:
                yield ctx.report(m.span, f'"{kind.title()}:" without "End {kind.title()}."', token=kind)
