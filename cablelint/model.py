"""The Cable: plain frozen records built from the parse, each element with its Span."""

from __future__ import annotations

from datetime import date

from cablelint.dates import DeclDate
from cablelint.lattice import Marking
from cablelint.records import field, record
from cablelint.source import Span


@record(frozen=True)
class MarkToken:
    """A portion mark as written (`raw`, including parentheses) and what it means."""

    raw: str
    span: Span
    marking: Marking | None  # None when it does not parse
    problem: str = ""  # why the mark is malformed, if it is
    intended: str = ""  # the mark it most likely means, for malformed ones


@record(frozen=True)
class HeaderLine:
    kind: str  # "vzczc" "prosign" "de" "security" "dtg" "fm" "to" "info" "addressee"
    text: str
    span: Span


@record(frozen=True)
class Header:
    """The routing header (format lines) of a sent cable."""

    lines: tuple[HeaderLine, ...] = ()
    prosign: str | None = None  # "OO"
    prosign_span: Span | None = None
    routing_id: str | None = None  # DE RUEHNT
    station_serial: str | None = None  # #1571
    station_section: str | None = None  # /02
    filed_at: str | None = None  # 3090806 (day of year + HHMM)
    de_span: Span | None = None
    security: str | None = None  # "ZNY CCCCC"
    security_span: Span | None = None
    precedence: str | None = None  # DTG precedence letters, "O" or "OR"
    dtg: str | None = None  # "050806Z NOV 09" as written
    dtg_day: int | None = None
    dtg_time: str | None = None  # "0806"
    dtg_month: str | None = None
    dtg_year: int | None = None  # four digits
    dtg_date: date | None = None  # None when the DTG names no real day
    dtg_span: Span | None = None
    origin: str | None = None  # FM AMEMBASSY TASHKENT -> "AMEMBASSY TASHKENT"
    origin_span: Span | None = None
    addressee_precedences: tuple[str, ...] = ()


@record(frozen=True)
class Banner:
    """The classification line."""

    level: str | None  # U C S TS, None for a word that is not a level
    word: str  # as written, e.g. "C O N F I D E N T I A L"
    controls: tuple[str, ...] = ()  # CAPCO-style blocks after //, e.g. ("NOFORN",)
    marking: Marking | None = None
    qualifier: str | None = None  # EFTO, SENSITIVE
    lou: bool = False
    invalid_word: str | None = None  # AGENCY CONFIDENTIAL, SBU, FOUO as a level
    section: tuple[int, int] | None = None
    section_span: Span | None = None
    post: str | None = None
    serial: str | None = None
    span: Span | None = None


@record(frozen=True)
class SectionMark:
    """`SECTION nn OF mm` on a classification line, or a page-break line's `nnn OF mmm`."""

    number: int
    total: int
    kind: str  # "banner" (the first classification line), "repeat" (a later one), "page"
    span: Span
    line: Banner | None = None  # a repeated classification line, read as one ("repeat" only)


@record(frozen=True)
class Caption:
    word: str
    span: Span


@record(frozen=True)
class DeclItem:
    """One part of a declassification instruction (kinds as in dates.DeclPart) and its place."""

    kind: str  # "date" "duration" "exemption" "legacy" "event" "invalid" "cut"
    text: str
    span: Span
    date: DeclDate | None = None
    years: int | None = None
    code: str = ""  # X1, 25X1-HUMAN, 50X1-HUM, OADR...


@record(frozen=True)
class EOLine:
    order: str | None  # "12958"
    kind: str  # "decl", "na", "other", "none" (no instruction)
    instruction: str  # text after DECL:, or the whole rest
    span: Span
    instruction_span: Span | None = None
    order_span: Span | None = None
    items: tuple[DeclItem, ...] = ()  # the instruction's dates, codes and events


@record(frozen=True)
class Authority:
    """The Classified By line and its reasons."""

    by: str
    span: Span
    section: str | None = None  # "1.4" or "1.5"
    letters: tuple[str, ...] = ()  # lower case
    reason_span: Span | None = None
    reason_text: str = ""
    cut_off: bool = False  # the line ends in "...": the text was truncated there
    derived: bool = False  # "Derived from ...": a derivative classification, no reason of its own


@record(frozen=True)
class Tag:
    text: str  # the tag itself, link syntax removed
    kind: str  # "word", "linked", "named"
    span: Span


@record(frozen=True)
class Tags:
    items: tuple[Tag, ...]
    span: Span


@record(frozen=True)
class Subject:
    text: str
    mark: MarkToken | None
    span: Span


@record(frozen=True)
class Ref:
    label: str | None  # "A" or None for a single unlabelled reference
    text: str
    span: Span


@record(frozen=True)
class ParaRef:
    """A reference to a paragraph of this cable: "para 7", "paras 3-5"."""

    numbers: tuple[int, ...]
    span: Span


@record(frozen=True)
class Paragraph:
    written: str  # the number as written, "16"
    number: int  # int(written)
    intended: int  # the number it was meant to have, 6 for a slipped "16."
    style: str  # "pilcrow" for ¶N., "plain" for N.
    number_span: Span  # the ¶ (if any), the digits and the period
    mark: MarkToken | None
    span: Span  # from the number to the end of the paragraph's text
    refs: tuple[ParaRef, ...] = ()
    slipped: bool = False  # PAR002: a leading 1 typed for ¶
    punctuation: str = "."  # after the number: "," ":" "-" ".." ".)" for the period, "" for none ("5 (C)")
    pilcrow_as: str = ""  # the ¶ as written when it is not "¶": "&para;", "&#182;", "Â¶"


@record(frozen=True)
class Item:
    """A portion mark that begins a line but not a numbered paragraph: an item of a paragraph
    (`-- (S/NF) ...`, `A. (C) ...`) or an unnumbered paragraph of a cable that marks its
    paragraphs without numbering them. Each is a portion of its own."""

    mark: MarkToken  # always read for a level: well-formed, or a level and more with a slip ("(S//REL)")
    paragraph: int | None  # index into Cable.paragraphs; None outside every numbered paragraph
    # The first item of a paragraph whose own text is only a heading (`1. KEY POINTS:`): the
    # items carry the paragraph's portion marks.
    after_heading: bool = False


@record(frozen=True)
class BlockMarker:
    """"Summary:" / "End Summary." and the like, Comment and Note too."""

    kind: str  # "summary" "comment" "note"
    end: bool
    span: Span
    paragraph: int | None  # index into Cable.paragraphs
    closed: bool = False  # a start that needs no End of its own: inside parentheses that close
    # it, "(Note: ... .)"; or a heading whose block the paragraph below opens again
    section: bool = False  # a section's title ("-------" / "COMMENT" / "-------"): the section
    # ends at the next title (a comment or note section also at the end of the text), so it
    # needs no End; one that comes still closes it


@record(frozen=True)
class ReferenceCitation:
    """The text cites a REF: "ref B", "reftel", "REF C"."""

    label: str | None
    span: Span


@record(frozen=True)
class Problem:
    """A structural line that does not parse (SRC003)."""

    expected: str
    span: Span
    detail: str = ""


@record(frozen=True)
class Cable:
    path: str
    header: Header | None
    banner: Banner | None
    captions: tuple[Caption, ...]
    eo: EOLine | None
    authority: Authority | None
    tags: Tags | None
    subject: Subject | None
    refs: tuple[Ref, ...]
    ref_line_span: Span | None
    paragraphs: tuple[Paragraph, ...]
    items: tuple[Item, ...] = ()
    markers: tuple[BlockMarker, ...] = ()
    citations: tuple[ReferenceCitation, ...] = ()
    problems: tuple[Problem, ...] = ()
    reference_id: str | None = None  # 09TASHKENT1571 from the file name
    page_breaks: tuple[Span, ...] = field(default=())
    sections: tuple[SectionMark, ...] = ()  # in text order, the banner's first
    # Derived from subject, paragraphs and items once: rules ask for them many times a cable.
    _marks: tuple[tuple[str, MarkToken], ...] = field(default=(), init=False, repr=False, compare=False)
    _portions: tuple[tuple[str, MarkToken], ...] = field(default=(), init=False, repr=False, compare=False)
    _control_words: frozenset[str] = field(default=frozenset(), init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        out = []
        if self.subject and self.subject.mark:
            out.append(("the subject", self.subject.mark))
        for p in self.paragraphs:
            if p.mark:
                out.append((f"paragraph {p.intended}", p.mark))
        for item in self.items:
            out.append((self.item_name(item), item.mark))
        object.__setattr__(self, "_marks", tuple(out))
        object.__setattr__(self, "_portions", tuple(x for x in out if x[1].marking))
        words = {c.word for c in self.captions}
        if self.banner is not None and self.banner.marking is not None:
            words.update(self.banner.marking.controls)
        for _, mark in self._portions:
            words.update(mark.marking.controls)
        object.__setattr__(self, "_control_words", frozenset(words))

    def item_name(self, item: Item) -> str:
        """How messages name an item: "the item at line 40 of paragraph 3"."""
        where = f" of paragraph {self.paragraphs[item.paragraph].intended}" \
            if item.paragraph is not None else ""
        return f"the item at line {item.mark.span.line}{where}"

    @property
    def marks(self) -> list[tuple[str, MarkToken]]:
        """Every portion mark as written, parsed or not: ("the subject", "paragraph N" or an
        item's name, mark)."""
        return list(self._marks)

    @property
    def control_words(self) -> frozenset[str]:
        """Every caption word and every control of the banner and of the portions: whether
        NOFORN, NODIS, SIPDIS... is anywhere on the cable, without looking at each portion."""
        return self._control_words

    @property
    def portions(self) -> list[tuple[str, MarkToken]]:
        """Every marked portion: ("paragraph N", "the subject" or an item's name, mark) with a
        parsed marking."""
        return list(self._portions)
