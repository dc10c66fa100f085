"""Parse a Source into a Cable.

Lines are sorted into regions (routing header, classification line, front matter, body); each
structural line, or each part of a merged line, goes to the Lark rule for its kind
(grammar/cable.lark, grammar/marking.lark). Every other line is text. Nothing here raises on
bad input: a structural line that does not parse becomes a Problem (SRC003).
"""

from __future__ import annotations

import os
import re
from bisect import bisect_right
from functools import lru_cache
from itertools import compress, count
from operator import itemgetter
from string import ascii_lowercase, ascii_uppercase, digits

from lark import Token, Tree
from lark.exceptions import LarkError

from cablelint import lattice
from cablelint.dates import decl_parts, dtg_date, two_digit_year
from cablelint.grammars import line_token, parse as parse_line
from cablelint.lattice import Marking
from cablelint.model import (
    Authority, Banner, BlockMarker, Cable, Caption, DeclItem, EOLine, Header, HeaderLine,
    Item, MarkToken, Paragraph, ParaRef, Problem, Ref, ReferenceCitation, SectionMark, Subject,
    Tag, Tags,
)
from cablelint.records import maker, record, replace
from cablelint.source import RE_LONE_CR, Source, Span, has_lone_cr, make_span

# Records made several times a line or a paragraph: a plain function makes each without going
# through the class's call (see records.maker), by position or by name.
_make_block_marker = maker(BlockMarker)
_make_caption = maker(Caption)
_make_citation = maker(ReferenceCitation)
_make_header_line = maker(HeaderLine)
_make_mark_token = maker(MarkToken)
_make_paragraph = maker(Paragraph)
_make_ref = maker(Ref)
_make_tag = maker(Tag)

# ---------------------------------------------------------------- line recognisers

_LEVEL_WORDS = (
    r"T ?O ?P ?S ?E ?C ?R ?E ?T|TOP SECRET|C ?O ?N ?F ?I ?D ?E ?N ?T ?I ?A ?L|S ?E ?C ?R ?E ?T"
    r"|U ?N ?C ?L ?A ?S(?:SIFIED)?|LIMITED OFFICIAL USE|AGENCY CONFIDENTIAL"
    r"|SENSITIVE BUT UNCLASSIFIED"
)
RE_BANNER = re.compile(rf"^[ \t]*(?:{_LEVEL_WORDS})(?=[ \t]|//|$|[A-Z]{{3,}} \d{{4,}})", re.I)
RE_BANNER_INSIDE = re.compile(
    r"(?:^CLASSIFICATION:\s*|(?<=[\d\t \",.])|(?<=\d[\dZ])"
    # right after a word, as an export that lost the line break after the last addressee has
    # it ("AMEMBASSY LONDONUNCLAS HARARE 002339", "... PRIORITYS E C R E T DOHA 001093"): only
    # with the post and serial or the section after it
    r"|(?<=[A-Za-z])(?=(?:C O N F I D E N T I A L|S E C R E T|T O P S E C R E T|UNCLAS|CONFIDENTIAL|SECRET)"
    r"(?: SECTION \d| [A-Z][A-Z .]+ \d{6})))"
    r"(C O N F I D E N T I A L|S E C R E T|T O P S E C R E T"
    r"|(?:UNCLAS|CONFIDENTIAL|SECRET|TOP SECRET|LIMITED OFFICIAL USE)(?=\s*$| SECTION \d| [A-Z][A-Z .]+ \d{6}))"
)
# An archive record's classification field ("classification: SECRET" among "id:", "date:",
# "origin:"), or its level alone on a line ("UNCLASSIFIED//FOR OFFICIAL USE ONLY"), above the
# cable: the classification line only when the cable has none of its own (see _Builder.build).
RE_CLASSIFICATION_FIELD = re.compile(
    r"classification:[ \t]*(?=(?:UNCLASSIFIED|CONFIDENTIAL|SECRET|TOP SECRET)(?://|[ \t]*$))", re.I)
RE_LEVEL_ALONE = re.compile(r"(?:UNCLASSIFIED|CONFIDENTIAL|SECRET|TOP SECRET)(?://[A-Z][A-Z ,/\-]*)?")
# A classification line whose level word is misspelled ("C O N F I D E N T A I L STATE 000001",
# "SECERT SECTION 01 OF 02 MINSK 000215"): a word, maybe spaced out, then a post and a serial.
# (Each part bounded: a long line of capitals is tried in time linear in its length.)
RE_BANNER_SHAPE = re.compile(r"^[ \t]*((?:[A-Z] ){3,24}[A-Z]|[A-Z]{3,24}(?: [A-Z]{4,24})?)[ \t]+"
                             r"(?:SECTION \d+ OF \d+[ \t]+)?[A-Z][A-Z .'\-]{0,60} \d{4,}[ \t]*$")
_LEVEL_SPELLINGS = {"CONFIDENTIAL": "C", "SECRET": "S", "TOPSECRET": "TS", "UNCLASSIFIED": "U", "UNCLAS": "U"}
_LEVEL_WORDS = tuple(_LEVEL_SPELLINGS)
RE_BANNER_NOT_A_LEVEL = re.compile(
    r"^[ \t]*(?:SBU|FOUO)[ \t]+(?:SECTION[ \t]+\d{1,3}[ \t]+OF[ \t]+\d{1,3}[ \t]+)?[A-Z][A-Z ]+ \d{4,}", re.I)
RE_PROSIGN = re.compile(r"^\s*(?:ZZ|OO|PP|RR)(?:\s+[A-Z]{4,}\d*)*\s*$")
RE_DE = re.compile(r"^\s*DE\s+[A-Z]+\s*#")
RE_SECURITY = re.compile(r"^\s*ZN[YR]\b")
RE_DTG = re.compile(
    r"^\s*[A-Z](?:\s[A-Z])?\s+\d{4,8}Z?\s+[A-Za-z]{3}\s+\d{2,4}(?=\s*$|\s+/*Z[A-Z]{2}\d*\b)")
RE_BARE_DTG = re.compile(r"\d{6}Z [A-Za-z]{3} \d{2}")  # see grammar/cable.lark, bare_dtg_line
# Operating signals after the DTG (ZDK, ZDS, "ZDK CTG RUEHDO #1234", //ZEL//): not part of it.
RE_DTG_SIGNALS = re.compile(r"\s+/*Z[A-Z]{2}\d*\b.*$")
RE_FM = re.compile(r"^\s*FM\s+(.*?)\s*$")
RE_TO = re.compile(r"^\s*(TO|INFO)(?=\s|RUE|[A-Z]{4,}/)\s*")
RE_PRECEDENCE_WORD = re.compile(r"\b(FLASH|NIACT IMMEDIATE|IMMEDIATE|PRIORITY|ROUTINE)\b")
RE_PAGE_BREAK = re.compile(r"^\s*[A-Z][A-Z .'\-]*\s\d{8}\s+\d{3}(?:\.\d)?\s+OF\s+\d{3}\b")
RE_SECTION_OF = re.compile(r"\bSECTION\s+(\d{1,3})\s+OF\s+(\d{1,3})\b")
RE_OLD_PAGE = re.compile(r"^\s*PAGE \d{2}\s+[A-Z]")
# The whole heading: "PAGE 02 HARARE 06677 01 OF 03 291400Z"; a rendering may go on with text.
RE_OLD_PAGE_HEADING = re.compile(r"^\s*PAGE \d{2}\s+[A-Z][A-Z .'\-]*?\s+\d{3,6}(?:\s+\d{2}\s+OF\s+\d{2})?(?:\s+\d{6}Z\b)?")

RE_FRONT_KEYWORD = re.compile(
    r"(?:(?<![A-Za-z])|(?=E\. ?O\. ?\d{5}))(?:"  # "...NOFORNE.O. 12958": merged onto a word
    r"(?P<eo>(?:E\.? ?[O0]\.?|EXECUTIVE +ORDER):?[ \t]{0,2}\d{4,6}(?![\d]))"
    r"|(?P<tags>TAGS(?![a-z])(?=\s*:|\s+[\[A-Z(]))"
    r"|(?P<subject>SUBJ(?:ECT)?\s*:)"
    r"|(?P<ref>REF(?:TELS?|S|ERENCES?)?\s*:)"
    r"|(?P<classified>(?<![\"“])(?:(?:CLASSIFIED|CLASSIIED|CLASIFIED|CLASSIFED)\s+BY\b|(?-i:DERIVED\s+FROM|Derived\s+[Ff]rom)\s*:))"
    r")",
    re.I,
)
# "...ARE WELCOME CLASSIFIED" / blank / "BY: Gene A. Cretz ...": a reflowed text broke the line
# inside the keyword. The line ends with it, and "BY" begins the next line that is not blank.
RE_CLASSIFIED_AT_END = re.compile(
    r"(?<![A-Za-z\"“])(?P<classified_split>CLASSIFIED|CLASSIIED|CLASIFIED|CLASSIFED)[ \t]*$", re.I)
RE_BY_AT_START = re.compile(r"[ \t]*BY\b", re.I)
_CAPTION = r"(?:NOFORN|SIPDIS|SENSITIVE|NODIS|EXDIS|LIMDIS|STADIS)"
# captions one a line, or run together by a renderer that dropped the line breaks
# ("SIPDIS, NOFORN", "003352SIPDISSIPDISNOFORNE.O. 12958"); in any case, as a copy that sets
# the cable in sentence case writes them ("S e c r e t nairobi 001938" / "Sensitive" / "sipdis")
RE_CAPTION_RUN = re.compile(rf"^\s*((?:{_CAPTION}(?:\b[\s,]*|(?={_CAPTION}|E\.\s?O\b)))+)", re.I)
RE_CAPTION_WORD = re.compile(_CAPTION, re.I)
RE_EO_TAIL = re.compile(r"\s*[:;,]?\s*(?:DECL|N/?A\b|\d{1,2}/\d)", re.I)  # what follows the order of an E.O. line
# A line of tags alone below the TAGS line, its list going on: codes and names in parentheses
# ("JO, EG, RS, CH, LE, SY, IS", "OIIP, PREL, PGOV, CI"); no word longer than a tag, no number;
# not a routing instruction ("PASS TO USTR", "NSC FOR HADLEY"): no tag is PASS or FOR.
_TAG_OR_NAME = r"(?:[A-Z][A-Z0-9]{1,5}|\([A-Z][^()\n]{0,60}\))"
RE_TAGS_GO_ON = re.compile(rf"(?![^\n]*\b(?:PASS|FOR)\b)"
                           rf"[ \t]*{_TAG_OR_NAME}(?:[ \t]*[,;]?[ \t]+{_TAG_OR_NAME})*[ \t,;.\\]*")
RE_EO_HINT = re.compile(r"E\.? ?[O0]\.?:?[ \t]{0,2}\d")  # the E.O. keyword's shape, on upper-cased ASCII

# Blanks before a paragraph number. (The no-break space and the line and paragraph separators
# some renderings leave at a line's start are spaces by then: _as_read.)
_LEAD = "[ \\t]"
# A portion mark's shape, for looking ahead: a level, then controls (a REL TO list of country
# names can be long: "(S/REL BULGARIA, CZECH REPUBLIC, ITALY, POLAND, ...)").
_MARK_AHEAD = r"\((?:U|C|S|TS|SBU)(?:[/\-][^)\n]{0,100})?\)"
# The ¶ sign; also as an HTML entity, or decoded twice ("Â¶": UTF-8 read as cp1252 and saved).
_PILCROW = "(?:¶|Â¶|&para;|&#182;)"
# A number and its period; or, right before a portion mark, a number alone or with a comma,
# colon or dash typed for the period ("5, (S/NF) This information...", "6: (C)", "7- (C)"), or
# with a stray stop after the period ("3.. (S)", "3.) (S)").
RE_PARA = re.compile("^(" + _LEAD + r"*)(" + _PILCROW + r" ?)?(\d{1,3})(?:[ \t]?\.[.)][ \t]*(?=" + _MARK_AHEAD + ")"
                     r"|[ \t]?\.(?![\d])[ \t]*"
                     r"|(?:[ \t]?[,:\-][ \t]*|[ \t]+)(?=" + _MARK_AHEAD + "))")
# The mark after a number inside a line may have a slip that POR002 names, as one at a line's
# start may: "... Kamilov. 16. (c) comment: ...", "( C )", "(CONFIDENTIAL)". A slip of another
# kind ("(X)", a parenthesis missing) is not looked for inside a line.
_INLINE_MARK_AHEAD = (r"\([ \t]?(?i:sbu|ts|top secret|secret|confidential|unclassified|u|c|s)"
                      r"(?:[ \t]?[/\-][^)\n]{0,100})?[ \t]?\)")
# "...for reasons 1.4 b and d 1. (C)": the first number and mark reflowed onto the line before.
RE_TRAILING_PARA = re.compile(r"[ \t](¶ ?)?(\d{1,2})\.[ \t]{0,2}(?=" + _INLINE_MARK_AHEAD + r"[ \t]*$)")
# After a sentence, a heading's colon, a run of dashes, or a word where a line break was lost
# ("LEGAL FRAMEWORK  2. (SBU)", "C. STATE 99217  1. (SBU)", "... 002 OF 003 5. (SBU)",
# "GEORGIA 8. (C)"). Only a number that continues the sequence is taken (_number_paragraphs).
RE_INLINE_PARA = re.compile(
    r"(?:[.!?:\"'\u201d)\]\-][ \t]+|\w[ \t]+)"
    r"(¶ ?)?(\d{1,3})\.[ \t]{0,2}(?=" + _INLINE_MARK_AHEAD + ")"
)
# "5 (C)" inside a line, the period left out: only after the end of a sentence or a run of dashes.
RE_INLINE_BARE = re.compile(r"[.!?\"'\u201d)\]\-][ \t]+(¶ ?)?(\d{1,3})[ \t]{1,2}(?=" + _INLINE_MARK_AHEAD + ")")
# A number at a line's end, its mark at the start of the line below (the line broke between).
RE_INLINE_PARA_AT_END = re.compile(r"(?:[.!?:\"')\]\-][ \t]+|\w[ \t]+)(¶ ?)?(\d{1,3})\.[ \t]*$")
RE_MARK_AT_LINE_START = re.compile(r"[ \t]*(" + _INLINE_MARK_AHEAD + ")")
# a cheap test before the two above
RE_NUMBER_BEFORE_MARK = re.compile(r"\d(?:\.[ \t]{0,2}|[ \t]{1,2})" + _INLINE_MARK_AHEAD)
RE_FIRST_INLINE = re.compile(r"(?:[.)\-][ \t]+|\w[ \t]{2,})(¶ ?)?1\.[ \t]{0,2}" + _INLINE_MARK_AHEAD)
# The same without its mark, after a REF list or the reasons: "REF: SECSTATE 165115 1. Post
# grants ...", "... 1.4 (b)(d)  1. Embassy La Paz went ..." (taken only when the body's first
# numbered line is 2.)
RE_FIRST_UNMARKED_INLINE = re.compile(r"[ \t](¶ ?)?1\.(?:[ \t]+(?=[A-Z\"\u201c])|[ \t]*$)")
RE_MARK_SHAPE = re.compile(r"[A-Z]{1,6}(?:(?:/{1,2}|-)[A-Z]{1,6})*")  # (X) (S/ZZ): unknown but mark-shaped
# A number inside a line with no mark after it, where a lost line break ran a paragraph on:
# after a sentence's end or a heading's rule of dashes and one to three blanks, before one to
# three blanks and a capital.
RE_UNMARKED_NUMBER = re.compile(r"[^\n]*?[.!?\"'\u201d)\-][ \t]{1,3}(¶ ?)?(\d{1,3})\.[ \t]{1,3}(?=[A-Z\"\u201c])")
RE_INNER_LIST_START = re.compile(r"[.:;!?)\-][ \t]{1,3}(?:¶ ?)?1\.[ \t]")


def _ends_with_serial(text: str) -> bool:
    """Does `text` end as a classification line does, in a capital, a blank and a six-digit serial
    ("... TASHKENT 001571")? (The regex [A-Z] \\d{6}$, read off the last eight characters.)"""
    return text[-6:].isdecimal() and text[-7:-6] == " " and "A" <= text[-8:-7] <= "Z"


_LAST_CHAR = itemgetter(slice(-1, None))
RE_COPY_SEPARATOR = re.compile(r"^=+\s*CABLE ENDS\s*=+\s*$")
RE_MARK = re.compile(r"\(([^()\n]{1,120})\)")
# A portion mark that begins a line, maybe after a bullet or an item's number or letter:
# "-- (S/NF) ...", "A. (C) ...", "¶B. (U) ...", "IV. (U) ...", "(2) (U) ...", a subparagraph's
# "2.a. (C) ...", "2A. (C)", "1.1 (C)", after a short label and its colon ("Summary: (C) ...",
# "Key points: -- (S) ...") or a block word ("SUMMARY (S) ..."), or "(C) ..." alone (an
# unnumbered paragraph). After the level, a separator and a capital: "(S/Rel Pak)", not "(U-boat
# ...)". A spelled-out level, "(SECRET REL INDIA)", heads or ends a text quoted in the cable
# (talking points, a non-paper): it is that text's classification line, no portion.
RE_ITEM_MARK = re.compile(r"\((?:TS|SBU|FOUO|LOU|[UCS])(?:[/\- ][/\- ]*[A-Z][^()\n]{0,110})?\)(?=\s|$)")
RE_ITEM_LEAD = re.compile(_LEAD + r"*(?:(?:--?|[*+\u2022\u00b7\u25aa\u25e6]|o(?=[ \t]))[ \t]*"
                          r"|(?:¶ ?)?(?:[A-Za-z]|\d{1,2}|[ivx]{2,4}|[IVX]{2,4})[.)][ \t]*"
                          r"|(?:¶ ?)?\d{1,2}(?:\.?[A-Za-z]|\.\d{1,2}|\([a-z]\))[.)]?[ \t]*"  # 2.a. 2A) 1.1 2(a)
                          r"|\((?:[A-Za-z]|\d{1,2}|[ivx]{2,4})\)[ \t]*"
                          # a paragraph number with another sign typed for the ¶: "#3.", "§3.",
                          # "P3.", "PARA 3.": its mark is still read, as an item's
                          r"|(?:[#\u00a7] ?|P|PARA(?:GRAPH)?\.?[ \t]*)\d{1,3}[.):]?[ \t]*"
                          r"|[A-Za-z][A-Za-z ]{0,24}:[ \t]*(?:--?[ \t]*)?"
                          # a block word without the colon: "SUMMARY (S) ...", "Summary. (C) ..."
                          r"|(?:SUMMARY|Summary|COMMENT|Comment|BACKGROUND|Background)\.?[ \t]+(?:--?[ \t]*)?)?")
# The letters around C, S and U: "(B) ... (C) ... (D) ..." is a lettered list, not marks.
_LIST_NEIGHBOURS = {"C": "BD", "S": "RT", "U": "TV"}
# An item of such a list at a line's start, indented or not: "(B) ...", "   (D)\t...".
_LIST_ITEM = {letter: re.compile(rf"\n[ \t]*\({letter}\)[ \t]") for letter in "BDRTV"}
# The words a portion mark begins with (SBU, FOUO and LOU stand in the level's place); a mark
# missing its "(" is read only after one of them.
_LEVEL_HEADS = frozenset(lattice.PORTION_LEVELS) | frozenset(lattice.ADMIN_HEADS)
# "1. [C] Text", "{C}", "<C>": other brackets typed for the parentheses
RE_BRACKET_MARK = re.compile(r"\[(?P<square>[A-Z][A-Z/\- ]{0,40})\]|\{(?P<curly>[A-Z][A-Z/\- ]{0,40})\}"
                             r"|<(?P<angle>[A-Z][A-Z/\- ]{0,40})>")
_BRACKET_NAMES = {"square": "square brackets", "curly": "braces", "angle": "angle brackets"}
RE_MISSING_OPEN = re.compile(r"([A-Z]{1,3}(?:[/\-][A-Z]{1,3})?)\)")
# `1. Summary: (C) ...`: a mark placed after a lead-in label instead of after the number
# ... or after an upper-case heading without the colon: `1. SUMMARY (U) ...`, `1.KEY POINTS -- (C) ...`
# (the dashes one or two: a word processor makes "--" an em dash, read as one hyphen)
RE_LATE_MARK = re.compile(r"([A-Za-z][A-Za-z ]{0,24}:[ \t]*(?:--?[ \t]*)?|[A-Z][A-Z ]{0,24}?[ \t]+(?:--?[ \t]*)?)"
                          r"(\((?:U|C|S|TS|SBU)(?:[/\-][A-Za-z ,/\-]{1,30})?\))")
RE_MISSING_CLOSE = re.compile(r"\((U|C|S|TS|SBU)(?:(?://?|-)[A-Z]{1,6}){0,3}(?=[ \t]+\S)")  # "(S//NF Kano ..."

# Matched at each "para"/"¶" found in the lower-cased text.
RE_PARA_REF = re.compile(
    r"(?:para(?:graph)?s?\.?|¶)[ \t]*(\d{1,3})(?!\d)"  # not the first digits of a year: "in ¶2007."
    r"((?:[ \t]*(?:-|–|through|thru|to|and|,|&)[ \t]*\d{1,3}(?![\d.]\d))*)"
)
RE_EXTERNAL_BEFORE = re.compile(
    r"(?:\bref(?:tel|s)?\b|\breference\b|\bseptel\b|\bcable\b|\b[A-Z]{4,}\s+\d{2,}|\b[A-H]\b)[^.;()]{0,12}$",
    re.I,
)
# "revisions to Paragraph 6 would...": mid-sentence, a capitalized Paragraph names another
# document's paragraph (a cable's own are "para 6", "Paras 3-4", or "PARAGRAPH 6" in an
# upper-case cable).
RE_SENTENCE_END = re.compile(r"(?:^|[.!?:()\-]\s*|\n\s*)$")
RE_EXTERNAL_AFTER = re.compile(r"^[ \t]*,?[ \t]*(?:of|in)[ \t]+(?!this\b|the[ \t]+present\b)", re.I)
# "Summary:" / "End Summary." blocks: found by their keyword, then judged by what surrounds it.
BLOCK_WORDS = ("summary", "comment", "note")
RE_PARENTHESIS = re.compile(r"[()]")
RE_BLANK_LINE = re.compile(r"\n[ \t]*\r?\n")
RE_BLANK_LINES = re.compile(r"\n[ \t]*\r?\n[ \t]*\r?\n")  # where a double-spaced export had a blank line
RE_BLOCK_END_BEFORE = re.compile(
    r"(?:^|[^a-z])end[ \t]*(?:of[ \t]+)?(?:(?:summary|comment|note|introduction|background)[ \t]+and[ \t]*)?$")
RE_BLOCK_START_BEFORE = re.compile(
    r"(?:^[\-\s]*(?:\(\w+\)[ \t]*)?|(?:[.!?:;)\"'\u201d(\[]|--)[ \t]*)"
    r"(?:(?:begin|embassy|post|mission|consulate|department|usun|usnato|usoas|useu|our|action|septel)[ \t]+)?"
    r"(?:(?:summary|comment|note|introduction|background)[ \t]+and[ \t]+)?$"
)
RE_BLOCK_START_AFTER = re.compile(r"(?:[ \t]+and[ \t]+[a-z][a-z ]{0,30}?)?[ \t]*(?::|\.(?=\s)|--)")
# A heading line: "Summary", "------- SUMMARY -------", "Ambassador's Comment", "BIO NOTE AND COMMENT".
RE_BLOCK_HEADING_BEFORE = re.compile(
    r"^[\-\s]*(?:\(\w+\)[ \t]*)?(?:[a-z'\u2019/]+[ \t]+){0,2}(?:(?:summary|comment|note)[ \t]+and[ \t]+)?$"
)
# "TURKISH PRESS SUMMARY" heads a report of that kind, the rest of the cable: no Summary block
RE_REPORT_TITLE = re.compile(r"(?:press|media|news)[ \t]+$")
# "\": an export's line end; a line may end in "\r\n", the match stops before the "\r"
RE_BLOCK_HEADING_AFTER = re.compile(r"(?:[ \t]+and[ \t]+[a-z][a-z ]{0,30}?)?[ \t\-:.\\]*(?=\r?$)", re.M)
# A section's title around its block word: up to two words before it ("Ambassador's", "BIO"),
# and after it a title of a few words that is no sentence ("Comment: A Call for Nuance").
RE_TITLE_LEAD = re.compile(r"[ \t\-]*(?:[A-Za-z'\u2019/]+[ \t]+){0,2}")
RE_TITLE = re.compile(r"[ \t\-:]*(?:[A-Z0-9\"'\u201c][^.\n]{0,59}?[ \t\-=\\\r]*|\.?[ \t\-=\\\r]*)")
RE_TITLE_LINE = re.compile(r"[ \t\-]*[A-Za-z][^.\n]{0,60}?[ \t\-:\\\r]*")  # "BACKGROUND", "Comment: A Call for Nuance"
RE_DASH_RULE = re.compile(r"[ \t]*(?:(?:-[ \t]*){3,}|(?:=[ \t]*){3,})[\\\r]*")  # "-------", "=======", "- - - -"
# "ref B", "reftel (b)", "ref. A", "refs A and B", "reftels A-C", "ref c)": the keyword, then
# labels; a lower-case letter counts only where punctuation shows it is no article ("ref a meeting").
def _cited(last: str) -> str:
    """One cited label, A to `last`."""
    up, low = f"A-{last}", f"a-{last.lower()}"
    return (rf"(?:\(([{up}{low}])\)|([{up}])(?![A-Za-z]|\.[A-Za-z]|-[a-z]|-[A-Z][A-Za-z])"  # not "E-MAIL"
            rf"|([{low}])(?=[).,;:]|[ \t]*[-\u2013][ \t]*[{low}](?![a-z])|[ \t]+and\b))")


def _citations(last: str) -> tuple[re.Pattern, re.Pattern]:
    """For labels A to `last`: a citation ("ref B", "refs A and C", "reftels B-D") and each
    further label after its first."""
    cited = _cited(last)
    return (re.compile(rf"(?i:\b(?:REFTELS?|REFS?)\b(?:\.(?=[ \t]*\(?[A-{last}a-{last.lower()}]\b))?)"
                       rf"(?:[ \t]*{cited}((?:[ \t]*(?:,|&|/|-|\u2013|(?i:and|through|thru))[ \t]*{cited})*))?"),
            re.compile(rf"[ \t]*(,|&|/|-|\u2013|(?i:and|through|thru))[ \t]*{cited}"))


# Labels run to H in most REF lists: a label after it is read only as the next one of a list
# that has come that far, and only such a list's citations are read to Z (ref K).
SHORT_LIST_END = "H"
CITATIONS = {False: _citations(SHORT_LIST_END), True: _citations("Z")}  # keyed by: the list reaches H
RE_REF_RANGE = re.compile(r"(-|–|through|thru|to|and|,|&)[ \t]*(\d{1,3})", re.I)
# REF list labels: "A.", "B)", "B)HAVANA 3721", "C:", "(C)", "(C )SAN JOSE 1693", "D.07 MANAMA 1070",
# "¶B." (web rendering), "a)", and "b." before a reference ("b. STATE 2"; not "a. meeting").
# A label after SHORT_LIST_END counts only as the next one (_Builder._ref_text).
RE_REF_LABEL = re.compile(
    r"(?:^|(?<=[\s;,¶]))(?:\(([A-Za-z]) ?\)(?=\s|$|[A-Z0-9])|([A-Z])(?:\.(?=\s|$|\d)|\)(?=\s|$|[A-Z0-9])|:(?=[ \t]))"
    r"|([a-z])(?:\)(?=\s)|\.(?=[ \t]+[A-Z0-9])))")
RE_LEAD_PILCROW = re.compile(rf"[ \t]*(?:{_PILCROW}[ \t]*)?")
# One cable reference, "08 SAO PAULO 268" or "HANOI 60 (FEW CHANGES ...)": unlabelled lists
# written without semicolons are split into these.
RE_CABLE_REF = re.compile(
    r"(?:\d{2}(?:\d{2})?\s+)?[A-Z][A-Z.\-]*(?:\s[A-Z][A-Z.\-]*)*\s+\d{1,6}(?:\s*\([^()]*\))?[\s,]*")
RE_REFERENCE_ID = re.compile(r"^(\d{2})([A-Z][A-Z\-]*[A-Z])(\d+)$")
RE_BY_END = re.compile(r"[;,.]?\s*\b(?:for\s+reasons?|reasons?|per|under|due\s+to)\b|\s1\s?[.,]\s?[45]\b", re.I)
RE_REASON_LEAD = re.compile(r"\s*(?:(?:for\s+)?reasons?\b|1[ \t]?[.,][ \t]?[45]\b|\(?[a-h]\)?(?:[ \t]*(?:,|and|&|/)|[ \t]*\)|\.?\s*$))", re.I)
RE_REASON_BEFORE = re.compile(r"(?:reasons?|for|per|due to|E\.? ?O\.? ?\d{5})[\s:,.(]*$", re.I)
RE_REASON_START = re.compile(r"1[ \t]?[.,][ \t]?[0-9](?![0-9])")
RE_REASON_BODY = re.compile(
    r"1[ \t]?[.,][ \t]?[0-9][.:]?(?:[ \t(),/&]|and\b|AND\b|And\b|or\b|OR\b|[A-Za-z](?![A-Za-z]))*"
)


# Used in the per-line code below: compiled once rather than looked up in re's cache each call.
RE_MARK_WORD_END = re.compile(r"[\s/\\\-]")
# A mark's head word and the separator after it: "S//" "SECRET/" "C-", or a blank after a
# word in capitals, "SECRET REL INDIA" (see _unparsed_marking)
RE_LEVEL_HEAD = re.compile(r"[ \t]*(?:([A-Za-z]{1,12})[ \t]*(?:/|-)|([A-Z]{2,12})[ \t]+[A-Z])")
# "S NF", "S.NF", "S, NF": a blank or a stop typed for the slash after a level
RE_SLIP_AFTER_LEVEL = re.compile(r"^([A-Z]{1,3})([ \t]*[.:;,][ \t]*|[ \t]+)(?=[A-Z]{2})")
RE_WRAPPED_NUMBER = re.compile(r"\d{2,4}\b")  # "28. 2009": a wrapped date, not a paragraph (see _wrapped)
RE_REF_KEYWORD = re.compile(r"REF(?:TELS?|S|ERENCES?)?(?:\s*:|\.:?)?\s*", re.I)
# A REF line written without the colon, as older cables do: "REF. STATE 184178", "REF.: BRASILIA
# 03286", "REF BRASILIA 1837", "REFS A) 07 REYKJAVIK 308 B) STATE 563", a line for each
# labelled reference ("REF A: STATE 12" / "REF B: PARIS 34"). Upper case, at the start of a
# front-matter line, and without a period only before a label or a cable's post and number.
RE_REF_LOOSE = re.compile(
    r"(?P<ref>REF(?:TELS?|S)?(?:\.:?(?=[ \t]*\S)|(?=[ \t]+(?:\(?[A-H][.):]|(?:\d{2}[ \t]+)?"
    r"[A-Z][A-Z.\-]*(?:[ \t][A-Z][A-Z.\-]*)*[ \t]+\d{1,6}\b))))")
RE_DECL_NA = re.compile(r"[.;,]?[ \t]*N/?A\.?", re.I)  # "DECL: N/A", and "DECL. N/A" (a stop typed for the colon)
RE_SUBJECT_KEYWORD = re.compile(r"SUBJ(?:ECT)?\s*:\s*", re.I)
RE_BY_KEYWORD = re.compile(r"\S+\s+(?:BY|FROM)\s*:?\s*", re.I)  # "Classified By:", "Derived From:"
RE_DERIVED = re.compile(r"derived\s+from\b", re.I)
# A line that begins (after blanks) with a digit or a pilcrow: at a given offset, and after "\n".
RE_NUMBERED_LINE_AT = re.compile(rf"{_LEAD}*[\d¶Â&]")
RE_NUMBERED_LINE = re.compile(rf"\n{_LEAD}*[\d¶Â&]")


# Every front keyword begins, in the upper-cased line, with one of these or with RE_EO_HINT.
_KEYWORD_STARTS = ("TAGS", "SUBJ", "REF", "CLAS", "DERI", "EXECUTIVE")


# The characters besides A-Z and a-z that match an ASCII letter when case is ignored
# (tests/test_properties.py finds every one): İ ı ſ and the Kelvin sign.
_FOLDS_TO_ASCII = frozenset("\u0130\u0131\u017f\u212a")


def _keyword_starts(text: str, pos: int) -> tuple[int, ...] | None:
    """Where in `text` (from `pos`) a front keyword could begin, in order; None when upper()
    cannot tell (see _scan_keyword_starts). Front lines recur ("SIPDIS", "E.O. 12958: N/A") and
    each is asked about more than once, so the answers for lines of ordinary length are kept."""
    return _scan_keyword_starts(text, pos) if len(text) > 300 else _kept_keyword_starts(text, pos)


def _scan_keyword_starts(text: str, pos: int) -> tuple[int, ...] | None:
    """Where in `text` (from `pos`) a front keyword could begin, in order; None when upper()
    cannot tell: it changes the line's length (ß -> SS), or the line has a character that
    case-insensitive matching takes for an ASCII letter (_FOLDS_TO_ASCII).

    RE_FRONT_KEYWORD is slow to search: its start is a lookbehind, so `re` cannot skip ahead
    and tries every position. Each keyword begins with a fixed word (TAGS; SUBJ; REF; CLAS, the
    misspellings of CLASSIFIED included) or with the E.O. shape, so the pattern is tried only
    where one of those begins, and most lines have none.
    """
    up = text.upper()
    if not text.isascii() and (len(up) != len(text) or not _FOLDS_TO_ASCII.isdisjoint(text)):
        return None
    found = [m.start() for m in RE_EO_HINT.finditer(up, pos)]
    for word in _KEYWORD_STARTS:
        p = up.find(word, pos)
        while p != -1:
            found.append(p)
            p = up.find(word, p + 1)
    found.sort()
    return tuple(found)


_kept_keyword_starts = lru_cache(maxsize=4096)(_scan_keyword_starts)


def front_keyword(text: str, pos: int = 0) -> re.Match | None:
    """The first E.O./TAGS/SUBJECT/REF/Classified By keyword in `text` from `pos`."""
    starts = _keyword_starts(text, pos)
    if starts is None:
        return RE_FRONT_KEYWORD.search(text, pos)
    for p in starts:
        m = RE_FRONT_KEYWORD.match(text, p)
        if m:
            return m
    return None


def front_keywords(text: str, pos: int = 0) -> list[re.Match]:
    """Every keyword in `text` from `pos`, as RE_FRONT_KEYWORD.finditer finds them."""
    starts = _keyword_starts(text, pos)
    if starts is None:
        return list(RE_FRONT_KEYWORD.finditer(text, pos))
    out = []
    end = pos
    for p in starts:
        if p >= end:
            m = RE_FRONT_KEYWORD.match(text, p)
            if m:
                out.append(m)
                end = m.end()
    return out


_INLINE_LEAD = frozenset(".!?:\"'\u201d)]-")


def _inline_numbers(text: str, start: int):
    """What RE_INLINE_PARA and RE_INLINE_BARE find from `start`, found faster on long lines.

    Every match ends at a "(" after "N." or "N" and up to two blanks: each such "(" is followed
    back over the number, a pilcrow, the blanks and the punctuation before them to the one place
    a match could begin, and the pattern is tried there only (searching tries every "." of the
    line).
    """
    q = text.find("(", start)
    while q != -1:
        e = q - 1
        if e > 0 and text[e] in " \t":
            e -= 1
            if e > 0 and text[e] in " \t":
                e -= 1
        if e > 0 and text[e] == ".":
            pattern, k = RE_INLINE_PARA, e  # "5. (C)"
        elif e < q - 1 and text[e].isdecimal():
            pattern, k = RE_INLINE_BARE, e + 1  # "5 (C)", the period left out
        else:
            pattern = None
        if pattern is not None:
            end = k
            while k > 0 and end - k < 4 and text[k - 1].isdecimal():
                k -= 1
            if 1 <= end - k <= 3:
                j = k
                if text[j - 1:j] == "\u00b6":
                    j -= 1
                elif text[j - 2:j] == "\u00b6 ":
                    j -= 2
                b = j
                while b > 0 and text[b - 1] in " \t":
                    b -= 1
                if b < j and b > start and (text[b - 1] in _INLINE_LEAD or text[b - 1].isalnum()):
                    m = pattern.match(text, b - 1)
                    if m:
                        yield m
        q = text.find("(", q + 1)


# Words after which a letter in parentheses is a label cited, not a portion mark: "AS REPORTED
# IN REF (C), ...", "SEE PARA (C)", "OPTION (C)".
_CITING_WORDS = frozenset({"REF", "REFS", "REFTEL", "REFTELS", "REFERENCE", "PARA", "PARAS", "PARAGRAPH", "ITEM",
                           "ITEMS", "SECTION", "ANNEX", "TAB", "OPTION", "POINT", "SEE", "AND", "OR", "IN", "OF"})


def _cites_a_letter(lead: str) -> bool:
    """Is `lead`, the words before a mark-shaped "(C)" (RE_LATE_MARK's first group), a heading
    without its colon whose last word cites a lettered item?"""
    words = lead.rstrip(" \t-").split()
    return not lead.rstrip(" \t-").endswith(":") and bool(words) and words[-1].upper() in _CITING_WORDS


def _wrapped(rest: str, above: str | None) -> bool:
    """Is a number at a line's start, followed by `rest` ("28. 2009"), a date or a figure the
    line broke inside rather than a paragraph? A year after it always is; another number
    ("¶6.  103 ELECTION VIOLATION APPLICATIONS") only where the line above (`above`, None when
    not known) goes on into it: not blank, no sentence ended."""
    if RE_WRAPPED_NUMBER.match(rest) is None:
        return False
    if above is None or (rest[:2] in ("19", "20") and rest[2:4].isdigit()):
        return True
    end = above.rstrip(" \t\\")
    return bool(end) and end[-1] not in ".!?:;\"')]-"


def _numbered_letter(text: str, number: re.Match, mark: str) -> bool:
    """Is "3. (c)" (`number` and `mark` inside `text`) the third of a list "1. (a) ... 2. (b) ...
    3. (c)" in a paragraph's text (likewise "(B) ... (C)")? Not a paragraph whose mark was typed
    in lower case, as "16. (c)" after "15. (c)" in a cable written in lower case."""
    letter = mark[1:-1]
    neighbours = _LIST_NEIGHBOURS.get(letter.upper()) if len(letter) == 1 and letter.isascii() else None
    if neighbours is None:
        return False
    before = neighbours[0] if letter.isupper() else neighbours[0].lower()
    window = text[max(0, number.start() - 400):number.start()]
    return f"({before})" in window and \
        re.search(rf"(?<!\d){int(number.group(2)) - 1}\.?[ \t]{{0,2}}\({before}\)", window) is not None


def _dash_bullet_before(text: str, at: int, line_start: int) -> int | None:
    """Where the dash bullet before the "(" at `at` begins, inside a line: " -- (C)"; or None."""
    k = at
    while k > line_start and text[k - 1] in " \t":
        k -= 1
    if k - 2 > line_start and text[k - 2:k] == "--" and text[k - 3] in " \t":
        return k - 2
    return None


def _heading_only(text: str) -> bool:
    """Is `text`, a paragraph's own text before its first marked item, only a heading: one line
    in upper case ("KEY POINTS") or of a few words and a colon ("Key Points:")? A sentence
    that leads into the items ("We discussed two things:") is a portion of its own."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if not lines:
        return True
    line = lines[0]
    return len(lines) == 1 and len(line) <= 100 and \
        (line == line.upper() or (line.endswith(":") and len(line.split()) <= 4))


def _paragraph_begins_inside(kind: str | None, text: str) -> bool:
    """Does the first paragraph begin inside this front-matter line, whose last part was `kind`?
    "... reasons 1.4 (b) and (d) 1. (C)" after Classified By, or "... 1. (SBU)" after any part."""
    return (kind == "classified" and text.rstrip().endswith(")") and RE_TRAILING_PARA.search(text) is not None) or \
        ("1." in text and RE_FIRST_INLINE.search(text) is not None)  # (what each pattern needs, tested first)


def _banner_inside(text: str) -> re.Match | None:
    """RE_BANNER_INSIDE.search, skipped where none of its (case-sensitive) level words occurs."""
    if "SECRET" in text or "CONFIDENTIAL" in text or "UNCLAS" in text or "S E C R E T" in text \
            or "C O N F I D E N T I A L" in text or "LIMITED OFFICIAL USE" in text:
        return RE_BANNER_INSIDE.search(text)
    return None


def _find_all(low: str, word: str, start: int, end: int | None = None):
    """Positions of `word` in `low` where it is not inside a longer word (str.find is fast)."""
    end = len(low) if end is None else end
    pos = low.find(word, start, end)
    while pos != -1:
        if (pos == 0 or not low[pos - 1].isalpha()) and not (low[pos + len(word):pos + len(word) + 1].isalpha() and word != "para" and word != "ref"):
            yield pos
        pos = low.find(word, pos + 1, end)


_LOWER_PIECE = 1 << 20  # characters lowered at a time in a large text


def _lowered(text: str) -> str:
    """`text` with its ASCII letters in lower case: same length, so offsets carry over.

    Only ASCII is lowered: every keyword looked for in it ("para", "summary", "ref") is ASCII,
    and str.lower() on text that is not ASCII is several times slower. In Latin-1 and in UTF-8,
    bytes below 0x80 are exactly the ASCII characters, so lowering the encoded bytes changes
    nothing else.
    A large text is lowered a piece at a time, so that its encoded copies stay small.
    """
    if text.isascii():
        return text.lower()
    if len(text) <= _LOWER_PIECE:
        return _lower_ascii(text)
    return "".join(_lower_ascii(text[i:i + _LOWER_PIECE]) for i in range(0, len(text), _LOWER_PIECE))


def _lower_ascii(text: str) -> str:
    try:  # most cables are Latin-1 ("¶"): one byte a character, copied rather than encoded
        return text.encode("latin-1").lower().decode("latin-1")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogatepass").lower().decode("utf-8", "surrogatepass")


@record
class _Candidate:
    line: int
    col: int  # 0-based column of the ¶ or first digit
    end_col: int  # after the period
    written: str
    pilcrow: bool
    mark: MarkToken | None
    malformed: bool
    inline: bool
    punctuation: str = "."  # after the number (Paragraph.punctuation)
    pilcrow_as: str = ""  # Paragraph.pilcrow_as


# ---------------------------------------------------------------- small grammar helpers


# Lines of one kind differ mostly in their numbers and codes: `O 050806Z NOV 09`, `DE RUEHNT
# #1571 3090806`, `E.O. 12958: DECL: 11/05/2019`, `TAGS: PREL, PGOV, UZ`. Where no terminal a
# start rule can reach tells apart the characters a table puts together (\d and [0-9] tell no
# digit from another), a line parses exactly as its shape, the line with each character
# replaced by the first of its group: the same tokens at the same places. So one parse serves
# every line of a shape. A keyword the table would change (TAGS, DE, and E.O., whose [O0]
# tells 0 from the other digits) is kept as written: it is the first token, and no other token
# can be it.
# Where, besides, every terminal reads a run of the group's character as a whole, taking it
# all in one greedy repetition of any length (TAG_WORD's [A-Za-z0-9_\-./]*), each run after
# the keyword is shortened to one character: a TAGS line of any tags' lengths, or a page break
# of any post's, is one shape, its tokens' places mapped back to the line's.
# tests/test_parse_cache.py proves these conditions from the grammars.
def _to_first(*groups: str) -> dict[int, int]:
    """A str.translate table that replaces each character of each group by the group's first."""
    return {ord(ch): ord(group[0]) for group in groups for ch in group[1:]}


_DIGITS_TO_0 = _to_first(digits)
_UPPER_TO_A_DIGITS_TO_0 = _to_first(ascii_uppercase, digits)
# A DTG's precedence letters and month, `O 050806Z NOV 09`: capitals but Z, which DTG ends with
_UPPER_TO_A_BUT_Z_DIGITS_TO_0 = _to_first(ascii_uppercase.replace("Z", ""), digits)
# A page break's post, `BRASILIA 00000033 002 OF 003`: capitals but O and F, which OF tells apart
_POST_TO_A_DIGITS_TO_0 = _to_first(ascii_uppercase.replace("O", "").replace("F", ""), digits)
_ALNUM_TO_A = _to_first(ascii_uppercase + ascii_lowercase + digits)
SHAPES: dict[tuple[str, str], tuple[dict, re.Pattern | None, str | None]] = {
    # (table, keyword kept, the character whose runs are shortened)
    ("cable", "dtg_line"): (_UPPER_TO_A_BUT_Z_DIGITS_TO_0, None, None),
    ("cable", "de_line"): (_UPPER_TO_A_DIGITS_TO_0, re.compile(r"[ \t]*DE"), None),
    ("cable", "page_break"): (_POST_TO_A_DIGITS_TO_0, None, "A"),
    ("cable", "eo_line"): (_DIGITS_TO_0, re.compile(r"[ \t]*(?:E\. ?[O0]\.?|E[O0]|EXECUTIVE +ORDER)", re.I), None),
    ("cable", "tags_line"): (_ALNUM_TO_A, re.compile(r"[ \t]*TAGS", re.I), "A"),
    ("marking", "banner"): (_DIGITS_TO_0, None, None),
}
_RUNS = {"A": re.compile("A{2,}")}
_TAG_KINDS = {"TAG_WORD": "word", "LINKED_TAG": "linked", "NAMED_TAG": "named"}
_DE_FIELDS = {"ROUTING_ID": "routing_id", "STATION_SERIAL": "station_serial", "SECTION_NO": "station_section",
              "FILED_AT": "filed_at"}


def _parse(grammar: str, start: str, text: str):
    """Parse one line with one start rule: the parse of its shape (above), with each token's
    text taken from the line. The trees are only read, never changed."""
    tree, shape, places = _parse_shape(grammar, start, text)
    return tree if shape == text else _with_text(tree, text, places)


def _parse_shape(grammar: str, start: str, text: str) -> tuple:
    """(the parse of `text`'s shape, the shape, for each place in the shape and its end the place
    in `text` it stands for or None when they are the same): a caller that reads only the
    tokens' types and places takes a token's text as text[place(start):place(end)] and makes no
    tree of its own."""
    shaping = SHAPES.get((grammar, start))
    if shaping is None:
        return _parse_text(grammar, start, text), text, None
    table, keep, run = shaping
    kept = 0
    if keep is None:
        shape = text.translate(table)
    elif m := keep.match(text):
        kept = m.end()
        shape = text[:kept] + text[kept:].translate(table)
    else:
        return _parse_text(grammar, start, text), text, None
    places = None
    if run is not None:
        shape, places = _shortened(shape, _RUNS[run], kept)
    return _parse_text(grammar, start, shape), shape, places


def _parse_in_place(grammar: str, start: str, text: str):
    """A parse of `text` whose tokens stand at the line's places, their own text not set: the
    parse of its shape where the shape keeps every place (a banner, an E.O. line: digits made 0),
    made again at the line's places where it does not. A token's text is text[t.start_pos:t.end_pos]."""
    tree, _, places = _parse_shape(grammar, start, text)
    return tree if places is None else _with_text(tree, text, places)


def _token_places(t: Token, places: list[int] | None) -> tuple[int, int]:
    """Where token `t` of a shape's parse stands in the line: its own places, or mapped through
    `places` (see _parse_shape)."""
    return (t.start_pos, t.end_pos) if places is None else (places[t.start_pos], places[t.end_pos])


def _token_text(text: str, t: Token) -> str:
    """The text of token `t` of _parse_in_place's tree in its line `text`."""
    return text[t.start_pos:t.end_pos]


def _flat_tokens(grammar: str, start: str, text: str) -> list[tuple[str, str, int, int]]:
    """The tokens of a line whose start rule has only tokens below it (a DE line, a DTG, a page
    break), as (type, text, start, end), read off the parse of its shape: no tree is made."""
    tree, _, places = _parse_shape(grammar, start, text)
    out = []
    for t in tree.children:
        a, b = _token_places(t, places)
        out.append((t.type, text[a:b], a, b))
    return out


def _shortened(shape: str, runs: re.Pattern, pos: int) -> tuple[str, list[int] | None]:
    """`shape` with each run that `runs` finds from `pos` shortened to its first character; and
    for each place in the result (and its end), the place in `shape` it stands for (None when
    nothing was shortened)."""
    parts = []
    places: list[int] = []
    last = 0
    for m in runs.finditer(shape, pos):
        a = m.start() + 1
        parts.append(shape[last:a])
        places.extend(range(last, a))
        last = m.end()
    if not parts:
        return shape, None
    parts.append(shape[last:])
    places.extend(range(last, len(shape) + 1))
    return "".join(parts), places


@lru_cache(maxsize=8192)
def _parse_text(grammar: str, start: str, text: str):
    """Lines repeat across cables (`ZNY CCCCC ZZH`, `E.O. 12958: N/A`), so parses are cached."""
    return parse_line(grammar, text, start)


def _with_text(tree, text: str, places: list[int] | None = None):
    """`tree` with its tokens holding their text in `text` (same places, same types; with
    `places`, each token's places mapped through it); a token or subtree whose text is the
    same is shared, not copied."""
    children = []
    changed = False
    for c in tree.children:
        if isinstance(c, Token):
            if places is not None:  # moved: made again even where its text is the same
                start, end = places[c.start_pos], places[c.end_pos]
                c = line_token(c.type, text[start:end], start, end)
                changed = True
            else:
                value = text[c.start_pos:c.end_pos]
                if value != c:
                    c = line_token(c.type, value, c.start_pos, c.end_pos)
                    changed = True
        else:
            new = _with_text(c, text, places)
            changed = changed or new is not c
            c = new
        children.append(c)
    return Tree(tree.data, children) if changed else tree


@lru_cache(maxsize=4096)
def parse_marking(inner: str) -> tuple[Marking | None, str, str]:
    """Parse the inside of a portion mark; (marking, problem, intended mark)."""
    try:
        tree = _parse("marking", "portion_mark", f"({inner})")
    except LarkError:
        return _unparsed_marking(inner)
    head = tree.children[0].children[0]
    items: list[tuple[str, str, tuple]] = []  # (separator, kind, words)
    children = tree.children[1:]
    for sep, item in zip(children[0::2], children[1::2]):
        sep_text = sep.children[0].value
        if item.data == "control":
            items.append((sep_text, "control", tuple(t.value for t in item.children[0].children)))
        else:
            groups = []
            for part in item.children:
                if getattr(part, "data", None) == "words":
                    groups.append(" ".join(t.value for t in part.children))
            items.append((sep_text, "rel", tuple(groups)))
    marking = lattice.portion_marking(head.value, items)
    if marking.spelled:
        rest = f"({inner})"[head.end_pos:-1]
        return marking, f"the level is spelled out; a portion mark uses ({marking.level})", \
            f"({marking.level}{rest})"
    return marking, "", ""


def _unparsed_marking(inner: str) -> tuple[Marking | None, str, str]:
    """A mark that does not parse. A slip with one likely meaning is read as the mark meant: a
    backslash, a blank or a stop typed for the slash, `(S\\NF)`, `(S NF)`, `(S.NF)`. Otherwise a
    level at its head, before a slash or a dash, is still read, so that the portion is checked
    against the classification line: `(S//REL)` (no countries) is a SECRET portion."""
    slips = []  # (the mark with a slash, what was typed for it)
    if "\\" in inner:
        slips.append((inner.replace("\\", "/"), "a backslash"))
    m = RE_SLIP_AFTER_LEVEL.match(inner)
    if m:
        typed = m.group(2).strip()
        slips.append((m.group(1) + "/" + inner[m.end():], f'"{typed}"' if typed else "a blank"))
    for slashed, typed in slips:
        marking, problem, _ = parse_marking(slashed)
        if marking is not None and not problem and not marking.unknown and \
                marking.level in lattice.PORTION_LEVELS.values():
            return marking, f"{typed} where a slash belongs", f"({slashed})"
    m = RE_LEVEL_HEAD.match(inner)
    if m:
        marking = lattice.portion_marking(m.group(1) or m.group(2), ())
        if marking.level is not None:
            return marking, f"does not parse; read for its level, {lattice.level_name(marking.level)}", ""
    return None, "does not parse as a portion mark", ""


def _mark_token(source: Source, line: int, col: int, raw: str) -> MarkToken:
    """A MarkToken for `raw` = "(...)" found at (line, col)."""
    inner = raw[1:-1]
    marking, problem, intended = parse_marking(inner)
    span = source.span(line, col, col + len(raw))
    if marking is not None and not problem:
        lower = inner != inner.upper() and marking.level is not None
        if inner != inner.strip():  # the mark meant has no blanks, and capitals ("( c )": "(C)")
            problem = "spaces inside the parentheses" + (", lower case" if lower else "")
            intended = "(" + (inner.strip().upper() if lower else inner.strip()) + ")"
        elif lower:
            problem, intended = "lower case", raw.upper()
    return _make_mark_token(raw=raw, span=span, marking=marking, problem=problem, intended=intended)


def _head_word(inner: str) -> str:
    """The first word of a mark's inside, in capitals: "S" of "s/nf", "SECRET" of "SECRET//NF"."""
    return RE_MARK_WORD_END.split(inner.strip(), maxsplit=1)[0].upper()


@lru_cache(maxsize=4096)
def _looks_like_mark(inner: str) -> bool:
    """Is "(...)" after a paragraph number a portion mark rather than a parenthesis of text?
    Marks repeat ("(C)", "(SBU)"), so answers are kept."""
    word = _head_word(inner)
    if word in _LEVEL_HEADS or word in lattice.SPELLED_LEVELS:
        return True
    if RE_SLIP_AFTER_LEVEL.match(inner.strip()):  # "(S.NF)": a mark if the slip has one reading
        return parse_marking(inner.strip())[2] != ""
    if RE_MARK_SHAPE.fullmatch(inner.strip()) is None:
        return False
    # "(X)", "(S/ZZ)": an unknown token where a level belongs. A longer word that is no word of a
    # mark, nor a misspelling or a shortening of one ("(CONF)"), is a label in parentheses:
    # "¶3. (IRAN) NEW PROTESTS" in a cable written in capitals, as "(Iran)" is in another.
    return len(word) <= 3 or _closest(word, _MARK_WORDS) is not None or \
        any(mark_word.startswith(word) for mark_word in _MARK_WORDS)


# The one-word levels and controls a mark may hold, in every spelling lattice knows.
_MARK_WORDS = tuple(sorted({word for word in (*lattice.SPELLED_LEVELS, *lattice.ADMIN_HEADS, *lattice.CONTROLS)
                            if " " not in word}))


# ---------------------------------------------------------------- the parser


class _Builder:
    def __init__(self, source: Source):
        self.src = source
        self.lines = source.lines()
        self.low = _lowered(source.text)
        self.structural: set[int] = set()  # front-matter lines read as E.O., TAGS, SUBJECT...
        self.refs: list[Ref] = []
        self.pages: list[SectionMark] = []  # page-break lines' "nnn OF mmm"
        self.breaks: list[Span] = []  # the page-break lines themselves
        self.problems: list[Problem] = []
        self.parens: list[int] | None = None  # see _parens
        self.unmarked_first: tuple[int, re.Match] | None = None  # see _unmarked_first_inside
        self.paren_pairs: dict[int, int] | None = None  # see _closing_parentheses
        self.double_spaced: bool | None = None  # see _double_spaced
        self.front_start = 0  # the first line after the classification line (see _front)
        # Span of characters [c0, c1) of a line: made by the thousand, so the source's own
        # method, one call less
        self.span = source.span

    def problem(self, expected: str, line: int, c0: int, c1: int, detail: str = "") -> None:
        self.problems.append(Problem(expected, self.span(line, c0, c1), detail))

    # -- regions

    def _document_start(self) -> int:
        """Some published files hold an abbreviated copy of the cable, a `=== CABLE ENDS ===`
        line, then the full copy: read the full one."""
        lines = self.lines
        text = self.src.text
        if "=" in text and "CABLE ENDS" in text:  # the line is of "=": one character, a fast scan, first
            for i in range(len(lines) - 1, -1, -1):
                if lines[i].startswith("=") and RE_COPY_SEPARATOR.match(lines[i]):
                    if any(RE_BANNER.match(t) or _banner_inside(t) for t in lines[i + 1:i + 80]):
                        return i + 1
        # Without a separator: the same classification line twice (not a new SECTION page)
        # means a second copy, when front matter follows it (a copy of the classification line
        # at the foot of the cable is no copy); start at the block of lines that leads into it.
        seen: set[str] = set()
        # the few lines that end in a digit, found without a Python step per line
        ends_in_digit = map(str.isdigit, map(_LAST_CHAR, map(str.rstrip, lines)))
        for i in compress(count(), ends_in_digit):
            t = lines[i]
            if _ends_with_serial(t.rstrip()) and RE_BANNER.match(t):
                key = " ".join(t.split())
                if key in seen and any(front_keyword(u) for u in lines[i + 1:i + 40]):
                    while i > 0 and lines[i - 1].strip():
                        i -= 1
                    return i
                seen.add(key)
        return 0

    def build(self) -> Cable:
        lines = self.lines
        n = len(lines)
        banner_index = None
        first = self._document_start()
        limit = min(n, first + 120)
        banner_col = 0
        # An archive's record of the cable may give its level above the cable's own line: a field
        # ("classification: SECRET") or a line of the level alone ("SECRET//NOFORN" among the
        # record's id, date and origin; "CONFIDENTIAL" atop a forwarding e-mail). The cable's own
        # line, with its post and serial, is read when one follows before the E.O. or SUBJECT line
        # and before any paragraph.
        stand_in = None
        for i in range(first, limit):
            text = lines[i]
            para = RE_PARA.match(text)
            if para and i > 0 and self._has_front_keyword_before(i):
                break
            if stand_in is not None and (para or ((k := front_keyword(text)) and k.lastgroup in ("eo", "subject"))):
                break
            if RE_BANNER.match(text) or RE_BANNER_NOT_A_LEVEL.match(text):
                if self._old_page_heading(i):
                    continue
                if stand_in is None and RE_LEVEL_ALONE.fullmatch(text.strip()):
                    stand_in = (i, 0)
                    continue
                banner_index = i
                break
            if stand_in is None and (f := RE_CLASSIFICATION_FIELD.match(text)):
                stand_in = (i, f.end())
                continue
            # A classification line merged into another line ("...PRIORITY 0095<TAB>C O N F ...",
            # "Cable dated:2006-06-08T06:52:00S E C R E T ...").
            m = _banner_inside(text)
            if m:
                banner_index, banner_col = i, m.start(1)
                break
        if banner_index is None:
            banner_index = self._misspelled_banner(first, limit)
        if banner_index is None and stand_in is not None:
            banner_index, banner_col = stand_in
        header_end = banner_index if banner_index is not None else self._header_end(first)
        header = self._header(first, header_end)
        if first and (header is None or header.dtg is None):
            # The full copy may lack the routing header that the abbreviated copy kept.
            top = next((i for i in range(first) if RE_BANNER.match(lines[i])), first)
            earlier = self._header(0, top)
            if earlier is not None and earlier.dtg is not None:
                header = earlier
        banner = None
        captions: list[Caption] = []
        front_start = max(header_end, first)
        if banner_index is not None:
            banner, trailer_col = self._banner(banner_index + 1, banner_col, captions)
            front_start = banner_index + 1
            if trailer_col is not None:
                self._front_line(banner_index + 1, trailer_col, captions)
        body_start = self._front(front_start, captions)
        paragraphs, items, markers, citations = self._body(body_start, front_start)
        if self.authority is None:
            self._authority_in_paragraphs(paragraphs)
        return Cable(
            path=self.src.path, header=header, banner=banner, captions=tuple(captions),
            eo=self.eo, authority=self.authority, tags=self.tags, subject=self.subject,
            refs=tuple(self.refs), ref_line_span=self.ref_span, paragraphs=tuple(paragraphs),
            items=tuple(items), markers=tuple(markers), citations=tuple(citations),
            problems=tuple(self.problems),
            reference_id=reference_id(self.src.path), page_breaks=tuple(self.breaks),
            sections=tuple(self._sections(banner, banner_index)),
        )

    def _misspelled_banner(self, first: int, limit: int) -> int | None:
        """The line of a classification line with a misspelled level word, above the first
        front-matter keyword and the first paragraph; None if there is none."""
        for i in range(first, limit):
            text = self.lines[i]
            if front_keyword(text) or RE_PARA.match(text):
                return None
            if text[:1] != "V" and _misspelled_level(text.strip()):  # not VZCZC... routing lines
                return i
        return None

    def _old_page_heading(self, i: int) -> bool:
        """" CONFIDENTIAL" followed by "PAGE 02 ..." heads a page of an old telegram."""
        for t in self.lines[i + 1:i + 4]:
            if t.strip():
                return RE_OLD_PAGE.match(t) is not None
        return False

    def _sections(self, banner: Banner | None, banner_index: int | None):
        """Section numbers in text order: the banner's, repeated classification lines' (a
        merged multi-section text), and page-break lines' `nnn OF mmm`."""
        out: list[SectionMark] = []
        if banner is not None and banner.section and banner.section_span:
            out.append(SectionMark(*banner.section, "banner", banner.section_span))
        if banner_index is not None and banner_index + 1 < len(self.lines):
            whole, starts = self.src.text, self.src.line_starts
            pos = whole.find("SECTION", starts[banner_index + 1])
            while pos != -1:  # the lines with SECTION, found without a Python step per line
                i = bisect_right(starts, pos) - 1
                text = self.lines[i]
                if RE_BANNER.match(text):
                    m = RE_SECTION_OF.search(text)
                    if m:
                        out.append(SectionMark(int(m.group(1)), int(m.group(2)), "repeat",
                                               self.span(i + 1, m.start(), m.end()),
                                               self._banner(i + 1, quiet=True)[0]))
                pos = whole.find("SECTION", starts[i + 1]) if i + 1 < len(starts) else -1
        out.extend(self.pages)
        out.sort(key=lambda s: s.span.start)
        return out

    def _has_front_keyword_before(self, i: int) -> bool:
        return any(front_keyword(t) for t in self.lines[:i])

    def _header_end(self, first: int) -> int:
        """Without a banner, the header is the run of routing lines at the top."""
        for i in range(first, min(len(self.lines), first + 60)):
            text = self.lines[i]
            if front_keyword(text) or RE_PARA.match(text):
                return i
        return first

    # -- routing header

    def _header(self, start: int, end: int) -> Header | None:
        if end <= start:
            return None
        fields: dict = {}
        lines: list[HeaderLine] = []
        precedences: list[str] = []
        in_addressees = False
        bare_dtg = None  # (index in lines, line, column, text) of a DTG without its precedence
        for i in range(start, end):
            text = self.lines[i]
            ln = i + 1
            # _without_export_mark(text).lstrip(), written out: this runs on every header line
            stripped = text.strip().rstrip("\\").rstrip()
            if not stripped:
                continue
            lead = len(text) - len(text.lstrip())
            span = self.span(ln, lead, lead + len(stripped))
            kind = None
            if in_addressees and not stripped.startswith(("TO", "INFO", "FM ", "ZN", "DE ", "VZCZC")) and (
                    "dtg" in fields or not (stripped[1:2].isspace() and RE_DTG.match(stripped))):
                kind = "addressee"  # the long TO/INFO lists: no need to try every other form
            # Each pattern begins (after blanks) with what `stripped` is tested for first.
            elif stripped.startswith("VZCZC"):
                kind = "vzczc"
            elif stripped.startswith("DE") and RE_DE.match(text):
                kind = "de"
                self._de_line(ln, lead, stripped, fields)
            elif stripped.startswith("ZN") and RE_SECURITY.match(text):
                kind = "security"
                fields["security"] = " ".join(stripped.split()[:2])
                fields["security_span"] = span
                try:
                    _parse("cable", "security_line", stripped)
                except LarkError:
                    self.problem("a security line such as ZNY CCCCC", ln, lead, lead + len(stripped))
            elif stripped.startswith(("ZZ", "OO", "PP", "RR")) and RE_PROSIGN.match(stripped) \
                    and "prosign" not in fields:
                kind = "prosign"
                fields["prosign"] = stripped[:2]
                fields["prosign_span"] = self.span(ln, lead, lead + 2)
            elif stripped[1:2].isspace() and RE_DTG.match(stripped) and "dtg" not in fields:
                kind = "dtg"
                self._dtg_line(ln, lead, stripped, fields)
            elif stripped[:1].isdigit() and bare_dtg is None and RE_BARE_DTG.fullmatch(stripped):
                bare_dtg = (len(lines), ln, lead, stripped)  # read if the header has no DTG line
            elif stripped.startswith("FM") and RE_FM.match(text):
                kind = "fm"
                fields["origin"] = RE_FM.match(stripped).group(1)
                fields["origin_span"] = self.span(ln, lead + 3, lead + len(stripped))
                in_addressees = False
            elif stripped.startswith(("TO", "INFO")) and RE_TO.match(text):
                kind = RE_TO.match(text).group(1).lower()
                in_addressees = True
            elif in_addressees:
                kind = "addressee"
            if kind in ("to", "info", "addressee"):
                m = RE_PRECEDENCE_WORD.search(stripped)
                if m:
                    precedences.append(m.group(1))
            if kind:
                lines.append(_make_header_line(kind, stripped, span))
        if not lines:
            return None
        if bare_dtg is not None and "dtg" not in fields:
            k, ln, lead, text = bare_dtg
            self._dtg_line(ln, lead, text, fields, "bare_dtg_line")
            lines.insert(k, _make_header_line("dtg", text, fields["dtg_span"]))
        return Header(lines=tuple(lines), addressee_precedences=tuple(precedences), **fields)

    def _de_line(self, ln: int, lead: int, text: str, fields: dict) -> None:
        fields["de_span"] = self.span(ln, lead, lead + len(text))
        try:
            tokens = _flat_tokens("cable", "de_line", text)
        except LarkError:
            self.problem("a DE line such as DE RUEHNT #1571 3090806", ln, lead, lead + len(text))
            return
        for kind, value, _, _ in tokens:
            fields[_DE_FIELDS[kind]] = value

    def _dtg_line(self, ln: int, lead: int, text: str, fields: dict, start: str = "dtg_line") -> None:
        text = RE_DTG_SIGNALS.sub("", text)
        fields["dtg_span"] = self.span(ln, lead, lead + len(text))
        fields["dtg"] = text
        try:
            tokens = _flat_tokens("cable", start, text.upper())  # "O 021334Z May 00" as well
        except LarkError:
            return  # HDR001 reports a DTG that does not parse
        toks = {kind: value for kind, value, _, _ in tokens if kind != "PREC_LETTER"}
        fields["precedence"] = "".join(value for kind, value, _, _ in tokens if kind == "PREC_LETTER")
        day, time = int(toks["DTG"][:2]), toks["DTG"][2:6]
        fields["dtg"] = f"{toks['DTG']} {toks['MONTH']} {toks['YEAR']}"
        fields["dtg_day"], fields["dtg_time"] = day, time
        fields["dtg_month"], fields["dtg_year"] = toks["MONTH"], two_digit_year(int(toks["YEAR"]))
        hh, mm = int(time[:2]), int(time[2:])
        if hh < 24 and mm < 60:
            fields["dtg_date"] = dtg_date(day, toks["MONTH"], int(toks["YEAR"]))

    # -- classification line

    def _banner(self, ln: int, col: int = 0, captions: list[Caption] | None = None, quiet: bool = False,
                ) -> tuple[Banner | None, int | None]:
        """The classification line `ln` from column `col`; captions written in it before the
        post ("S E C R E T NOFORN STATE 000001") go to `captions`. `quiet`: a line that does
        not parse is None, not a problem reported and a line read from its words."""
        text = self.lines[ln - 1]
        lead = col + len(text[col:]) - len(text[col:].lstrip())
        body = text[lead:].strip()
        # A merged line ("UNCLAS E.O. 12958: N/A TAGS ...") ends the classification line where
        # the next part begins, so that "E.O." is not read as a post.
        merged = front_keyword(body, 1)
        merged_col = lead + merged.start() if merged else None
        if merged:
            body = body[:merged.start()].rstrip()
        end = lead + len(body)
        try:
            tree = _parse_in_place("marking", "banner", body)
        except LarkError:
            if quiet:
                return None, None
            misspelled = _misspelled_level(body)
            detail = f"{misspelled[0]} is no classification level; read as {misspelled[1]}" \
                if misspelled else ""
            self.problem("a classification line such as C O N F I D E N T I A L TASHKENT 001571",
                         ln, lead, end, detail)
            return _banner_from_words(body, self.span(ln, lead, end), misspelled and misspelled[2]), None
        level_tok = tree.children[0].children[0]
        word = _token_text(body, level_tok)
        kind = level_tok.type
        level = {"CONFIDENTIAL": "C", "SECRET": "S", "UNCLAS": "U", "LOU": "U"}.get(kind)
        if kind == "TOP":
            word = " ".join(_token_text(body, t) for t in tree.children[0].children)
            level = "TS"
        invalid = word if kind == "NOT_A_LEVEL" else None
        controls: list[str] = []
        qualifier = None
        section = section_span = post = serial = None
        trailer_col = merged_col
        for child in tree.children[1:]:
            if hasattr(child, "data"):
                if child.data == "capco":
                    controls.append(" ".join(_token_text(body, child.children[1]).split()).upper())
                elif child.data == "qualifier":
                    qualifier = _token_text(body, child.children[0]).upper().replace(" ", "")
                elif child.data == "section":
                    nums = [t for t in child.children if t.type == "NUM"]
                    section = (int(_token_text(body, nums[0])), int(_token_text(body, nums[1])))
                    first = child.children[0]
                    section_span = self.span(ln, lead + first.start_pos, lead + nums[1].end_pos)
                elif child.data == "location":
                    words = child.children[:-1]
                    while len(words) > 1 and _token_text(body, words[0]).upper() in lattice.CAPTIONS:
                        if captions is not None:
                            captions.append(_make_caption(_token_text(body, words[0]).upper(), self.span(
                                ln, lead + words[0].start_pos, lead + words[0].end_pos)))
                        words = words[1:]
                    post = " ".join(_token_text(body, t) for t in words).upper()
                    serial = _token_text(body, child.children[-1])
            elif child.type == "TRAILER":
                trailer_col = lead + child.start_pos
        if qualifier == "SENSITIVE" and level in ("C", "S", "TS"):
            invalid = f"{word} SENSITIVE"
        marking = lattice.banner_marking(level, controls) if level is not None else None
        span = self.span(ln, lead, trailer_col if trailer_col is not None else end)
        while trailer_col is not None and span.end_col > span.col and text[span.end_col - 2] == " ":
            span = self.span(ln, lead, span.end_col - 2)
        banner = Banner(
            level=level if invalid is None else None, word=word, controls=tuple(controls),
            marking=marking if invalid is None else None, qualifier=qualifier,
            lou=kind == "LOU", invalid_word=invalid, section=section, section_span=section_span,
            post=post, serial=serial, span=span,
        )
        return banner, trailer_col

    # -- front matter: captions, E.O., TAGS, SUBJECT, REF, Classified By

    eo: EOLine | None = None
    tags: Tags | None = None
    subject: Subject | None = None
    authority: Authority | None = None
    ref_span: Span | None = None

    def _front(self, start: int, captions: list[Caption]) -> int:
        """Read the front matter; return the index of the first body line."""
        self.front_start = start
        lines = self.lines
        i = start
        n = len(lines)
        open_kind = None  # the keyword whose text may continue on the next line
        while i < n:
            text = lines[i]
            ln = i + 1
            if RE_PARA.match(text) and self._is_paragraph_start(text, lines[i - 1] if i else ""):
                return i
            if not text.strip():
                if open_kind in ("subject", "classified", "tags", "ref") and 1 < i < n - 2 and \
                        not lines[i - 2].strip() and lines[i + 1].strip() and not lines[i + 2].strip() \
                        and self._double_spaced():  # (each of the two lines between blank ones)
                    i += 1  # a line break the export doubled: the subject, reason or list goes on
                    continue
                if open_kind in ("ref", "ref gap"):
                    open_kind = "ref gap"  # a REF list may go on with its next label ("¶B. ...")
                else:
                    # "Classified By: ... Reasons" / blank / "1.4 (b) and (d).": the reason may follow
                    wrapped = open_kind in ("classified", "classified-gap") and self._authority_incomplete()
                    open_kind = "classified-gap" if wrapped else None
                i += 1
                continue
            op = RE_OLD_PAGE_HEADING.match(text) if "PAGE" in text else None
            page_below = (i + 1 < n and "PAGE" in lines[i + 1]) or (i + 2 < n and "PAGE" in lines[i + 2])
            if op or (page_below and self._old_page_classification(i)):
                # An old telegram's page heading, " CONFIDENTIAL" above "PAGE 02 HARARE 06677 01
                # OF 03 291400Z": no part of a REF list or subject, whose text may go on after it.
                self.structural.add(ln)
                if op and open_kind == "subject" and self.subject is not None and text[op.end():].strip():
                    self._extend_subject(ln, text, op.end())
                i += 1
                continue
            pb = RE_PAGE_BREAK.match(text) if " OF " in text else None
            if pb:
                # "ROME 00001187 001.2 OF 003" at a page's top: no part of a REF list or subject
                # around it. The page's text may go on in the same line.
                rest = text[pb.end():]
                if (RE_PARA.match(rest) and self._is_paragraph_start(rest)) or \
                        ("1." in rest and RE_FIRST_INLINE.search(rest)):
                    return i  # "LONDON 00001886 001.2 OF 004    1.  (SBU) Summary ..."
                self.structural.add(ln)
                self._page_break(ln, text, pb)
                keywords = front_keywords(text, pb.end())
                if keywords or RE_CAPTION_RUN.match(rest):
                    open_kind = self._front_line(ln, pb.end(), captions, keywords)
                    if _paragraph_begins_inside(open_kind, text):
                        return i
                i += 1
                continue
            if open_kind in ("ref", "ref gap") and self._next_ref_label(text):
                # "¶C. ... (SUBJ: IIR ...)" is a reference whatever it mentions, up to a merged
                # line's next part: "F. 07 MANAMA 982 Classified By: ..."
                cut = next((m.start() for m in front_keywords(text)
                            if m.lastgroup in ("classified", "eo", "tags")), len(text))
                self.structural.add(ln)
                self._ref_text(ln, 0, text[:cut])
                open_kind = "ref"
                if cut < len(text):
                    open_kind = self._front_line(ln, cut, captions)
                    if _paragraph_begins_inside(open_kind, text):
                        return i
            elif (keywords := self._front_keywords_at(i, text, open_kind)) or RE_CAPTION_RUN.match(text):
                self.structural.add(ln)
                open_kind = self._front_line(ln, 0, captions, keywords)
                if open_kind == "classified_split":  # go on after the line with "BY"
                    i = self._nonblank_below(i)
                    text = lines[i]
                    open_kind = "classified"
                if _paragraph_begins_inside(open_kind, text) or self._unmarked_first_inside(open_kind, i, text):
                    return i
            elif open_kind == "subject" and self.subject is not None:
                self.structural.add(ln)
                self._extend_subject(ln, text)
            elif open_kind == "tags" and self.tags is not None and RE_TAGS_GO_ON.fullmatch(text) \
                    and self._extend_tags(ln, text):
                self.structural.add(ln)
            elif open_kind == "ref":
                self.structural.add(ln)
                self._ref_text(ln, 0, text)
            elif open_kind == "classified" and self._authority_incomplete() or (
                    open_kind == "classified-gap" and RE_REASON_LEAD.match(text)):
                self.structural.add(ln)
                self._extend_authority(ln, text)
                open_kind = "classified"
            elif "1." in text and RE_FIRST_INLINE.search(text):
                return i  # "SUMMARY ------- 1. (SBU) ...": the first paragraph starts mid-line
            elif open_kind is None and self.eo is None:
                self._misspelled_caption_from(ln, 0, text)
            i += 1
            if i - start > 80 and (self.eo or self.tags or self.subject) and (
                    i - start > 160 or not self._double_spaced()):  # (twice as many lines)
                break
        return i

    def _double_spaced(self) -> bool:
        """Is the front matter (from self.front_start) an export that doubled every line break: no
        line right below another, and a run of blank lines where the cable had a blank line?"""
        if self.double_spaced is None:
            text_lines = adjacent = 0
            blank_run = False  # two blank lines in a row somewhere
            above = None  # was the line above blank?
            for t in self.lines[self.front_start:self.front_start + 60]:
                if t.strip():
                    text_lines += 1
                    if above is False:
                        adjacent += 1
                        if adjacent > 1:  # (a single-spaced cable gets here within a few lines)
                            break
                    above = False
                else:
                    blank_run = blank_run or above is True
                    above = True
            self.double_spaced = adjacent <= 1 and text_lines >= 6 and blank_run
        return self.double_spaced

    def _unmarked_first_inside(self, kind: str | None, i: int, text: str) -> bool:
        """Does an unmarked first paragraph begin inside line `i`, after its REF list or its
        Classified By reasons, the line break before "1." lost? Only when the first paragraph
        number at a line's start below is 2. The place is kept for _body."""
        m = RE_FIRST_UNMARKED_INLINE.search(text) if kind in ("ref", "classified") and "1." in text else None
        if m is None:
            return False
        for j in range(i + 1, min(len(self.lines), i + 200)):
            p = RE_PARA.match(self.lines[j])
            if p and self._is_paragraph_start(self.lines[j]):
                if p.group(3) != "2":
                    return False
                self.unmarked_first = (i, m)
                if kind == "ref":
                    self._cut_ref_line(i + 1, text, m.start())
                return True
        return False

    def _cut_ref_line(self, ln: int, text: str, end: int) -> None:
        """Read the REF list of line `ln` again, up to `end`, where a paragraph begins."""
        ref = next((k for k in front_keywords(text) if k.lastgroup == "ref" and k.start() < end), None)
        if ref is None:
            return
        self.refs = [r for r in self.refs if r.span.line != ln or r.span.start < self.src.line_starts[ln - 1] + ref.start()]
        seg = text[ref.start():end].rstrip()
        if self.ref_span is not None and self.ref_span.line == ln:
            self.ref_span = self.span(ln, ref.start(), ref.start() + len(seg))
        keyword = RE_REF_KEYWORD.match(seg)
        self._ref_text(ln, ref.start() + keyword.end(), seg[keyword.end():])

    def _front_keywords_at(self, i: int, text: str, open_kind: str | None = None) -> list[re.Match]:
        """The front keywords of line `i` (`text`); a REF line without its colon; and a
        CLASSIFIED at its end whose BY begins a line below. A subject wrapped onto this line may
        go on with words that look like a keyword ("... UNDER" / "E.O. 13224 OF ..."): none."""
        keywords = front_keywords(text)
        if open_kind == "subject" and keywords and keywords[0].lastgroup != "classified" and \
                _subject_word(keywords[0], text):
            keywords = keywords[1:]
        if not keywords and (body := text.lstrip(" \t")).startswith("REF"):
            m = RE_REF_LOOSE.match(text, len(text) - len(body))
            if m:
                keywords.append(m)
        if "LAS" in text or "las" in text:  # in each spelling of the keyword
            end = len(text.rstrip())
            m = RE_CLASSIFIED_AT_END.search(text, max(0, end - 12))
            below = self._nonblank_below(i) if m else None
            if below is not None and RE_BY_AT_START.match(self.lines[below]) and (
                    not keywords or keywords[-1].end() <= m.start()):
                keywords.append(m)
        return keywords

    def _old_page_classification(self, i: int) -> bool:
        """Is line `i` the bare classification word that heads an old telegram's page?"""
        return RE_BANNER.match(self.lines[i]) is not None and len(self.lines[i].split()) <= 3 and \
            self._old_page_heading(i)

    def _nonblank_below(self, i: int) -> int | None:
        """The next line after `i` that is not blank, two blank lines at most between."""
        for j in range(i + 1, min(i + 4, len(self.lines))):
            if self.lines[j].strip():
                return j
        return None

    def _is_paragraph_start(self, text: str, above: str | None = None) -> bool:
        m = RE_PARA.match(text)
        rest = text[m.end():]
        return bool(rest.strip()) and not _wrapped(rest, above)

    def _front_line(self, ln: int, from_col: int, captions: list[Caption],
                    keywords: list[re.Match] | None = None) -> str | None:
        """One front-matter line, split where merged sections begin; returns the last kind.
        `keywords`: the line's front keywords from `from_col`, when the caller has them."""
        text = self.lines[ln - 1]
        if keywords is None:
            keywords = front_keywords(text, from_col)
        cuts = [(m.start(), m.lastgroup) for m in _in_subject_words(keywords, text)]
        first = cuts[0][0] if cuts else len(text)
        self._captions(ln, from_col, text[:first], captions)
        last = None
        for k, (col, kind) in enumerate(cuts):
            end = cuts[k + 1][0] if k + 1 < len(cuts) else len(text)
            seg = text[col:end].rstrip()
            if kind == "eo" and (self.eo is None or _cut_off(self.eo.instruction)):
                self._eo(ln, col, seg)
            elif kind == "tags" and self.tags is None:
                self._tags(ln, col, seg)
            elif kind == "subject" and self.subject is None:
                self._subject(ln, col, seg)
            elif kind == "ref":
                m = RE_REF_KEYWORD.match(seg)
                self.ref_span = self.ref_span or self.span(ln, col, col + len(seg))
                self._ref_text(ln, col + m.end(), seg[m.end():])
            elif kind == "classified" and (self.authority is None or self.authority.cut_off):
                # a later copy replaces a line truncated with "..." (texts that repeat a cable)
                self._classified(ln, col, text[col:].rstrip())
                return "classified"
            elif kind == "classified_split":
                if self.authority is None or self.authority.cut_off:
                    below = self._nonblank_below(ln - 1)
                    self.structural.add(below + 1)
                    by_line = self.lines[below]
                    lead = len(by_line) - len(by_line.lstrip(" \t"))
                    self._auth_lines = [(ln, col, seg), (below + 1, lead, by_line[lead:].rstrip())]
                    self._build_authority()
                    return "classified_split"
                continue
            last = kind
        return last

    def _captions(self, ln: int, col: int, text: str, captions: list[Caption]) -> None:
        """The captions of `text` (a line up to its first keyword) from `col`; a misspelled one
        after them or in their place ("SENSITIVE SIPDSI", "SIPDSI E.O. 12958: N/A") is named."""
        m = RE_CAPTION_RUN.match(text[col:] if col else text)
        rest = col
        if m:
            for w in RE_CAPTION_WORD.finditer(m.group(1)):
                captions.append(_make_caption(w.group(0).upper(),
                                              self.span(ln, col + w.start() + m.start(1), col + w.end() + m.start(1))))
            rest = col + m.end()
        if self.eo is None and text[rest:].strip():  # most lines: nothing before their keyword
            self._misspelled_caption_from(ln, rest, text)

    def _misspelled_caption_from(self, ln: int, col: int, text: str) -> None:
        """Name the misspelled caption that `text` is from `col` on, if it is one ("SIPDSI")."""
        rest = text[col:]
        miss = _misspelled_caption(rest, first_only=not text[:col].strip())
        if miss is not None:
            word, meant, whole = miss
            if whole:
                start, end = col + len(rest) - len(rest.lstrip()), col + len(_without_export_mark(rest))
            else:  # the word before a passing instruction
                start = col + rest.find(word)
                end = start + len(word)
            self.problem("a caption such as NOFORN or SIPDIS", ln, start, end, f"{word} is no caption; {meant}?")

    def _eo(self, ln: int, col: int, seg: str) -> None:
        seg_clean = seg.rstrip(" \\")
        span = self.span(ln, col, col + len(seg_clean))
        try:
            tree = _parse_in_place("cable", "eo_line", seg_clean)
        except LarkError:
            self.problem("an E.O. line such as E.O. 12958: DECL: 11/05/2019", ln, col, col + len(seg_clean))
            self.eo = EOLine(order=None, kind="other", instruction=seg_clean, span=span)
            return
        order = order_span = None
        kind, instruction, ispan = "none", "", None
        keyword = tree.children[0]
        written = _token_text(seg_clean, keyword)
        # "E.0. 12958": a zero typed for the letter O; "Executive Order 12958": the name written out
        slip = "has a zero for the letter O" if "0" in written else "written out" if written[1:2] in "Xx" else None
        if slip:
            self.problem("an E.O. line such as E.O. 12958: DECL: 11/05/2019", ln, col, col + keyword.end_pos,
                         f"{written} {slip}; read as E.O.")
        for child in tree.children:
            if getattr(child, "type", None) == "ORDER":
                order = _token_text(seg_clean, child)
                order_span = self.span(ln, col + child.start_pos, col + child.end_pos)
            elif hasattr(child, "data"):
                kind = child.data
                toks = child.children
                if kind == "decl":
                    textt = [t for t in toks if t.type == "DECL_TEXT"]
                    if textt:
                        instruction = _token_text(seg_clean, textt[0]).rstrip()
                        ispan = self.span(ln, col + textt[0].start_pos, col + textt[0].start_pos + len(instruction))
                elif kind == "na":
                    instruction = "N/A"
                    ispan = self.span(ln, col + toks[0].start_pos, col + toks[0].end_pos)
                else:
                    instruction = _token_text(seg_clean, toks[0]).rstrip()
                    ispan = self.span(ln, col + toks[0].start_pos, col + toks[0].start_pos + len(instruction))
        if kind == "decl" and RE_DECL_NA.fullmatch(instruction):
            kind = "na"  # "DECL: N/A"
        items = self._decl_items(kind, instruction, ispan)
        self.eo = EOLine(order=order, kind=kind, instruction=instruction, span=span,
                         instruction_span=ispan, order_span=order_span, items=items)

    def _decl_items(self, kind: str, text: str, ispan: Span | None) -> tuple[DeclItem, ...]:
        """The dates, codes and events of the instruction; `E.O. 12958: 07/21/2019` too."""
        if kind not in ("decl", "other") or ispan is None:
            return ()
        parts = decl_parts(text)
        if kind == "other" and not (parts and parts[0].start == 0 and parts[0].kind in
                                    ("date", "duration", "exemption", "legacy")):
            return ()  # not a declassification instruction: `DNG: CO 03/06/2018`
        return tuple(
            DeclItem(p.kind, p.text, self.span(ispan.line, ispan.col - 1 + p.start, ispan.col - 1 + p.end),
                     p.date, p.years, p.code)
            for p in parts
        )

    def _tags(self, ln: int, col: int, seg: str) -> None:
        seg_clean = seg.rstrip(" \\")
        span = self.span(ln, col, col + len(seg_clean))
        items = self._tag_items(ln, col, seg_clean)
        if items is None:
            self.problem("a TAGS line such as TAGS: PREL PHUM UZ", ln, col, col + len(seg_clean))
            items = ()
        self.tags = Tags(items=items, span=span)

    def _extend_tags(self, ln: int, text: str) -> bool:
        """The TAGS go on in line `ln` (`text`, a run of tags alone: RE_TAGS_GO_ON): `TAGS: PREL
        PTER MARR ... ZP` / `JO, EG, RS`. Read as the TAGS line's grammar reads its tags."""
        lead = len(text) - len(text.lstrip(" \t"))
        line = text[lead:].rstrip(" \t\\")
        items = self._tag_items(ln, lead - len("TAGS "), "TAGS " + line)
        if not items:
            return False
        end = self.span(ln, lead + len(line), lead + len(line))
        self.tags = Tags(items=self.tags.items + items, span=self.src.span_between(self.tags.span, end))
        return True

    def _tag_items(self, ln: int, col: int, seg: str) -> tuple[Tag, ...] | None:
        """The tags of `seg`, a TAGS line from its keyword at column `col`; None if it does not parse."""
        try:
            tree, _, places = _parse_shape("cable", "tags_line", seg)  # a line of many tokens: none made
        except LarkError:
            return None
        items = []
        for child in tree.children:
            if not hasattr(child, "data"):
                continue
            tok = child.children[0]
            a, b = _token_places(tok, places)
            value = seg[a:b]
            kind = _TAG_KINDS[tok.type]
            if kind == "linked":
                value = value[1:value.index("]")]
            items.append(_make_tag(value.strip(), kind, self.span(ln, col + a, col + b)))
        return tuple(items)

    def _subject(self, ln: int, col: int, seg: str) -> None:
        m = RE_SUBJECT_KEYWORD.match(seg)
        tcol = col + m.end()
        rest = seg[m.end():]
        lead = len(rest) - len(rest.lstrip(" \t"))
        mark, _ = self._mark_at(ln, rest[lead:], tcol + lead, "SUBJECT:")
        self.subject = Subject(text=rest.strip(), mark=mark, span=self.span(ln, col, col + len(seg.rstrip())))

    def _extend_subject(self, ln: int, text: str, at: int = 0) -> None:
        """The subject goes on in line `ln` (`text`), from column `at`."""
        s = self.subject
        end = self.span(ln, 0, len(text.rstrip()))
        self.subject = Subject(text=(s.text + " " + text[at:].strip()).strip(), mark=s.mark,
                               span=self.src.span_between(s.span, end))

    def _next_ref_label(self, text: str) -> bool:
        """Does `text` begin with the label after the last one of the REF list?"""
        m = RE_REF_LABEL.match(text, RE_LEAD_PILCROW.match(text).end())  # "¶B.", "&para;B.", "B."
        if not m:
            return False
        if not self.refs:
            return self.ref_span is not None and _ref_label(m) == "A"  # "REF:" then, below, "A) ..."
        last = self.refs[-1]
        if not last.label or ord(_ref_label(m)) != ord(last.label) + 1:
            return False
        # "(C)" is also a portion mark: after "A)" or "B." it marks an unnumbered paragraph
        return not (m.group(1) in ("C", "c") and self.src.text[last.span.start] != "(")

    def _ref_text(self, ln: int, col: int, text: str) -> None:
        labels = []
        last = self.refs[-1].label if self.refs else None
        for m in RE_REF_LABEL.finditer(text):
            label = _ref_label(m)
            if label <= SHORT_LIST_END or (last and ord(label) == ord(last) + 1):
                labels.append(m)
                last = label
        if not labels:
            if any(r.label for r in self.refs):
                return  # the wrapped text of a labelled reference
            # An unlabelled list, "REF: STATE 12; BOGOTA 34": one Ref per item, cited by position.
            for m in re.finditer(r"[^;]+", text):
                item = m.group(0)
                units = list(RE_CABLE_REF.finditer(item))
                if len(units) < 2 or sum(len(u.group(0)) for u in units) != len(item.lstrip()):
                    units = [m]
                    base = 0
                else:
                    base = m.start()
                for u in units:
                    piece = u.group(0)
                    if piece.strip(" \t.,"):
                        lead = len(piece) - len(piece.lstrip())
                        a = col + base + u.start() + lead
                        self.refs.append(_make_ref(None, piece.strip(" \t,"), self.span(
                            ln, a, a + len(piece.strip(" \t,")))))
            return
        for k, m in enumerate(labels):
            end = labels[k + 1].start() if k + 1 < len(labels) else len(text.rstrip())
            self.refs.append(_make_ref(_ref_label(m), text[m.end():end].strip(),
                                       self.span(ln, col + m.start(), col + end)))

    def _classified(self, ln: int, col: int, seg: str) -> None:
        self._auth_lines = [(ln, col, seg)]
        self._build_authority()

    def _extend_authority(self, ln: int, text: str) -> None:
        """A reason wrapped onto the next line: `reasons 1.4 (b) and` / `(d).`; `FOR REAS` / `ONS 1.4`
        with the next line indented too."""
        lead = len(text) - len(text.lstrip(" \t"))
        self._auth_lines.append((ln, lead, text[lead:].rstrip()))
        self._build_authority()

    def _authority_incomplete(self) -> bool:
        a = self.authority
        return a is not None and not a.cut_off and not a.letters and not a.derived and len(self._auth_lines) < 4

    def _build_authority(self) -> None:
        """The Classified By line (and its continuation lines) joined by spaces."""
        pieces = []  # (offset in the joined text, line, column)
        joined = ""
        for ln, col, text in self._auth_lines:
            if joined:
                joined += " "
            pieces.append((len(joined), ln, col))
            joined += text

        def span_at(a: int, b: int) -> Span:
            ends = []
            for off in (a, b):
                start, ln, col = [p for p in pieces if p[0] <= off][-1]
                ends.append(self.span(ln, col + off - start, col + off - start))
            return self.src.span_between(ends[0], ends[1])

        m = RE_BY_KEYWORD.match(joined)
        by = RE_BY_END.split(joined[m.end():], maxsplit=1)[0]
        first_ln, first_col, first = self._auth_lines[0]
        last_ln, last_col, last = self._auth_lines[-1]
        cut_off = _cut_off(joined)
        section, letters, reason_span, body = None, (), None, ""
        r = RE_REASON_START.search(joined)
        if r and pieces[1:] and r.start() > pieces[1][0] - 1:
            # on a following line only after "reasons" (maybe split: "REAS" / "ONS 1.4"):
            # "1.5 million" in the text below is no reason
            before = "".join(t for _, _, t in self._auth_lines)[:r.start() - sum(1 for start, _, _ in pieces[1:] if start <= r.start())]
            if not (any(r.start() == start for start, _, _ in pieces) or RE_REASON_BEFORE.search(before)):
                r = None
        if r:
            body = RE_REASON_BODY.match(joined, r.start()).group(0)
            body = body.rstrip(" .,;/&(")
            while body.count("(") > body.count(")") and body.endswith(("(", " ")):
                body = body[:-1]
            shown = len(body)
            if body.count("(") > body.count(")"):
                body += ")"  # tolerate "1.4 (b) and (d" cut at the line end
            section = re.sub(r"\s", "", body[:r.end() - r.start()]).replace(",", ".")
            try:
                tree = _parse("cable", "reasons", body)
                letters = tuple(
                    t.value.lower() for g in tree.children if hasattr(g, "data")
                    for t in g.children if t.type == "LETTER"
                )
            except LarkError:
                pass  # a cite with no letters: CAB002 reports the missing reason
            reason_span = span_at(r.start(), r.start() + shown)
        self.authority = Authority(
            by=by.strip(" ;,."), span=self.src.span_between(
                self.span(first_ln, first_col, first_col), self.span(last_ln, last_col + len(last), last_col + len(last))),
            section=section, letters=letters, reason_span=reason_span, reason_text=body, cut_off=cut_off,
            derived=bool(RE_DERIVED.match(by.strip()) or RE_DERIVED.match(joined)),
        )

    def _authority_in_paragraphs(self, paragraphs: list[Paragraph]) -> None:
        """`1. (U) Classified by ...` puts the authority in the first paragraph."""
        for p in paragraphs[:2]:
            ln = p.number_span.line
            text = self.lines[ln - 1]
            m = front_keyword(text, p.number_span.end_col - 1)
            if m and m.lastgroup == "classified":
                self._classified(ln, m.start(), text[m.start():].rstrip())
                while self._authority_incomplete() and ln < p.span.end_line and self.lines[ln].strip():
                    ln += 1  # "Reason" / "1.4(b) and (d)." wrapped inside the paragraph
                    self._extend_authority(ln, self.lines[ln - 1])
                return

    # -- body: paragraphs, their marks and references

    def _body(self, start: int, text_start: int):
        """Paragraphs from `start`; markers and citations from `text_start` (the front matter's
        free text, such as an unnumbered summary, counts too)."""
        lines = self.lines
        candidates: list[_Candidate] = []
        skip_lines: set[int] = set()
        to_read, number_before_mark = self._body_lines_to_read(start)
        for i in to_read:
            text = lines[i]
            ln = i + 1
            at = 0  # where the line's text begins: after a page break that begins the line
            pb = RE_PAGE_BREAK.match(text) if " OF " in text else None
            if pb:
                self._page_break(ln, text, pb)
                at = pb.end()
                if not text[at:].strip(" \t\\"):
                    skip_lines.add(ln)
                    continue
            line = text[at:] if at else text
            m = RE_PARA.match(line)
            if m:
                cand = self._candidate(ln, line, m, at)
                if cand:
                    candidates.append(cand)
            if i in number_before_mark and RE_NUMBER_BEFORE_MARK.search(line):
                for im in _inline_numbers(text, at + (m.end() if m else 0)):
                    col = im.start(1) if im.group(1) else im.start(2)
                    mm = RE_MARK.match(text, im.end())
                    if mm is None or _numbered_letter(text, im, mm.group(0)):
                        continue  # (None: "2. (S/NF (C) ...", a parenthesis inside the mark's)
                    mark = _mark_token(self.src, ln, mm.start(), mm.group(0))
                    candidates.append(_Candidate(ln, col, im.end(), im.group(2), bool(im.group(1)),
                                                 mark, False, True,
                                                 "." if "." in text[im.end(2):im.end()] else ""))
                tm = RE_TRAILING_PARA.search(text, at) if not m and text.rstrip().endswith(")") else None
                mm = RE_MARK.match(text, tm.end()) if tm else None
                if mm and not (candidates and candidates[-1].line == ln and candidates[-1].col == tm.start() + 1):
                    # (not the number the search inside the line has taken already)
                    candidates.append(_Candidate(ln, tm.start() + 1, tm.end(), tm.group(2), bool(tm.group(1)),
                                                 _mark_token(self.src, ln, mm.start(), mm.group(0)), False, True))
            if i in number_before_mark and i + 1 < len(lines):
                candidates.extend(self._number_at_line_end(ln, text, lines[i + 1]))
        if self.unmarked_first is not None and self.unmarked_first[0] == start and \
                not any(c.line == start + 1 for c in candidates):
            m = self.unmarked_first[1]
            candidates.insert(0, _Candidate(start + 1, m.start() + 1, m.end(), "1", bool(m.group(1)),
                                            None, False, True))
        quoted = self._quoted_texts(self.src.line_starts[start] if start < len(self.src.line_starts) else 0)
        if quoted:
            candidates = self._outside_quoted_numbering(candidates, quoted)
        chosen = _number_paragraphs(candidates)
        extra = self._unmarked_inside(chosen) if any(c.mark is not None for c, _, _ in chosen) else None
        if extra:
            candidates = sorted(candidates + extra, key=lambda c: (c.line, c.col))
            chosen = _number_paragraphs(candidates)
        paragraphs = self._paragraphs(chosen, start, skip_lines)
        markers, citations = self._markers_and_citations(text_start, paragraphs, skip_lines | self.structural)
        items = self._items(text_start, paragraphs, skip_lines | self.structural)
        return paragraphs, items, markers, citations

    def _unmarked_inside(self, chosen: list[tuple[_Candidate, int, bool]]) -> list[_Candidate]:
        """The number missing after a paragraph, found inside its text without a mark, where a lost
        line break ran the next paragraph on ("... refused to pay damages. 10. Comment: The ...",
        its mark left out): only the number expected there, after a sentence's end, before a
        capital, and not in a list numbered from 1 inside the paragraph ("... as follows: 1. X.
        2. Y. 3. Z."). Looked for after the last paragraph and wherever a number is missing."""
        text = self.src.text
        starts = self.src.line_starts
        found = []
        last = len(chosen) - 1
        gaps = [last]  # after the last; and, rarely, where a number is missing
        if chosen[last][1] - chosen[0][1] != last:
            gaps = [k for k in range(last) if chosen[k + 1][1] > chosen[k][1] + 1] + gaps
        for k in gaps:
            c, intended, _ = chosen[k]
            nxt = chosen[k + 1] if k + 1 < len(chosen) else None
            a = starts[c.line - 1] + c.end_col
            b = starts[nxt[0].line - 1] + nxt[0].col if nxt is not None else len(text)
            want = f"{intended + 1}."
            pos = text.find(want, a, b)
            while pos != -1:
                m = text[pos - 1] in " \t¶" and \
                    RE_UNMARKED_NUMBER.match(text, max(a, pos - 6), pos + len(want) + 4)
                if m and m.start(2) == pos and not RE_INNER_LIST_START.search(text, a, pos):
                    ln = bisect_right(starts, pos) - 1
                    col = m.start(1) if m.group(1) else pos
                    found.append(_Candidate(ln + 1, col - starts[ln], m.end(2) + 1 - starts[ln],
                                            str(intended + 1), bool(m.group(1)), None, False, True))
                    break
                pos = text.find(want, pos + 1, b)
        return found

    def _outside_quoted_numbering(self, candidates: list[_Candidate], quoted: list[tuple[int, int]]):
        """The candidates without those of a quoted document that numbers its paragraphs from 1
        again; a quotation whose numbers go on from the cable's is numbered as the cable."""
        starts = self.src.line_starts
        drop: set[int] = set()
        for a, b in quoted:
            inside = [k for k, c in enumerate(candidates) if a < starts[c.line - 1] + c.col < b]
            if inside and candidates[inside[0]].written == "1":
                drop.update(inside)
        return [c for k, c in enumerate(candidates) if k not in drop]

    def _quoted_texts(self, at: int) -> list[tuple[int, int]]:
        """The spans from "Begin text" to its "End text" after offset `at`: a document quoted
        in the cable (a letter, a non-paper), whose own paragraph numbers are not the cable's;
        its marked lines are still read, as items."""
        low = self.low
        out = []
        for begin in _find_all(low, "begin text", at):
            if out and begin < out[-1][1]:
                continue
            end = next(_find_all(low, "end text", begin), None)
            if end is None:
                break
            out.append((begin, end))
        return out

    def _items(self, start: int, paragraphs: list[Paragraph], skip_lines: set[int]) -> list[Item]:
        """Portion marks from body line `start` on that are no numbered paragraph's: at a line's
        start, after a bullet or an item's number or letter; or after a dash bullet inside a
        line whose breaks were lost ("... on strike. -- (C) The Muslim Brotherhood ...")."""
        text = self.src.text
        starts = self.src.line_starts
        if start >= len(starts):
            return []
        own = {p.mark.span.start for p in paragraphs if p.mark is not None}
        para_starts = [p.span.start for p in paragraphs]
        items: list[Item] = []
        with_items: set[int] = set()  # paragraphs that have an item already
        first = starts[start]
        for at in self._parens():
            if at < first or at in own:
                continue
            m = RE_ITEM_MARK.match(text, at)
            if m is None:
                continue
            ln = bisect_right(starts, at)
            line_start = starts[ln - 1]
            if ln in skip_lines:
                if not self._after_reasons(at):
                    continue
                lead = at
            elif at - line_start <= 32 and RE_ITEM_LEAD.fullmatch(text, line_start, at):
                lead = line_start
            else:
                lead = _dash_bullet_before(text, at, line_start)
                if lead is None:
                    continue
            raw = m.group()
            if not _looks_like_mark(raw[1:-1]):
                continue
            mark = _mark_token(self.src, ln, at - starts[ln - 1], raw)
            if mark.marking is None or mark.marking.level is None or mark.marking.unknown or (
                    mark.problem and not RE_MARK_WORD_END.search(raw[1:-1].strip())):
                # Well-formed marks, and marks of a level and more that have a slip ("(S//REL)",
                # "(S/Rel Pak)"): "(EGIS) Chief ...", "(A) ..." and "(c) ..." stay text.
                continue
            if (not text[lead:at].strip() or text[lead:at].rstrip(" \t-").endswith(":")) and \
                    self._lettered_list(raw[1:-1], at):  # (after a blank or a label: "Options: (C) ...")
                continue
            i = bisect_right(para_starts, at) - 1
            index = i if i >= 0 and at <= paragraphs[i].span.end else None
            after_heading = index is not None and index not in with_items and \
                paragraphs[index].mark is None and \
                _heading_only(text[paragraphs[index].number_span.end:lead])
            with_items.add(index)
            items.append(Item(mark, index, after_heading))
        return items

    def _after_reasons(self, at: int) -> bool:
        """Is the "(" at `at` the mark of an unnumbered first paragraph that goes on in the Classified
        By line, right after its reasons: "... FOR REASONS 1.4(B) AND (D). (C) CDA made ..."?"""
        reasons = self.authority.reason_span if self.authority is not None else None
        return reasons is not None and reasons.end <= at and \
            not self.src.text[reasons.end:at].strip(" \t.;") and at - reasons.end <= 4

    def _lettered_list(self, letter: str, at: int) -> bool:
        """Is "(C)" at `at` the third item of a list "(A) ... (B) ... (C) ..." (likewise S, U)?"""
        neighbours = _LIST_NEIGHBOURS.get(letter)
        if neighbours is None:
            return False
        text = self.src.text
        near = text[max(0, at - 3000):at + 3000]
        return any(f"({n})" in near and _LIST_ITEM[n].search(near) for n in neighbours)

    def _page_break(self, ln: int, text: str, pb: re.Match) -> None:
        """`BRASILIA 00000033 002 OF 003` (RE_PAGE_BREAK's match `pb` in line `ln`): record the
        break and page 2 of 3 (BAN006 compares them)."""
        lead = len(text) - len(text.lstrip())
        self.breaks.append(self.span(ln, lead, pb.end()))
        try:
            tokens = _flat_tokens("cable", "page_break", text[lead:pb.end()])
        except LarkError:
            return
        first, last = [(value, a, b) for kind, value, a, b in tokens if kind == "PAGE_NO"]
        self.pages.append(SectionMark(int(first[0][:3]), int(last[0][:3]), "page",
                                      self.span(ln, lead + first[1], lead + last[2])))

    def _number_at_line_end(self, ln: int, text: str, below: str) -> list[_Candidate]:
        """A paragraph number inside line `ln` (`text`) at its end, its portion mark at the start
        of the line below: "... in 2007. 4." / "(C) Macri noted ..."."""
        end = len(text.rstrip())
        ends_in_number = text[end - 1:end] == "." and text[end - 2:end - 1].isdigit()
        em = RE_INLINE_PARA_AT_END.search(text, max(0, end - 12)) if ends_in_number else None
        mm = RE_MARK_AT_LINE_START.match(below) if em else None
        if mm is None or _numbered_letter(text, em, mm.group(1)):
            return []
        mark = _mark_token(self.src, ln + 1, mm.start(1), mm.group(1))
        col = em.start(1) if em.group(1) else em.start(2)
        return [_Candidate(ln, col, em.end(2) + 1, em.group(2), bool(em.group(1)), mark, False, True)]

    def _body_lines_to_read(self, start: int) -> tuple[list[int], set[int]]:
        """Indexes of the body lines that may hold a paragraph number (at the start, or before a
        portion mark inside the line) or a page break, found by searching the whole text; and
        those of them with a number before a parenthesis inside the line."""
        text = self.src.text
        starts = self.src.line_starts
        if start >= len(starts):
            return [], set()
        at = starts[start]
        found = set()
        if RE_NUMBERED_LINE_AT.match(text, at):
            found.add(start)
        for m in RE_NUMBERED_LINE.finditer(text, at):  # starts with "\n": a fast search
            found.add(bisect_right(starts, m.start() + 1) - 1)
        pos = text.find(" OF ", at)
        while pos != -1:
            found.add(bisect_right(starts, pos) - 1)
            pos = text.find(" OF ", pos + 1)
        # "... said. 5. (C) Next ...": a digit, a period, up to two blanks, then "("; or a
        # digit and one or two blanks ("... said. 5 (C) Next ...").
        inline = set()
        for pos in self._parens():
            if pos < at:
                continue
            k = pos - 1
            while k > pos - 3 and k > 0 and text[k] in " \t":
                k -= 1
            if k > 0 and ((text[k] == "." and text[k - 1].isdigit()) or (k < pos - 1 and text[k].isdigit())):
                inline.add(bisect_right(starts, pos) - 1)
            elif text[k] == "\n" and text[k - 1:k] in ("\r", " ", "\t", "."):
                # "... in 2007. 4." / "(C) Macri ...": the number ends the line above, its mark
                # begins this one (a line break lost, the text wrapped again)
                e = k - 1
                while e > k - 4 and text[e] in "\r \t":
                    e -= 1
                if text[e] == "." and text[e - 1].isdigit():
                    inline.add(bisect_right(starts, pos) - 2)
        return sorted(found | inline), inline

    def _parens(self) -> list[int]:
        """The offset of every "(" in the text (the body's scans share one search)."""
        if self.parens is None:
            text = self.src.text
            out = []
            pos = text.find("(")
            while pos != -1:
                out.append(pos)
                pos = text.find("(", pos + 1)
            self.parens = out
        return self.parens

    def _candidate(self, ln: int, text: str, m: re.Match, at: int = 0) -> _Candidate | None:
        """A paragraph number that begins `text`, the part of line `ln` from column `at`."""
        rest = text[m.end():]
        if not rest.strip() or _wrapped(rest, self.lines[ln - 2] if ln > 1 else ""):
            return None  # "1." alone, or "28. 2009" a wrapped date
        rest_col = at + m.end()
        col = at + len(m.group(1))
        written = m.group(3)
        mark, malformed = self._mark_at(ln, rest, rest_col, "the number")
        after = text[m.end(3):m.end()]
        typed = after.strip()
        punctuation = typed if typed in (",", ":", "-", "..", ".)") else "." if "." in typed else ""
        sign = (m.group(2) or "").strip()
        return _Candidate(ln, col, rest_col, written, bool(m.group(2)), mark, malformed, False,
                          punctuation, "" if sign in ("", "¶") else sign)

    def _mark_at(self, ln: int, rest: str, rest_col: int, where: str) -> tuple[MarkToken | None, bool]:
        """The portion mark that begins `rest` (line `ln` from column `rest_col`), right after
        `where` (a paragraph's number, SUBJECT:), or one with a slip: a parenthesis missing,
        other brackets, or placed after a lead-in label. (mark or None, whether malformed)."""
        mark = None
        malformed = False
        mm = RE_MARK.match(rest)
        if mm and _looks_like_mark(mm.group(1)):
            mark = _mark_token(self.src, ln, rest_col, mm.group(0))
        else:
            mo = RE_MISSING_OPEN.match(rest)
            mc = RE_MISSING_CLOSE.match(rest)
            if mo and _head_word(mo.group(1)) in _LEVEL_HEADS:  # not "A) ..."
                raw = mo.group(0)
                marking, _, _ = parse_marking(mo.group(1))
                mark = MarkToken(raw, self.span(ln, rest_col, rest_col + len(raw)), marking,
                                 "the opening parenthesis is missing", f"({mo.group(1)})")
                malformed = True
            elif mc:
                raw = mc.group(0)
                marking, _, _ = parse_marking(raw[1:])
                mark = MarkToken(raw, self.span(ln, rest_col, rest_col + len(raw)), marking,
                                 "the closing parenthesis is missing", raw + ")")
                malformed = True
            elif mb := RE_BRACKET_MARK.match(rest):
                marking, problem, _ = parse_marking(mb.group(mb.lastgroup))
                if marking is not None and not problem:
                    mark = MarkToken(mb.group(0), self.span(ln, rest_col, rest_col + len(mb.group(0))),
                                     marking, f"{_BRACKET_NAMES[mb.lastgroup]} where parentheses belong",
                                     f"({mb.group(mb.lastgroup)})")
                    malformed = True
            elif (ml := RE_LATE_MARK.match(rest)) and not _cites_a_letter(ml.group(1)):
                col0 = rest_col + ml.start(2)
                marking, _, _ = parse_marking(ml.group(2)[1:-1])
                label = ml.group(1).rstrip(" \t-")
                mark = MarkToken(ml.group(2), self.span(ln, col0, col0 + len(ml.group(2))), marking,
                                 f'comes after "{label}" instead of right after {where}')
                malformed = True
        return mark, malformed

    def _paragraphs(self, chosen, start: int, skip_lines: set[int]) -> list[Paragraph]:
        out = []
        nlines = len(self.lines)
        starts = self.src.line_starts
        bounds = []
        for k, (c, intended, slipped) in enumerate(chosen):
            if k + 1 < len(chosen):
                nxt = chosen[k + 1][0]
                end_line, end_col = nxt.line, nxt.col
                if end_col == 0 or not self.lines[end_line - 1][:end_col].strip():
                    end_line -= 1
                    end_col = len(self.lines[end_line - 1])
            else:
                end_line, end_col = nlines, len(self.lines[-1])
            while end_line > c.line and not self.lines[end_line - 1].strip():
                end_line -= 1
                end_col = len(self.lines[end_line - 1])
            num_text = self.lines[c.line - 1][c.col:c.end_col].rstrip()
            number_span = self.span(c.line, c.col, c.col + len(num_text))
            end_off = starts[end_line - 1] + end_col
            span = make_span(number_span.start, end_off, c.line, c.col + 1, end_line, end_col + 1)
            bounds.append((starts[c.line - 1] + c.end_col, end_off))
            out.append([c, intended, slipped, number_span, span])
        refs = self._para_refs(bounds)
        return [
            _make_paragraph(written=c.written, number=int(c.written), intended=intended,
                            style="pilcrow" if c.pilcrow else "plain", number_span=number_span,
                            mark=c.mark, span=span, refs=tuple(refs[k]), slipped=slipped,
                            punctuation=c.punctuation, pilcrow_as=c.pilcrow_as)
            for k, (c, intended, slipped, number_span, span) in enumerate(out)
        ]

    def _offset_span(self, a: int, b: int) -> Span:
        la, ca = self.src.position(a)
        lb, cb = self.src.position(b)
        return make_span(a, b, la, ca, lb, cb)

    def _para_refs(self, bounds: list[tuple[int, int]]) -> list[list[ParaRef]]:
        """References such as "para 7" in each paragraph's text, found in one pass."""
        text = self.src.text
        refs: list[list[ParaRef]] = [[] for _ in bounds]
        if not bounds:
            return refs
        low = self.low
        hits = sorted(list(_find_all(low, "para", bounds[0][0], bounds[-1][1]))
                      + [p for p in _find_all(low, "¶", bounds[0][0], bounds[-1][1])
                         if low[p - 1] != "\n" and _inside_a_line(low, p)])  # most ¶ begin their line
        k = 0
        for pos in hits:
            m = RE_PARA_REF.match(low, pos)
            if m is None:
                continue
            while k < len(bounds) and m.start() >= bounds[k][1]:
                k += 1
            if k == len(bounds):
                break
            if m.start() < bounds[k][0]:
                continue
            before = text[max(0, m.start() - 40):m.start()]
            after = text[m.end():m.end() + 40]
            if RE_EXTERNAL_BEFORE.search(before) or RE_EXTERNAL_AFTER.match(after) or (
                    text.startswith("Paragraph", pos) and not RE_SENTENCE_END.search(before)):
                continue
            nums = [int(m.group(1))]
            if m.group(2):
                for sep, num in RE_REF_RANGE.findall(m.group(2)):
                    v = int(num)
                    if sep.lower() in ("-", "–", "through", "thru", "to") and nums[-1] < v <= nums[-1] + 30:
                        nums.extend(range(nums[-1] + 1, v + 1))
                    else:
                        nums.append(v)
            refs[k].append(ParaRef(tuple(nums), self._offset_span(m.start(), m.end())))
        return refs

    def _markers_and_citations(self, start: int, paragraphs: list[Paragraph], skip_lines: set[int]):
        """Summary/Comment/Note markers and REF citations in the body, found in one pass each."""
        text = self.src.text
        if start >= len(self.src.line_starts):
            return [], []
        body = self.src.line_starts[start]
        para_starts = [p.span.start for p in paragraphs]

        def para_index(offset: int) -> int | None:
            i = bisect_right(para_starts, offset) - 1
            return i if i >= 0 and offset <= paragraphs[i].span.end else None

        low = self.low
        found = []
        headings: set[int] = set()  # where a heading line ("Summary" / "-------") opens a block
        for pos, word in sorted((p, w) for w in BLOCK_WORDS for p in _find_all(low, w, body)):
            word_end = pos + len(word)
            line_start = low.rfind("\n", 0, pos) + 1
            before = low[max(line_start, pos - 40):pos]
            wrapped = _end_wrapped_before(low, line_start, word_end) if not before.strip(" \t") else None
            if "end" in before and RE_BLOCK_END_BEFORE.search(before):
                end = True
                start_of = pos - len(before) + before.rfind("end")
            elif wrapped is not None:  # "... in the end. End" / "Summary.": the line broke inside
                end = True
                start_of = wrapped
            elif RE_BLOCK_START_BEFORE.search(before) and RE_BLOCK_START_AFTER.match(low, word_end):
                end = False
                start_of = pos
            elif text[pos].isupper() and RE_BLOCK_HEADING_BEFORE.search(before) and \
                    RE_BLOCK_HEADING_AFTER.match(low, word_end) and not RE_REPORT_TITLE.search(before) and \
                    self._stands_apart(line_start):
                # "Bio Note", not "... cordial note.", nor "...ENDED ON A" / "VERY CORDIAL NOTE."
                end = False
                start_of = pos
                headings.add(pos)
            else:
                continue
            tail = RE_BLOCK_START_AFTER.match(low, word_end) or RE_BLOCK_HEADING_AFTER.match(low, word_end)
            stop = tail.end() if (tail and not end) else word_end
            while stop > word_end and low[stop - 1] in " \t":  # "Summary:", not the blanks after it
                stop -= 1
            found.append((pos, _make_block_marker(word, end, self._offset_span(start_of, stop), para_index(pos),
                                                  section=not end and self._section_title(line_start, pos, word_end))))
        found = _heading_opened_again(self._closed_by_parentheses(self._summary_sections(found)), headings)
        markers = [b for _, b in found if b.span.line not in skip_lines]
        citations = []
        cite, more = CITATIONS[any(r.label and r.label >= SHORT_LIST_END for r in self.refs)]
        for pos in _find_all(low, "ref", body):
            m = cite.match(text, pos)
            if m is None:
                continue
            first = (m.group(1) or m.group(2) or m.group(3) or "").upper() or None
            end = m.end() if m.group(4) is None else m.start(4)
            citations.append(_make_citation(first, self._offset_span(pos, end)))
            if m.group(4):
                citations.extend(self._more_citations(first, m.start(4), m.group(4), more))
        return markers, [c for c in citations if c.span.line not in skip_lines]

    def _stands_apart(self, line_start: int) -> bool:
        """Does the line at `line_start` stand apart as a heading does: after a break (the text's
        start, a blank line, a rule, a line ending a sentence or a clause), after a page break or
        a classification line, or above a rule? The end of a sentence wrapped onto its own line
        ("THE MEETING ENDED ON A" / "VERY CORDIAL NOTE.") does not."""
        if line_start == 0:
            return True
        ln = bisect_right(self.src.line_starts, line_start)  # 1-based, the heading's line
        above = self.lines[ln - 2]
        ends = above.rstrip(" \t\\")  # and an export's backslash
        if not ends or ends[-1] in _BREAK_ENDS:
            return True
        below = self.lines[ln] if ln < len(self.lines) else ""
        return (" OF " in above and RE_PAGE_BREAK.match(above) is not None) or RE_BANNER.match(above) is not None \
            or RE_DASH_RULE.fullmatch(below) is not None

    def _section_title(self, line_start: int, pos: int, word_end: int) -> bool:
        """Is the block word at `pos` a section's title: "COMMENT" or "Comment: A Call for Nuance"
        on a line of its own (two words at most before it, a short title without a full stop after
        it), set off by a rule of dashes on it, above or below it, or with a numbered paragraph
        next below (blank lines and a page break between)?"""
        text = self.src.text
        if not text[pos].isupper() or pos - line_start > 40 or not RE_TITLE_LEAD.fullmatch(text, line_start, pos):
            return False
        line_end = text.find("\n", word_end, word_end + 90)
        if line_end == -1:
            if len(text) - word_end >= 90:
                return False  # a long line holds more than a title
            line_end = len(text)
        if not RE_TITLE.fullmatch(text, word_end, line_end):
            return False
        if RE_DASH_RULE.search(text, line_start, line_end):
            return True
        lines = self.lines
        ln = bisect_right(self.src.line_starts, pos)  # 1-based line of the word
        below = next((t for t in lines[ln:ln + 6] if t.strip() and not (" OF " in t and RE_PAGE_BREAK.match(t))), "")
        if RE_DASH_RULE.fullmatch(below) or (RE_PARA.match(below) and self._is_paragraph_start(below)):
            return True
        above = next((t for t in reversed(lines[max(0, ln - 4):ln - 1]) if t.strip()), "")
        return RE_DASH_RULE.fullmatch(above) is not None

    def _summary_sections(self, found: list[tuple[int, BlockMarker]]) -> list[tuple[int, BlockMarker]]:
        """A summary opens the cable: its section ends at the next title, not at the end of the
        text. A summary's title with neither another title nor an End Summary below it still
        needs its End."""
        out = []
        for k, (pos, b) in enumerate(found):
            if b.section and b.kind == "summary" and not any(e.end and e.kind == "summary" for _, e in found[k + 1:]) \
                    and not self._title_after(pos):
                b = replace(b, section=False)
            out.append((pos, b))
        return out

    def _title_after(self, pos: int) -> bool:
        """Is there a section's title below the line of `pos`: a short line that is no sentence
        or numbered paragraph, with a rule of dashes right above or below it ("-------" /
        "BACKGROUND" / "-------"; a blank line between in a double-spaced export)?"""
        lines, text, starts = self.lines, self.src.text, self.src.line_starts
        ln = bisect_right(starts, pos)  # 1-based line of `pos`
        if ln >= len(starts):
            return False
        ahead = {mark: text.find(mark, starts[ln]) for mark in ("---", "===", "- - -")}  # each rule's next place
        while True:
            at, mark = min(((at, mark) for mark, at in ahead.items() if at != -1), default=(-1, ""))
            if at == -1:
                return False
            j = bisect_right(starts, at) - 1
            if RE_DASH_RULE.fullmatch(lines[j]):
                for step in (-1, 1):
                    k = j + step
                    if ln <= k + step < len(lines) and not lines[k].strip():
                        k += step  # double-spaced
                    if ln <= k < len(lines) and RE_TITLE_LINE.fullmatch(lines[k]) and \
                            not RE_DASH_RULE.fullmatch(lines[k]):
                        return True
            ahead[mark] = text.find(mark, starts[j + 1]) if j + 1 < len(starts) else -1

    def _closed_by_parentheses(self, found: list[tuple[int, BlockMarker]]) -> list[tuple[int, BlockMarker]]:
        """A block that opens right after "(" ("(Note: the canon is separate.)") ends at the
        parenthesis that closes it, unless its own End comes first ("(Note: ... End Note.)");
        likewise after "[" ("[COMMENT: ... in Djibouti.]")."""
        text = self.src.text
        ends: dict[str, list[int]] = {}  # each kind's End markers, in text order
        for pos, b in found:
            if b.end:
                ends.setdefault(b.kind, []).append(pos)
        out = []
        for pos, b in found:
            opener = text[b.span.start - 1:b.span.start] if not b.end else ""
            if opener == "(" or opener == "[":
                close = self._closing_parenthesis(b.span.start - 1) if opener == "(" else \
                    _closing_bracket(text, b.span.start)
                kind_ends = ends.get(b.kind, [])
                k = bisect_right(kind_ends, pos)
                if close is not None and close - pos <= 3000 and not self._blank_line_between(pos, close) \
                        and not (k < len(kind_ends) and kind_ends[k] < close):
                    b = replace(b, closed=True)
            out.append((pos, b))
        return out

    def _blank_line_between(self, start: int, end: int) -> bool:
        """Does a blank line end a block of text between two offsets? In a double-spaced export,
        two blank lines do: a single one stands for a line break."""
        text = self.src.text
        if RE_BLANK_LINE.search(text, start, end) is None:
            return False
        return RE_BLANK_LINES.search(text, start, end) is not None or not self._double_spaced()

    def _closing_parenthesis(self, at: int) -> int | None:
        """The offset of the ")" that closes the "(" at `at`, if one does within 3000 characters.
        A few parentheses inside are counted here; more, and all of the text's are paired once."""
        text = self.src.text
        pos, depth, limit = at + 1, 1, at + 3000
        for _ in range(8):
            close = text.find(")", pos, limit)
            if close == -1:
                return None
            depth += text.count("(", pos, close) - 1
            if depth == 0:
                return close
            pos = close + 1
        return self._closing_parentheses().get(at)

    def _closing_parentheses(self) -> dict[int, int]:
        """For the offset of each "(" that is closed, the offset of the ")" that closes it."""
        if self.paren_pairs is None:
            pairs: dict[int, int] = {}
            stack: list[int] = []
            for m in RE_PARENTHESIS.finditer(self.src.text):
                if m.group() == "(":
                    stack.append(m.start())
                elif stack:
                    pairs[stack.pop()] = m.start()
            self.paren_pairs = pairs
        return self.paren_pairs

    def _more_citations(self, first: str, offset: int, text: str, more: re.Pattern) -> list[ReferenceCitation]:
        """The further labels of "refs A and B", "reftels B-D" (a range names each letter),
        each found by `more`."""
        out = []
        last = first
        for m in more.finditer(text):
            label = m.group(m.lastindex).upper()
            start = m.start(m.lastindex) - (1 if m.lastindex == 2 else 0)  # "(b)" from its "("
            span = self._offset_span(offset + start, offset + m.end())
            if m.group(1).lower() in ("-", "\u2013", "through", "thru") and last < label:
                for k in range(ord(last) + 1, ord(label)):
                    out.append(_make_citation(chr(k), span))
            out.append(_make_citation(label, span))
            last = label
        return out


def _heading_opened_again(found: list[tuple[int, BlockMarker]], headings: set[int]) -> list[tuple[int, BlockMarker]]:
    """A heading ("Summary" / "-------") right above a paragraph that opens the same block again
    ("¶1. (C) Summary: ..."): one block, whose End closes the paragraph's start (a section's
    title passes on that the block needs none)."""
    out = list(found)
    for k in range(len(out)):
        pos, b = out[k]
        if pos in headings and k + 1 < len(out):
            nxt_pos, nxt = out[k + 1]
            if nxt.kind == b.kind and not nxt.end and nxt_pos - pos < 400:
                out[k] = (pos, replace(b, closed=True))
                if b.section:
                    out[k + 1] = (nxt_pos, replace(nxt, section=True))
    return out


def _in_subject_words(keywords: list[re.Match], text: str) -> list[re.Match]:
    """The front keywords of a line without the words of its subject that only look like one:
    see _subject_word."""
    out = []
    for m in keywords:
        if out and out[-1].lastgroup == "subject" and _subject_word(m, text):
            continue
        out.append(m)
    return out


def _subject_word(m: re.Match, text: str) -> bool:
    """Is keyword `m`, inside or right after a subject, part of its words? "DESIGNATION UNDER
    E.O. 13224 OF ..." (no instruction follows the order), "NEW TAGS FOR ..." (no colon),
    "DOCUMENTS CLASSIFIED BY THE MINISTRY" (no colon and no reason cited)."""
    kind = m.lastgroup
    if kind == "eo":
        return not RE_EO_TAIL.match(text, m.end())
    colon = m.group().rstrip().endswith(":") or text[m.end():].lstrip(" \t").startswith(":")
    if kind == "tags":
        return not colon
    if kind == "classified":  # "Derived From:" has its colon in the match
        return not colon and not RE_REASON_START.search(text, m.end())
    return False


def _inside_a_line(low: str, pos: int) -> bool:
    """Is there more than blanks before `pos` on its line? (Read back over the blanks only.)"""
    k = pos - 1
    while k >= 0 and low[k] in " \t":
        k -= 1
    return k >= 0 and low[k] != "\n"


# The last characters of a line after which a heading may begin: a sentence's or clause's end, a rule.
_BREAK_ENDS = frozenset(".:;!?)]\"'\u201d-=*")


def _closing_bracket(text: str, start: int) -> int | None:
    """The offset of the "]" that closes a "[" before `start`, within 3000 characters."""
    close = text.find("]", start, start + 3000)
    return close if close != -1 and text.find("[", start, close) == -1 else None


def _end_wrapped_before(low: str, line_start: int, word_end: int) -> int | None:
    """Where "end" begins when the line before `line_start` ends with it and the block word
    that begins this line closes it ("... on hold. End" / "Summary."): not before a colon, which
    starts a block ("... to that end" / "Comment: ..."). In an export with a blank line after
    each line, the line before that blank one."""
    if line_start == 0 or low[word_end:word_end + 1] == ":":
        return None
    prev_end = line_start - 1  # the "\n" that ends the line before
    for _ in range(2):
        line_begins = low.rfind("\n", 0, prev_end) + 1
        tail_start = max(line_begins, prev_end - 40)
        tail = low[tail_start:prev_end].rstrip("\r\\ \t")  # "... End \" / "summary. \": an export's backslash
        if tail or line_begins == 0:
            break
        prev_end = line_begins - 1
    return tail_start + tail.rfind("end") if RE_BLOCK_END_BEFORE.search(tail) else None


def _ref_label(m: re.Match) -> str:
    return (m.group(1) or m.group(2) or m.group(3)).upper()


CLOSE = 0.8  # how alike a misspelled level word or caption must be to the one it means (difflib's ratio)


@lru_cache(maxsize=1024)
def _closest(word: str, words: tuple[str, ...]) -> str | None:
    """The one of `words` that `word`, misspelled, most likely means; None if none is close.

    The words whose length alone keeps the ratio below CLOSE (it is at most 2 * shorter / both
    lengths, the bound difflib tests first) are left out before difflib is asked: a short word
    ("FOR", "NSC" on a line of their own) is then no call at all. The same words recur."""
    size = len(word)
    pool = [w for w in words if 2.0 * min(size, len(w)) / (size + len(w)) >= CLOSE]
    if not pool:
        return None
    import difflib  # only for a line that is no classification line or caption as written

    close = difflib.get_close_matches(word, pool, n=1, cutoff=CLOSE)
    return close[0] if close else None


def _misspelled_level(body: str) -> tuple[str, str, str] | None:
    """A classification line's level word as written, the level word it most likely means and
    that level, when it is misspelled: ("C O N F I D E N T A I L", "CONFIDENTIAL", "C")."""
    m = RE_BANNER_SHAPE.match(body)
    if m is None:
        return None
    written = m.group(1)
    word = written.replace(" ", "")
    if word in _LEVEL_SPELLINGS:
        return None
    meant = _closest(word, _LEVEL_WORDS)
    if meant is None:
        return None
    return written, "TOP SECRET" if meant == "TOPSECRET" else meant, _LEVEL_SPELLINGS[meant]


def _without_export_mark(text: str) -> str:
    """`text` without its trailing blanks and the "\\" some exports end a line with."""
    return text.rstrip().rstrip("\\").rstrip()


def _misspelled_caption(text: str, first_only: bool = False) -> tuple[str, str, bool] | None:
    """A caption line's misspelled word, the caption it most likely means, and whether the whole
    line was read as captions: ("NOFRON", "NOFORN", True). Only a line of one to three upper-case
    words, one of them close to a caption; with `first_only` (a line of its own), also the first
    word of a longer line, before a passing instruction (then False)."""
    words = _without_export_mark(text).replace(",", " ").split()
    whole = len(words) <= 3
    if not whole and first_only:
        words = words[:1]  # before a passing instruction: "SIPDSI PACOM FOR FPA AMB CHRISTY"
    if not 1 <= len(words) <= 3 or not all(w.isalpha() and w.isupper() for w in words):
        return None
    for word in words:
        if word not in lattice.CAPTIONS and (meant := _closest(word, lattice.CAPTIONS)):
            return word, meant, whole
    return None


def _banner_from_words(body: str, span: Span, level: str | None = None) -> Banner:
    """A classification line that does not parse, read for its level word; `level` when it
    is known already (a misspelled word, see _misspelled_level)."""
    if level is None:
        up = body.upper().replace(" ", "")
        for word, lv in (("TOPSECRET", "TS"), ("CONFIDENTIAL", "C"), ("SECRET", "S"), ("UNCLAS", "U")):
            if up.startswith(word):
                level = lv
                break
    return Banner(level=level, word=body.split()[0] if body.split() else body, span=span,
                  marking=Marking(level=level) if level else None)


def _number_paragraphs(cands: list[_Candidate]) -> list[tuple[_Candidate, int, bool]]:
    """Decide which candidates are paragraphs, and the number each was meant to have.

    A marked line is a paragraph. An unmarked numbered line is one only where the number is
    the one expected next and no marked paragraph with that number follows: otherwise it is a
    wrapped date, an inner list, or a REF letter. A number that is the expected one with a
    leading 1 (`16.` for ¶6) is a pilcrow slip.
    """
    any_marked = any(c.mark is not None and not c.inline for c in cands)
    pilcrow_seen = False
    chosen: list[tuple[_Candidate, int, bool]] = []
    expected = 1
    owed = None  # after `4.` where 3 is expected and `3.` comes next: 3, read when it comes
    for k, c in enumerate(cands):
        n = int(c.written)
        if n == owed and not c.inline:
            chosen.append((c, n, False))
            pilcrow_seen = pilcrow_seen or c.pilcrow
            owed = None
            continue
        owed = None
        stands_in = False
        if c.inline and n != expected and not _sequence_resumes(cands, k, n, expected, inline=True) \
                and not _last_after_a_lost_one(cands, k, n, expected) and not _inline_slip(cands, k, expected) \
                and not _last_repeats_the_one_before(cands, k, n, expected):
            stands_in = _inline_stands_in(cands, k, expected)
            if not stands_in:
                continue
        # (an unmarked `18.` is no slip when the number expected comes next: "... on July" /
        # "18. Post filed ..." / "¶8. (C) ..." is a wrapped date)
        slipped = bool(chosen) and c.written == "1" + str(expected) and not c.pilcrow and (
            c.mark is not None or (_next_number(cands, k) != expected and (
                pilcrow_seen or _next_number(cands, k) in (expected + 1, None))))
        if c.mark is None:
            if n != expected and not slipped and not _sequence_resumes(cands, k, n, expected) \
                    and not _last_or_swapped(cands, k, n, expected):
                continue
            if any_marked and _marked_follows(cands, k, n):
                continue
        intended = expected if slipped else n
        if not slipped and n != expected and chosen:
            dropped = _dropped_digit(c.written, expected)
            if dropped:
                intended = expected
        chosen.append((c, intended, slipped))
        pilcrow_seen = pilcrow_seen or c.pilcrow
        if intended == expected + 1 and not c.inline and _next_number(cands, k) == expected:
            owed = expected
        expected = (expected if stands_in else intended) + 1
    return chosen


def _sequence_resumes(cands: list[_Candidate], k: int, n: int, expected: int,
                      inline: bool = False) -> bool:
    """An unmarked `4.` where 3 is expected is a paragraph (after a gap) when `5.` follows; so
    is a `6. (C)` inside a line where 5 is expected (ours was lost) when `7.` follows."""
    if not expected < n <= expected + 3:
        return False
    for c in cands[k + 1:]:
        if c.inline and not inline:
            continue
        return int(c.written) == n + 1
    return False


def _last_or_swapped(cands: list[_Candidate], k: int, n: int, expected: int) -> bool:
    """An unmarked `6.` at a line's start where 5 is expected, in a cable numbered up to here:
    the last paragraph, after one that was lost (no number follows at a line's start); or the
    first of two numbers typed the wrong way round (`6.` then `5.`, then 7 or nothing)."""
    if expected < 2 or n != expected + 1:
        return False
    after = [int(c.written) for c in cands[k + 1:] if not c.inline][:2]
    return not after or (after[0] == expected and after[1:] in ([], [n + 1]))


def _well_marked(c: _Candidate) -> bool:
    return c.mark is not None and c.mark.marking is not None and not c.mark.problem and not c.mark.marking.unknown


def _last_after_a_lost_one(cands: list[_Candidate], k: int, n: int, expected: int) -> bool:
    """A well-marked `25. (U)` inside a line where 24 is expected, with no marked number after
    it: the last paragraph, after one that was lost ("... Interpreter 25. (U) Acting U/S ...")."""
    return n == expected + 1 and expected > 1 and _well_marked(cands[k]) and \
        not any(d.mark is not None for d in cands[k + 1:])


def _last_repeats_the_one_before(cands: list[_Candidate], k: int, n: int, expected: int) -> bool:
    """A well-marked `9. (C)` inside a line where 10 is expected, with no marked number after it:
    the last paragraph, numbered as the one before (PAR003), as one at a line's start would be
    ("... refused to pay damages. 9. (C) Comment: ...")."""
    return n == expected - 1 and expected > 2 and _well_marked(cands[k]) and \
        not any(d.mark is not None for d in cands[k + 1:])


def _inline_stands_in(cands: list[_Candidate], k: int, expected: int) -> bool:
    """A well-marked `2. (C)` inside a line where 3 is expected, and the next number is 4: it
    stands where 3 belongs (a number used twice, or mistyped), as one at a line's start does;
    the numbering goes on from 3."""
    return expected > 1 and k + 1 < len(cands) and int(cands[k + 1].written) == expected + 1 and \
        _well_marked(cands[k])


def _next_number(cands: list[_Candidate], k: int) -> int | None:
    """The number of the next candidate at a line's start after `k`."""
    return next((int(c.written) for c in cands[k + 1:] if not c.inline), None)


def _inline_slip(cands: list[_Candidate], k: int, expected: int) -> bool:
    """A marked `15. (C)` inside a line where 5 is expected, and 6 or nothing follows: ¶5 with
    its sign typed as 1 ("ARTICLE 98: 15. (C) A/S Rademaker ...")."""
    c = cands[k]
    if expected < 2 or c.written != "1" + str(expected) or c.pilcrow or c.mark is None or c.mark.marking is None:
        return False
    return k + 1 == len(cands) or int(cands[k + 1].written) == expected + 1


def _marked_follows(cands: list[_Candidate], k: int, n: int) -> bool:
    for c in cands[k + 1:]:
        if c.mark is not None and not c.inline:
            return int(c.written) == n
    return False


def _dropped_digit(written: str, expected: int) -> bool:
    """`2` typed for 12: the expected number with one digit left out."""
    exp = str(expected)
    if len(exp) != len(written) + 1:
        return False
    return any(exp[:i] + exp[i + 1:] == written for i in range(len(exp)))


def _cut_off(text: str) -> bool:
    """Text truncated with an ellipsis, as in excerpts: `Classified By: Ambassado...`."""
    return text.rstrip().endswith(("...", "…"))


def reference_id(path: str) -> str | None:
    """`09TASHKENT1571` from a file name such as 09TASHKENT1571.txt."""
    stem = os.path.splitext(os.path.basename(path))[0] if path and path != "-" else ""
    return stem if RE_REFERENCE_ID.match(stem) else None


def parse_source(source: Source) -> Cable:
    """Build the Cable model of one Source. Never raises on any text."""
    return _Builder(_as_read(source)).build()


# Characters that renderings and word processors put for a blank or a hyphen, each read as the
# one it stands for (one character for one): the no-break space ("TAG:\u00a0 PTER",
# "E.O.\u00a012958") and its narrow form, figure, thin, en and em spaces, and the line and
# paragraph separators that stand inside a line; a zero-width space, and a byte-order mark left
# inside the text (a second one, or files joined), read as a blank so that the line's words stand
# as they would without it; the dashes a word processor makes of "-" and "--" (a heading's rule
# "————", "-- (S/NF)" items, "paras 3–5"), and the minus sign; the curly quotes a word processor
# makes of straight ones.
_READ_AS = (("\u00a0", " "), ("\u2028", " "), ("\u2029", " "), ("\u202f", " "), ("\u2009", " "),
            ("\u2007", " "), ("\u2002", " "), ("\u2003", " "), ("\u200b", " "), ("\ufeff", " "),
            ("\u2010", "-"), ("\u2011", "-"), ("\u2012", "-"), ("\u2013", "-"), ("\u2014", "-"),
            ("\u2015", "-"), ("\u2212", "-"),
            ("\u201c", '"'), ("\u201d", '"'), ("\u2018", "'"), ("\u2019", "'"))
# The backslash some exports end every line with ("SIPDIS \\", "O 161128Z FEB 07\\"), and a few
# more with blanks between before the line's end. Bounded, so that a long run of backslashes
# inside a line costs each of them a few steps; beginning with the backslash itself, so that
# the search skips to each one.
RE_EXPORT_LINE_END = re.compile(r"\\(?:[ \t]{0,8}\\){0,8}(?=[ \t]{0,8}\r?$)", re.M)


def _as_blanks(m: re.Match) -> str:
    return m.group(0).replace("\\", " ")


def _as_read(source: Source) -> Source:
    """The text the parser reads: `source`, or, where it holds other blanks, dashes, export line
    ends or carriage returns alone, a copy with each of them the blank, hyphen or line feed it
    stands for. Same length, same line starts: every offset, line and column of the model is the
    original's; the original is what rules, reports and fixes use."""
    text = source.text
    found = () if text.isascii() else [pair for pair in _READ_AS if pair[0] in text]  # `in`: a fast scan
    export = "\\" in text and RE_EXPORT_LINE_END.search(text) is not None
    lone_cr = has_lone_cr(text)  # each read as "\n", the line end it is
    if not found and not export and not lone_cr:
        return source
    if lone_cr:
        text = RE_LONE_CR.sub("\n", text)
    for char, read_as in found:
        text = text.replace(char, read_as)
    if export:
        text = RE_EXPORT_LINE_END.sub(_as_blanks, text)
    return Source(path=source.path, text=text, encoding=source.encoding, bom=source.bom,
                  newline=source.newline, fallback=source.fallback, line_starts=source.line_starts)
