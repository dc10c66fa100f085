"""TAG: the TAGS, SUBJECT and REF lines.

TAGS (Traffic Analysis by Geography and Subject) route a cable to its readers and file it
(5 FAH-3 H-612; 5 FAH-2 H-252 for distribution): a cable with no TAGS, or with a misspelled
one, reaches the wrong desks. The vocabulary lives in rules/tags.tsv.
"""

from __future__ import annotations

import difflib
import re
from functools import lru_cache
from pathlib import Path

from cablelint.engine import rule

RE_K_TAG = re.compile(r"^K[A-Z]{3}$")  # program TAGS are made as programs start
RE_REGION = re.compile(r"^X[A-Z]$")  # regional codes: XF Near East, XA Africa
KIND_NAMES = {"subject": "subject TAG", "program": "K-TAG", "geo": "geographic code",
              "org": "organization"}


@lru_cache(maxsize=1)
def _entries() -> dict[str, tuple[str, str]]:
    """TAG -> (kind, meaning), from rules/tags.tsv."""
    out: dict[str, tuple[str, str]] = {}
    for line in Path(__file__).with_name("tags.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            cols = line.split("\t") + [""]
            out[cols[0].strip()] = (cols[1].strip(), cols[2].strip())
    return out


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, str]:
    """Known TAG -> kind: subject (a former subject TAG too), program, geo, org."""
    return {tag: "subject" if kind == "former" else kind
            for tag, (kind, _) in _entries().items() if kind != "iso"}


@lru_cache(maxsize=1)
def suggestible() -> list[str]:
    """The TAGs a misspelled one may be taken for: the known ones but former subject TAGs."""
    return [tag for tag, (kind, _) in _entries().items() if kind not in ("iso", "former")]


@lru_cache(maxsize=4096)
def tag_kind(text: str) -> str | None:
    """subject, program, geo, org or named; None for a TAG that is none of these. TAGS recur
    from cable to cable, and two rules ask for each: answers are kept."""
    word = text.strip(" ,.;:").upper()
    if word.startswith("(") or not word:
        return "named"
    kind = vocabulary().get(word)
    if kind:
        return kind
    if RE_K_TAG.match(word):
        return "program"
    if RE_REGION.match(word):
        return "geo"
    return None


def _run_together(word: str) -> list[str] | None:
    """`ETRDEINVPGOVCS` read as known TAGS written without spaces, if it can be."""
    vocab = vocabulary()

    @lru_cache(maxsize=None)
    def split(i: int):
        if i == len(word):
            return ()
        for size in (5, 4, 3, 2):
            piece = word[i:i + size]
            if len(piece) == size and (piece in vocab or RE_K_TAG.match(piece)):
                rest = split(i + size)
                if rest is not None:
                    return (piece,) + rest
        return None

    parts = split(0)
    return list(parts) if parts and len(parts) > 1 else None


HINT_CUTOFF = 0.75  # difflib's similarity ratio a suggested TAG must reach


def _letters(word: str) -> frozenset[tuple[str, int]]:
    """The letters of `word` as a set, each repeat its own element ("MASS": M, A, S, S 2nd), so
    that the size of two words' intersection is the number of letters they share, as difflib's
    quick_ratio counts them."""
    seen: dict[str, int] = {}
    out = []
    for ch in word:
        seen[ch] = seen.get(ch, 0) + 1
        out.append((ch, seen[ch]))
    return frozenset(out)


@lru_cache(maxsize=64)
def _candidates(size: int) -> list[tuple[str, frozenset]]:
    """The TAGs a word of `size` letters may be taken for, with their letters: at least 4 letters
    long (or as long as the word), and of a length that lets difflib's ratio reach HINT_CUTOFF
    (it is at most 2 * shorter / (both lengths), the bound difflib itself tests first)."""
    return [(t, _letters(t)) for t in suggestible() if len(t) >= min(size, 4)
            and 2.0 * min(size, len(t)) / (size + len(t)) >= HINT_CUTOFF]


def _closest_tag(word: str) -> str | None:
    """The suggestible TAG difflib finds closest to `word`, if one reaches HINT_CUTOFF. The
    TAGs whose shared letters cannot reach it (difflib's second bound, quick_ratio, computed
    here the same way from the letter sets) are left out before difflib compares the rest."""
    size, letters = len(word), _letters(word)
    pool = [t for t, have in _candidates(size) if 2.0 * len(letters & have) / (size + len(t)) >= HINT_CUTOFF]
    close = difflib.get_close_matches(word, pool, n=1, cutoff=HINT_CUTOFF)
    return close[0] if close else None


@lru_cache(maxsize=1024)
def _hint(word: str) -> str:
    """What an unknown TAG most likely is; the same words recur across cables."""
    entry = _entries().get(word)
    if entry and entry[0] == "iso":
        code, _, place = entry[1].partition(" ")
        return f"; the geographic TAG for {place} is {code}"
    parts = _run_together(word) if len(word) > 5 else None
    if parts:
        return f"; it reads as {' '.join(parts)} run together"
    close = _closest_tag(word)
    if close:
        return f"; did you mean {close}?"
    return "; TAGS are codes (PREL, KCRM, UZ), and a person is written in parentheses: OVIP (RICE, CONDOLEEZZA)"


def _tags_unparsed(cable) -> bool:
    return cable.tags is not None and any(p.span.start == cable.tags.span.start for p in cable.problems)


@rule("TAG001", "missing-tags", "error")
def missing_tags(cable, ctx):
    """A cable must have a TAGS line with at least one TAG.

    TAGS decide who receives and who files the cable (5 FAH-2 H-252, 5 FAH-3 H-612): without
    them it is not distributed by subject or country at all.

    Fails::

        C O N F I D E N T I A L TASHKENT 001571
        E.O. 12958: DECL: 11/05/2019
        SUBJECT: Uzbekistan Amnesties Sanjar Umarov
        1. (C) Text.

    Passes::

        C O N F I D E N T I A L TASHKENT 001571
        E.O. 12958: DECL: 11/05/2019
        TAGS: PREL PHUM UZ
        SUBJECT: Uzbekistan Amnesties Sanjar Umarov
        1. (C) Text.
    """
    if cable.tags is None:
        near = cable.subject or cable.eo or cable.banner
        span = near.span if near is not None else ctx.source.span(1, 0, 0)
        yield ctx.report(span, "the cable has no TAGS line, e.g. TAGS: PREL PGOV UZ")
    elif not cable.tags.items and not _tags_unparsed(cable):
        yield ctx.report(cable.tags.span, "the TAGS line names no TAG, e.g. TAGS: PREL PGOV UZ")


@rule("TAG002", "unknown-tag", "warning")
def unknown_tag(cable, ctx):
    """Each TAG must be a known subject TAG, a K-TAG, a geographic code or organization, or a name.

    A misspelled TAG (`PARMS`, `SEVN`) or TAGS written without spaces (`ETRDEINVPGOVCS`) routes
    the cable nowhere. Names of people and organizations are written in parentheses:
    `OVIP (RICE, CONDOLEEZZA)`. Any four-letter TAG beginning with K is taken as a K-TAG.

    Fails::

        C O N F I D E N T I A L TASHKENT 001571
        TAGS: PREL PHUMS UZ
        SUBJECT: Uzbekistan Amnesties Sanjar Umarov

    Passes::

        C O N F I D E N T I A L TASHKENT 001571
        TAGS: PREL PHUM KDEM UZ OVIP (BURNS, WILLIAM)
        SUBJECT: Uzbekistan Amnesties Sanjar Umarov
    """
    if cable.tags is None:
        return
    for tag in cable.tags.items:
        if tag.kind == "named" or tag_kind(tag.text):
            continue
        word = tag.text.strip(" ,.;:").upper()
        yield ctx.report(tag.span, f"{tag.text} is not a known TAG (subject TAG, K-TAG, geographic "
                                   f"code or organization){_hint(word)}", token=tag.text)


@rule("TAG003", "no-subject-tag", "warning")
def no_subject_tag(cable, ctx):
    """TAGS must include at least one subject TAG, not only countries, programs or names.

    Every cable carries at least one subject TAG (PREL, ECON, PHUM ...): the geographic code
    says where, the subject TAG says what, and offices subscribe by subject. A TAGS line whose
    only unrecognized TAG may be a misspelled subject TAG is left to TAG002.

    Fails::

        C O N F I D E N T I A L TASHKENT 001571
        TAGS: UZ RS
        SUBJECT: Uzbekistan Amnesties Sanjar Umarov

    Passes::

        C O N F I D E N T I A L TASHKENT 001571
        TAGS: PHUM UZ
        SUBJECT: Uzbekistan Amnesties Sanjar Umarov
    """
    tags = cable.tags
    if tags is None or not tags.items:
        return
    kinds = [tag_kind(t.text) if t.kind != "named" else "named" for t in tags.items]
    if "subject" in kinds or None in kinds:
        return
    have = sorted({KIND_NAMES.get(k, "name") + "s" for k in kinds})
    yield ctx.report(tags.span, f"TAGS has no subject TAG (such as PREL, ECON, PHUM), only "
                                f"{' and '.join(have)}")


@rule("TAG004", "missing-subject", "warning")
def missing_subject(cable, ctx):
    """A cable must have a SUBJECT line.

    The subject is what a reader sees first in every list of cables and what a search finds;
    without it the cable is filed by number only.

    Fails::

        C O N F I D E N T I A L TASHKENT 001571
        TAGS: PREL PHUM UZ
        1. (C) Text.

    Passes::

        C O N F I D E N T I A L TASHKENT 001571
        TAGS: PREL PHUM UZ
        SUBJECT: Uzbekistan Amnesties Sanjar Umarov
        1. (C) Text.
    """
    if cable.subject is not None:
        return
    near = cable.tags or cable.eo or cable.banner
    span = near.span if near is not None else ctx.source.span(1, 0, 0)
    yield ctx.report(span, "the cable has no SUBJECT line")


@rule("TAG005", "undefined-reference", "warning")
def undefined_reference(cable, ctx):
    """The text cites "ref B" but the REF list has no B, or cites "reftel" with no REF line.

    A reference the reader cannot find is a broken link in the record. An unlabelled REF list
    (`REF: STATE 12; BOGOTA 34`) is read by position, its first item as A. Each missing label
    is reported once, at its first citation; a cable with no REF line, once.

    Fails::

        C O N F I D E N T I A L TASHKENT 001571
        SUBJECT: Talks
        REF: A. TASHKENT 281 B. TASHKENT 290
        1. (C) As reported in ref C, talks went on.

    Passes::

        C O N F I D E N T I A L TASHKENT 001571
        SUBJECT: Talks
        REF: A. TASHKENT 281 B. TASHKENT 290
        1. (C) As reported in refs A and B, talks went on.
    """
    has_refs = bool(cable.refs) or cable.ref_line_span is not None
    if not has_refs:
        if cable.citations:
            c = cable.citations[0]
            cited = f"ref {c.label}" if c.label else "a reference (reftel)"
            yield ctx.report(c.span, f"the text cites {cited} but the cable has no REF line",
                             token=c.label or "")
        return
    labels = {r.label for r in cable.refs if r.label}
    if labels:
        listed = f"the REF list has only {_labels(sorted(labels))}"
    else:
        n = len(cable.refs)
        labels = {chr(ord("A") + k) for k in range(n)}  # unlabelled: A, B ... by position
        listed = (f"the REF line lists {n} unlabelled reference{'s' if n != 1 else ''}"
                  if n else "the REF line lists none")
    missing: dict = {}
    for c in cable.citations:
        if c.label and c.label not in labels and not any(c.label in v for v in missing.values()):
            missing.setdefault(c.span, []).append(c.label)
    for span, cited in missing.items():
        word = "refs" if len(cited) > 1 else "ref"
        yield ctx.report(span, f"the text cites {word} {_and(cited)} but {listed}",
                         token=",".join(cited))


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _labels(labels: list[str]) -> str:
    """A REF list's labels: "A, B and C"; "A-K" for a run of more than three."""
    first = ord(labels[0])
    if len(labels) > 3 and [ord(x) for x in labels] == list(range(first, first + len(labels))):
        return f"{labels[0]}-{labels[-1]}"
    return _and(labels)
