"""POR: portion marks on paragraphs and on the subject.

32 CFR 2001.21(c): each portion, "ordinarily a paragraph, but including subjects, titles", is
marked by a parenthetical symbol immediately preceding it; 5 FAH-1 H-246.2(c) places the
classification of each paragraph immediately after its number.
"""

from __future__ import annotations

from cablelint.engine import Severity, rule


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
