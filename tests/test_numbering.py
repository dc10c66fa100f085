"""PAR rules on the shapes real cables take: what is a paragraph and what is not."""

import re

import pytest
from cablelint.engine import select_rules
from cablelint.lint import lint
from cablelint.source import read_path

from conftest import CORPUS, diagnostics, findings, fixed, source

HEAD = "C O N F I D E N T I A L STATE 000001\n\nSUBJECT: (U) Test\n\n"


def par(text, select=("PAR",)):
    return findings(HEAD + text, list(select))


def test_wrapped_date_is_not_a_paragraph():
    text = ("1. (C) The minister said he would meet on November\n"
            "28. Ramaer said nothing more.\n"
            "2. (C) Second.\n")
    assert par(text) == []


def test_wrapped_year_is_not_a_paragraph():
    text = "1. (C) It began in\n2009. And it went on.\n2. (C) Second.\n"
    assert par(text) == []


def test_a_paragraph_that_begins_with_a_number_is_a_paragraph():
    # 02ADANA386, a press summary: "¶6.  103 ELECTION VIOLATION APPLICATIONS" after a blank line
    # was read as a wrapped figure, and paragraph 6 as missing (PAR001)
    text = "UNCLAS STATE 000001\n\n¶1. A.\n\n¶2.  103 ELECTION VIOLATIONS\n(Evrensel)  One hundred.\n\n¶3. C.\n"
    assert findings(text, ["PAR"]) == []
    # a number that a line broke before stays text: a year, or after words that go on into it
    assert par("1. (C) They met on November\n28. 2009 was the date.\n2. (C) B.\n") == []
    assert par("1. (C) A.\n\n2. (C) The total came to some\n3. 500 people.\n\n3. (C) C.\n") == []
    assert par("1. (C) A. It was in 2008.\n2. 2009 saw more.\n\n3. (C) C.\n") == [("PAR001", 8, 1)]


def test_ref_letters_are_not_paragraphs():
    text = ("REF: A. STATE 1234\nB. BERLIN 1167\nC. 08 MOSCOW 22\n\n"
            "1. (C) See ref B.\n2. (C) Second.\n")
    assert par(text) == []


def test_page_break_line_does_not_break_a_paragraph():
    text = ("1. (C) First paragraph that goes on\n"
            "STATE 00000001 002 OF 003\n"
            "and on.\n2. (C) Second.\n")
    assert par(text) == []


def test_inner_list_restarting_at_one_is_not_paragraphs():
    text = ("1. (C) First.\n2. (C) Three points:\n1. one\n2. two\n3. three\n"
            "3. (C) Third.\n")
    assert par(text) == []


def test_gap_is_reported_with_the_missing_number():
    d = diagnostics(HEAD + "1. (C) A.\n2. (C) B.\n4. (C) D.\n", ["PAR"])
    assert [(x.code, x.span.line, x.span.col, x.message) for x in d] == [
        ("PAR001", 7, 1, "paragraph 3 is missing: paragraph numbered 4 where 3 is expected")]


def test_a_longer_gap_names_every_missing_number():
    d = diagnostics(HEAD + "1. (C) A.\n2. (C) B.\n5. (C) E.\n", ["PAR"])
    assert [(x.code, x.span.line, x.message) for x in d] == [
        ("PAR001", 7, "paragraphs 3-4 are missing: paragraph numbered 5 where 3 is expected")]


@pytest.mark.parametrize("written", ["30", "9", "0"])
def test_a_number_between_two_that_follow_on_is_one_mistyped_number(written):
    d = diagnostics(HEAD + f"1. (C) A.\n2. (C) B.\n3. (C) C.\n{written}. (C) D.\n5. (C) E.\n6. (C) F.\n", ["PAR"])
    assert [(x.code, x.span.line, x.span.col, x.message) for x in d] == [
        ("PAR001", 8, 1, f"paragraph numbered {written} where 4 is expected; the next is 5, so likely a mistyped 4")]


def test_a_number_used_before_in_place_of_the_one_expected_is_only_a_duplicate():
    d = diagnostics(HEAD + "1. (C) A.\n2. (C) B.\n3. (C) C.\n2. (C) D.\n5. (C) E.\n", ["PAR"])
    assert [(x.code, x.span.line, x.message) for x in d] == [
        ("PAR003", 8, "paragraph number 2 is used twice (first at line 6)")]


def test_a_break_at_the_last_paragraph_is_a_gap():
    d = diagnostics(HEAD + "1. (C) A.\n2. (C) B.\n30. (C) C.\n", ["PAR"])
    assert [x.message for x in d] == ["paragraphs 3-29 are missing: paragraph numbered 30 where 3 is expected"]


SWAPPED = "the two numbers are the wrong way round"


@pytest.mark.parametrize("head", [HEAD, "UNCLAS STATE 000001\n\nSUBJECT: Test\n\n"])
@pytest.mark.parametrize("after", ["", "5. E.\n"])
def test_two_numbers_the_wrong_way_round_are_one_finding_at_the_first(head, after):
    mark = "(C) " if head == HEAD else ""  # marked, and an unclassified cable that marks nothing
    body = "".join(f"{n}. {mark}P{n}.\n" for n in (1, 2, 4, 3)) + after.replace("E.", mark + "E.")
    d = diagnostics(head + body, ["PAR"])
    assert [(x.code, x.span.line, x.span.col, x.message) for x in d] == [
        ("PAR001", 7, 1, f"paragraph numbered 4 where 3 is expected, and the next is numbered 3: {SWAPPED}")]


def test_the_first_two_numbers_the_wrong_way_round():
    d = diagnostics(HEAD + "2. (C) B.\n1. (C) A.\n3. (C) C.\n", ["PAR"])
    assert [(x.code, x.span.line, x.message) for x in d] == [
        ("PAR001", 5, f"paragraph numbered 2 where 1 is expected, and the next is numbered 1: {SWAPPED}")]


def test_a_swapped_pair_then_a_number_used_again():
    d = diagnostics(HEAD + "1. (C) A.\n2. (C) B.\n4. (C) D.\n3. (C) C.\n4. (C) E.\n", ["PAR"])
    assert [(x.code, x.span.line) for x in d] == [("PAR001", 7), ("PAR003", 9)]
    assert d[1].message == "paragraph number 4 is used twice (first at line 7)"


def test_the_last_unmarked_paragraph_after_a_lost_one_is_read():
    d = diagnostics("UNCLAS STATE 000001\n\nSUBJECT: Test\n\n1. A.\n2. B.\n3. C.\n5. E.\n", ["PAR"])
    assert [(x.code, x.span.line, x.span.col, x.message) for x in d] == [
        ("PAR001", 8, 1, "paragraph 4 is missing: paragraph numbered 5 where 4 is expected")]


def test_an_unmarked_number_after_the_last_that_is_not_the_next_is_text():
    # "7." two past the last paragraph, or one past it with more numbers after that do not follow
    body = "1. A.\n2. B, until\n7. Then C.\n"
    assert par(body) == []
    assert par("1. A.\n2. B, until\n4. Then\n1. one\n") == []


@pytest.mark.parametrize("cable_id,k", [("06MEXICO3832", 4), ("06SANJOSE896", 7), ("05RIODEJANEIRO1118", 4)])
def test_real_unmarked_cables_with_the_last_two_numbers_swapped_or_one_lost(cable_id, k):
    # paragraphs k and k+1 (1-based) of real cables that mark no paragraph: swapped, then k dropped
    src = read_path(str(CORPUS / f"{cable_id}.txt"))
    text = src.text
    a, b = (re.search(rf"(?m)^(¶?){n}\.", text) for n in (k, k + 1))
    swapped = text[:a.start()] + f"{a.group(1)}{k + 1}." + text[a.end():b.start()] + f"{b.group(1)}{k}." + text[b.end():]
    line = text.count("\n", 0, a.start()) + 1
    d = diagnostics(swapped, ["PAR"], path=f"{cable_id}.txt")
    assert [(x.span.line, x.span.col, SWAPPED in x.message) for x in d if x.code == "PAR001"] == [(line, 1, True)]
    dropped = text[:a.start()] + text[b.start():]
    d = diagnostics(dropped, ["PAR001"], path=f"{cable_id}.txt")
    assert [(x.span.line, x.message) for x in d] == [
        (line, f"paragraph {k} is missing: paragraph numbered {k + 1} where {k} is expected")]
    assert corpus_findings(cable_id, ["PAR001", "PAR003"]) == []


def test_dropped_digit_is_suggested_and_sequence_continues():
    body = "".join(f"{n}. (C) P{n}.\n" for n in range(1, 12)) + "2. (C) P12.\n13. (C) P13.\n"
    d = diagnostics(HEAD + body, ["PAR"])
    assert [(x.code, x.span.line, x.message) for x in d] == [
        ("PAR001", 16, "paragraph numbered 2 where 12 is expected; likely a dropped digit: 12")]


def test_restart_is_one_par001_not_a_run_of_duplicates():
    d = diagnostics(HEAD + "1. (C) A.\n2. (C) B.\n3. (C) C.\n1. (C) A2.\n2. (C) B2.\n", ["PAR"])
    assert [(x.code, x.span.line, x.message) for x in d] == [
        ("PAR001", 8, "numbering restarts: paragraph numbered 1 where 4 is expected")]


def test_duplicate_is_par003_only():
    d = diagnostics(HEAD + "1. (C) A.\n2. (C) B.\n2. (C) B again.\n3. (C) C.\n", ["PAR"])
    assert [(x.code, x.span.line, x.span.col, x.message) for x in d] == [
        ("PAR003", 7, 1, "paragraph number 2 is used twice (first at line 6)")]


def test_pilcrow_slip_in_plain_style_fixes_to_plain():
    text = HEAD + "1. (C) A.\n2. (C) B.\n13. (C) C.\n"
    assert par(text[len(HEAD):]) == [("PAR002", 7, 1)]
    assert fixed(text, ["PAR"]) == HEAD + "1. (C) A.\n2. (C) B.\n3. (C) C.\n"


def test_slip_without_a_mark_in_a_pilcrow_cable():
    text = HEAD + "¶1. A.\n¶2. B.\n13. C.\n"
    assert findings(text, ["PAR"]) == [("PAR002", 7, 1)]
    assert fixed(text, ["PAR"]) == HEAD + "¶1. A.\n¶2. B.\n¶3. C.\n"


def test_a_wrapped_date_where_the_number_expected_comes_next_is_no_slip():
    # 07YEREVAN659 wrapped narrower: "... the Finance Minister on July" / "18. Post filed a
    # Section 527 Report ..." / "¶8. (C) Despite ..."
    text = HEAD + "¶1. (C) A.\n¶7. (C) They met on July\n18. Post filed a report.\n¶8. (C) H.\n"
    assert findings(text, ["PAR", "POR001"]) == [("PAR001", 6, 1)]  # 2-6 are missing; 18 is text
    text = HEAD + "¶1. A.\n¶2. They met on July\n13. Post filed a report.\n¶3. C.\n"
    assert findings(text, ["PAR"]) == []
    assert findings(text.replace("\n¶3. C.", ""), ["PAR"]) == [("PAR002", 7, 1)]  # the last one


def test_a_number_ending_a_line_with_its_mark_on_the_next_is_a_paragraph():
    # 06BUENOSAIRES2215 wrapped again after its breaks were lost: "... wining reelection in 2007. 4.
    # (C)" on one line; and its paragraph 3 split between "3." at a line's end and "(C)" below
    text = ("1. (C) A. 2. (C) B said so\nyesterday. 3.\n(S) Macri noted it.  4.  (C)\nD.\n")
    assert par(text) == []
    got = diagnostics(HEAD + text, ["PAR", "BAN002"])
    assert [(d.code, d.span.line, d.span.col) for d in got] == [("BAN002", 7, 1)]
    # a number ending a sentence above a marked line is no paragraph where it is not the one expected
    assert par("1. (C) A.\n2. (C) The vote was 4 to 5.\n(C) The minister left.\n3. (C) C.\n") == []


def test_slip_inside_a_line_after_a_heading():
    # 05BRASILIA1130 with its ¶5 slipped: "ARTICLE 98: 15. (C) A/S Rademaker outlined ..."
    text = HEAD + "1. (C) A.\n2. (C) B.\nARTICLE 98: 13. (C) C.\n4. (C) D.\n"
    assert [(d.code, d.span.line, d.span.col, d.message) for d in diagnostics(text, ["PAR"])] == [
        ("PAR002", 7, 13, "paragraph numbered 13 where ¶3 is expected: the ¶ sign was typed as 1")]
    assert fixed(text, ["PAR"]) == HEAD + "1. (C) A.\n2. (C) B.\nARTICLE 98: 3. (C) C.\n4. (C) D.\n"
    assert par("1. (C) A.\n2. (C) B. 13. (C) C.\n") == [("PAR002", 6, 11)]  # the last one


def test_number_inside_a_line_is_no_slip_unless_the_sequence_goes_on():
    assert par("1. (C) A.\n2. (C) B.\nARTICLE 98: 13. (C) C.\n5. (C) D.\n") == [
        ("PAR001", 8, 1)]  # 13 is no paragraph: 3 and 4 are missing


def test_slip_without_a_mark_when_the_next_number_follows_on():
    # 07ADDISABABA3407 (no portion marks) with its ¶2 slipped: "12.The Director of ..."
    text = HEAD + "1. A.\n12.The Director said.\n3. C.\n"
    assert findings(text, ["PAR"]) == [("PAR002", 6, 1)]
    assert fixed(text, ["PAR"]) == HEAD + "1. A.\n2.The Director said.\n3. C.\n"
    assert findings(HEAD + "1. A.\n2. B.\n13. C.\n", ["PAR"]) == [("PAR002", 7, 1)]  # the last one
    # an inner list numbered on from 13 is no slip
    assert findings(HEAD + "1. A.\n2. B.\n13. C.\n14. D.\n", ["PAR"]) == []


def test_mixed_style_fixes_to_dominant_and_is_idempotent():
    text = HEAD + "¶1. (C) A.\n¶2. (C) B.\n3. (C) C.\n"
    once = fixed(text, ["PAR"])
    assert once == HEAD + "¶1. (C) A.\n¶2. (C) B.\n¶3. (C) C.\n"
    assert fixed(once, ["PAR"]) == once


def test_number_without_period_before_a_mark_is_a_paragraph_out_of_style():
    assert par("1 (C) A.\n2. (C) B.\n") == [("PAR004", 5, 1)]
    assert [d.message for d in diagnostics(HEAD + "1 (C) A.\n2. (C) B.\n", ["PAR004"])] == [
        "paragraph 1 is numbered N where the cable uses N."]
    assert fixed(HEAD + "1 (C) A.\n2. (C) B.\n", ["PAR"]) == HEAD + "1. (C) A.\n2. (C) B.\n"


def test_comma_typed_for_the_period_before_a_mark_is_a_paragraph():
    # 04THEHAGUE1915: "5, (S/NF) This information was provided ORCA for traces."
    text = "¶1. (C) A.\n\n2, (S//NF) B.\n\n¶3. (C) C.\n"
    got = diagnostics(HEAD + text, ["PAR", "BAN002"])
    assert [(d.code, d.span.line, d.span.col, d.span.end_col, d.message) for d in got] == [
        ("PAR004", 7, 1, 3, "paragraph 2 is numbered N, where the cable uses ¶N."),
        ("BAN002", 7, 4, 11, "paragraph 2 is marked (S//NF) but the banner is CONFIDENTIAL: the cable "
                             "is at least SECRET, or the mark is too high"),
    ]
    assert fixed(HEAD + text, ["PAR"]) == HEAD + "¶1. (C) A.\n\n¶2. (S//NF) B.\n\n¶3. (C) C.\n"
    plain = text.replace("¶", "")
    assert [d.message for d in diagnostics(HEAD + plain, ["PAR"])] == [
        "paragraph 2 is numbered N, where the cable uses N."]
    assert fixed(HEAD + plain, ["PAR"]) == HEAD + plain.replace("2,", "2.")


@pytest.mark.parametrize("written, shape", [("2:", "N:"), ("2-", "N-"), ("2 -", "N-"), ("2..", "N.."), ("2.)", "N.)")])
def test_a_colon_dash_or_stray_stop_for_the_period_before_a_mark_is_a_paragraph(written, shape):
    text = f"1. (C) A.\n\n{written} (S) B.\n\n3. (C) C.\n"
    got = diagnostics(HEAD + text, ["PAR", "BAN002"])
    assert [(d.code, d.span.line, d.span.col, d.message) for d in got] == [
        ("PAR004", 7, 1, f"paragraph 2 is numbered {shape} where the cable uses N."),
        ("BAN002", 7, len(written) + 2, "paragraph 2 is marked (S) but the banner is CONFIDENTIAL: the cable "
                                        "is at least SECRET, or the mark is too high"),
    ]
    assert fixed(HEAD + text, ["PAR"]) == HEAD + text.replace(written, "2.")


@pytest.mark.parametrize("line", ["20-30 (C) of them were read.", "Items 2: (see below)", "2- see (C) below",
                                  "2... and so on (C)"])
def test_a_colon_or_dash_after_a_number_without_a_mark_after_it_is_text(line):
    assert par("1. (C) A.\n" + line + "\n2. (C) B.\n") == []


def test_a_comma_after_a_number_without_a_mark_is_text():
    text = "1. (C) The talks covered items 1, 3 and\n4, (see below) and 5.\n2. (C) B.\n"
    assert par(text) == []


def test_paragraph_after_a_heading_and_its_colon_on_the_same_line():
    # 05BRASILIA1130: "ARTICLE 98: 5. (C) A/S Rademaker outlined ..."
    text = "1. (C) A.\n\nARTICLE 98: 2. (C) B.\n\n3. (C) C.\n"
    res = lint(source(HEAD + text), select_rules(["PAR", "POR"]))
    assert [(p.written, p.number_span.line, p.number_span.col) for p in res.cable.paragraphs] == [
        ("1", 5, 1), ("2", 7, 13), ("3", 9, 1)]
    assert res.diagnostics == []


def test_first_number_reflowed_onto_the_classified_by_line():
    text = ("Classified By: Pol Chief A. B. for reasons 1.4 b and d 1. (C)\n"
            "Summary: text. End Summary.\n2. (C) B.\n")
    res = lint(source(HEAD + text), select_rules(["PAR"]))
    assert [(p.written, p.number_span.line) for p in res.cable.paragraphs] == [("1", 5), ("2", 7)]
    assert res.diagnostics == []


def test_references_to_other_documents_are_not_checked():
    text = ("1. (C) See ref A para 3 and para 2 of reftel, and paragraph 60 of the UNHRC package.\n"
            "2. (C) B.\n")
    assert par(text) == []


def test_capitalized_paragraph_mid_sentence_is_another_documents():
    text = ("1. (C) Torres said revisions to Paragraph 6 would follow.\n"
            "2. (C) Paragraph 5 below explains it.\n")
    d = diagnostics(HEAD + text, ["PAR006"])
    assert [(x.span.line, x.span.col) for x in d] == [(6, 8)]


def test_range_reference_names_what_is_missing():
    d = diagnostics(HEAD + "1. (C) See paras 2-4.\n2. (C) B.\n3. (C) C.\n", ["PAR006"])
    assert [(x.span.line, x.span.col, x.message) for x in d] == [
        (5, 12, "reference to paragraph 4, which this cable does not have (last is 3)")]


def test_a_year_after_a_pilcrow_or_para_is_no_reference():
    # an export marks a year that a wrap put at a line's start ("...in\n¶2007."); joined into
    # one line it stands inside the text, where "¶200" was read as a reference
    text = "1. (C) He hopes for a third term in \u00b62007. See para 2.\n2. (C) Rule 1984 and para 2000.\n"
    assert par(text) == []
    d = diagnostics(HEAD + text.replace("para 2.", "para 3."), ["PAR006"])
    assert [(x.span.line, x.span.col, x.message) for x in d] == [
        (5, 48, "reference to paragraph 3, which this cable does not have (last is 2)")]


def test_an_indented_numbered_paragraph_is_no_reference():
    # 05SANJOSE2249 indented throughout: "  ¶4." begins a paragraph of the quoted note; it cites none
    text = ("  1. (C) The note says:\n  Begin Text:\n  \u00b61.  Article 6.\n  \u00b62.  Rights.\n"
            "  \u00b64.  In light of the differences.\n  End text\n  2. (C) B.\n")
    assert diagnostics(HEAD + text, ["PAR006", "PAR007"]) == []
    assert diagnostics(HEAD + text.replace("  ", ""), ["PAR006", "PAR007"]) == []


def test_self_reference():
    d = diagnostics(HEAD + "1. (C) A.\n2. (C) Guidance (para 2) follows.\n", ["PAR007"])
    assert [(x.span.line, x.span.col, x.message) for x in d] == [(6, 18, "paragraph 2 refers to itself")]


def test_summary_and_comment_pair():
    text = "1. (C) Summary and Comment: text. End Summary and Comment.\n2. (C) B.\n"
    assert par(text, ["PAR008"]) == []


@pytest.mark.parametrize("title", ["COMMENT\n-------\n", "-------\nCOMMENT\n-------\n", "- - - -\nComment\n- - - -\n",
                                   "Comment: A Call for Nuance\n-------------------------- ---\n",
                                   "Comment: A Call for Nuance\n\n\n", "BIO NOTE\n=======\n",
                                   "------- COMMENT -------\n"])
def test_a_section_s_title_needs_no_end(title):
    # 03ANKARA4767 ("Comment: A Call for Nuance" between rules), 06SANJOSE2779 ("- - - -"), 09TRIPOLI925
    d = diagnostics(HEAD + "1. (C) A.\n\n" + title + "2. (C) We think so.\n", ["PAR008"])
    assert d == []
    # an End that comes still closes it
    end = "End Note." if "NOTE" in title else "End Comment."
    assert diagnostics(HEAD + "1. (C) A.\n\n" + title + f"2. (C) We think so. {end}\n", ["PAR008"]) == []


@pytest.mark.parametrize("text", [
    "1. (C) A.\n\nComment: we think this.\n-------\n2. (C) B.\n",  # a sentence, not a title
    "1. (C) A.\n\nCOMMENT:\nWe think so.\n\n2. (C) B.\n",           # the comment's text right below
    "1. (C) Comment: we think so.\n-------\n2. (C) B.\n",          # inside a paragraph
])
def test_a_block_word_that_is_no_section_s_title_needs_its_end(text):
    d = diagnostics(HEAD + text, ["PAR008"])
    assert [x.message for x in d] == ['"Comment:" without "End Comment."']


def test_a_summary_section_ends_at_the_next_title_not_at_the_end_of_the_cable():
    # 05SANJOSE2072: "-------" / "SUMMARY" / "-------" ... "-------" / "Background" / "-------"
    summary = "-------\nSUMMARY\n-------\n1. The talks went well.\n\n"
    assert diagnostics(HEAD + summary + "----------\nBackground\n----------\n2. More.\n", ["PAR008"]) == []
    d = diagnostics(HEAD + summary + "2. More.\n", ["PAR008"])
    assert [(x.span.line, x.span.col, x.message) for x in d] == [(6, 1, '"Summary:" without "End Summary."')]
    # 07BUENOSAIRES1352's export puts a blank line after every line
    spaced = "-------\n\nSUMMARY\n\n-------\n\n1. The talks went well.\n\n"
    assert diagnostics(HEAD + spaced + "-------\n\nBackground\n\n-------\n\n2. More.\n", ["PAR008"]) == []


def test_a_heading_with_an_export_backslash_opens_its_block():
    # 07BERN158: "------- \\" / "Summary \\" / "------- \\" ... "End summary. \\"
    text = "------- \\\nSummary \\\n------- \\\n \\\n1. (C) A. End summary. \\\n2. (C) B.\n"
    assert par(text, ["PAR008"]) == []
    assert corpus_findings("07BERN158", ["PAR008"]) == []  # its Comment section runs to the end


def test_a_heading_above_a_paragraph_that_opens_the_same_block_is_one_block():
    # 09BEIJING841: "Summary" / "-------" then "¶1. (C) Summary: ..." ... "End Summary."
    head = "Summary\n-------\n\n1. (C) Summary: the talks went well."
    assert par(head + " End Summary.\n2. (C) B.\n", ["PAR008"]) == []
    d = diagnostics(HEAD + head + "\n2. (C) B.\n", ["PAR008"])
    assert [(x.span.line, x.span.col, x.message) for x in d] == [(8, 8, '"Summary:" without "End Summary."')]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_a_heading_line_opens_its_block_whatever_ends_the_line(newline):
    # 03COLOMBO2183: "Ambassador's Comment" / "----" ... "End Comment"; saved with \r\n the
    # heading went unread and its End was reported alone
    text = "Ambassador's Comment\n--------------------\n\n2. (C) Three options. End Comment.\n"
    d = diagnostics((HEAD + "1. (C) A.\n\n" + text).replace("\n", newline), ["PAR008"])
    assert d == []
    d = diagnostics((HEAD + "1. (C) A.\n\n" + text.replace(" End Comment.", "")).replace("\n", newline), ["PAR008"])
    assert d == []  # a section's title needs no End


@pytest.mark.parametrize("above", [
    "2. (C) More.\nTASHKENT 00001571  002 OF 002\n",                                   # a page break
    "2. (C) More.\nC O N F I D E N T I A L SECTION 02 OF 02 TASHKENT 001571\n",        # a classification line
    "2. (C) More text that ends no sentence\n",                                        # but a rule below
])
def test_a_heading_after_a_page_break_or_above_a_rule_opens_its_block(above):
    text = "1. (C) A.\n\n" + above + "COMMENT\n-------\n3. (C) We think so. END COMMENT.\n"
    assert diagnostics(HEAD + text, ["PAR008"]) == []


def test_a_sentence_wrapped_onto_a_line_of_its_own_is_no_heading():
    # a cable in capitals: "...ENDED ON A" / "VERY CORDIAL NOTE." ends a sentence; "BIO NOTE"
    # after a blank line is a heading
    text = "1. (C) THE MEETING ENDED ON A\nVERY CORDIAL NOTE.\n2. (C) B.\n\nBIO NOTE\nHE WAS BORN IN 1950.\n"
    d = diagnostics(HEAD + text, ["PAR008"])
    assert [(x.span.line, x.span.col, x.message) for x in d] == [(9, 5, '"Note:" without "End Note."')]


@pytest.mark.parametrize("text, col", [
    ("1. (C) A.\n2. (C) B said so. 3. The talks went on.\n4. (C) D.\n", 19),  # where 3 is missing
    ("1. (C) A.\n2. (C) They refused to pay damages.  3. Comment: Fine. End Comment.\n", 38),  # the last
    ("1. (C) A.\n2. (C) B.  Background ------- 3. SOCAR seems concerned.\n", 31),  # after a heading's rule
])
def test_an_unmarked_paragraph_run_onto_the_one_before_is_read(text, col):
    # 04ANKARA482's "... refused to pay damages. 10. (C) Comment: ..." with its mark left out
    res = lint(source(HEAD + text), select_rules(["PAR", "POR001"]))
    assert [(p.written, p.mark is None) for p in res.cable.paragraphs][:3] == [("1", False), ("2", False), ("3", True)]
    assert [(d.code, d.span.line, d.span.col) for d in res.diagnostics] == [("POR001", 6, col)]


@pytest.mark.parametrize("text", [
    "1. (C) A.\n2. (C) The figure rose to 3. The ministry said so.\n",  # no sentence ends before it
    "1. (C) A.\n2. (C) He listed them: 1. Oil. 2. Gas. 3. Water.\n",     # a list inside the paragraph
    "1. (C) A.\n2. (C) B said so. 4. The talks went on.\n",              # not the number expected
])
def test_a_number_inside_a_paragraph_that_is_no_paragraph(text):
    res = lint(source(HEAD + text), select_rules(["PAR", "POR001"]))
    assert [p.written for p in res.cable.paragraphs] == ["1", "2"] and res.diagnostics == []


def test_the_last_paragraph_inside_a_line_numbered_as_the_one_before_is_a_duplicate():
    # 09CAIRO65: "¶15.  (C)  ... Septel will provide details of this conversation.  15. (U) The
    # CODEL cleared this message."
    text = "1. (C) A.\n2. (C) Septel will provide details.  2. (U) The CODEL cleared this message.\n"
    d = diagnostics(HEAD + text, ["PAR"])
    assert [(x.code, x.span.line, x.span.col, x.message) for x in d] == [
        ("PAR003", 6, 38, "paragraph number 2 is used twice (first at line 6)")]
    assert par(text.replace("2. (U) The", "2. The")) == []  # no mark: text
    assert par(text.replace("2. (U) The", "1. (U) The")) == []  # not the number before


def test_end_without_start():
    d = diagnostics(HEAD + "1. (C) A. End Note.\n2. (C) B.\n", ["PAR008"])
    assert [(x.span.line, x.span.col, x.message) for x in d] == [(5, 11, "End Note without a Note: start")]


@pytest.mark.parametrize("end", ["End\nSummary.", "END \nSUMMARY.", "End\r\nSummary.", "End\n  summary.)",
                                 "End \\\nsummary. \\", "END \n\nSUMMARY.", "End Introduction and\nSummary."])
def test_an_end_marker_broken_across_two_lines_closes_its_block(end):
    text = f"1. (C) Summary: the talks went well. {end}\n2. (C) B.\n"
    assert par(text, ["PAR008"]) == []


def test_end_at_a_line_end_before_a_block_that_starts_is_no_end_marker():
    # "... to that end" / "Comment: ...": a colon starts a block
    d = diagnostics(HEAD + "1. (C) We worked to that end\nComment: we think so.\n2. (C) B.\n", ["PAR008"])
    assert [(x.span.line, x.span.col, x.message) for x in d] == [(6, 1, '"Comment:" without "End Comment."')]


@pytest.mark.parametrize("body, found", [
    ("1. (C) Talks went on. (Note: the canon is a separate issue.) They agreed.\n", []),
    ("1. (C) Talks went on. (NOTE: one (the first) was\nlate.) They agreed.\n", []),
    ("1. (C) Talks went on. (Comment: we think so. End Comment.) They agreed.\n", []),
    ("1. (C) Talks went on. (Note: the canon is a separate issue. They agreed.\n", [(5, 24)]),
    ("1. (C) Talks went on. (Note: the canon is a separate issue.\n\n2. (C) B.)\n", [(5, 24)]),
    ("1. (C) Talks went on (Note: one.) (Note: two. End Note.) and on.\n", []),
    # in square brackets: 10CARACAS193's "[NOTE: Chevron's ... End Note.]" (then read as an End
    # without its start), 09DJIBOUTI113's "[COMMENT: Pardigon is ... in Djibouti.]"
    ("1. (C) Talks went on. [NOTE: Chevron left. End Note.] They agreed.\n", []),
    ("1. (C) Talks went on. [COMMENT: Pardigon is\nknown to us.] They agreed.\n", []),
    ("1. (C) Talks went on. [Comment: we think so. They agreed.\n", [(5, 24)]),
])
def test_a_note_or_comment_in_parentheses_ends_where_they_close(body, found):
    d = diagnostics(HEAD + body, ["PAR008"])
    assert [(x.span.line, x.span.col) for x in d] == found


@pytest.mark.parametrize("title", ["TURKISH PRESS SUMMARY", "Media Summary", "WEEKLY NEWS SUMMARY"])
def test_the_title_of_a_press_summary_opens_no_summary_block(title):
    # 02ANKARA8845, a media reaction report: "TURKISH PRESS SUMMARY" / "Wednesday, December 4, 2002"
    text = f"UNCLAS STATE 000001\n\nSUBJECT: PRESS\n\n{title}\nWednesday, December 4, 2002\n\n1. Text.\n"
    assert findings(text, ["PAR008"]) == []
    assert [f[:2] for f in findings(text.replace(title, "SUMMARY"), ["PAR008"])] == [("PAR008", 5)]


@pytest.mark.parametrize("line", ["very cordial note.", "of diplomatic note:", "the note.", "not comment."])
def test_a_sentence_that_ends_a_line_with_the_word_is_no_heading(line):
    # 09BISHKEK135, 08SANJOSE606, 09QUITO160, 09VATICAN11: the end of a sentence wrapped onto its own line
    assert par(f"1. (C) The meeting ended on a\n{line}\n2. (C) B.\n", ["PAR008"]) == []


def test_real_cables_with_end_markers_broken_across_lines():
    # 09RABAT706: "... addressing all parties, / propaganda seem essential ... End" / "Summary."
    assert corpus_findings("09RABAT706", ["PAR008"]) == []
    # 09SANAA1662: "(Note: ... End" / "Note.)" closes its note; "(Comment: ... End Note.)" is a
    # comment closed by its parenthesis, with an End Note of no note inside
    assert corpus_findings("09SANAA1662", ["PAR008"]) == [("PAR008", 124, 39)]
    # 10MADRID179: '(Note: The canon is an / entirely separate issue ... in the public mind.)'
    assert corpus_findings("10MADRID179", ["PAR008"]) == []


def test_single_paragraph_numbered():
    assert par("1. (C) Only one.\n") == [("PAR005", 5, 1)]


# ---- real cables from the public release


def corpus_findings(cable_id, select=("PAR",)):
    res = lint(read_path(str(CORPUS / f"{cable_id}.txt")), select_rules(list(select)))
    return [(d.code, d.span.line, d.span.col) for d in res.diagnostics]


def test_real_numbers_typed_with_a_comma_or_after_a_heading_are_read():
    assert corpus_findings("04THEHAGUE1915", ["PAR001", "PAR004"]) == [("PAR004", 89, 1)]
    assert corpus_findings("10DOHA71", ["PAR001", "PAR004"]) == [("PAR004", 139, 1)]
    assert corpus_findings("05BRASILIA1130", ["PAR001"]) == []


def test_real_duplicate_paragraph_number():
    # 05NAIROBI4559 numbers two different paragraphs 2.
    assert ("PAR003", 38, 1) in corpus_findings("05NAIROBI4559", ["PAR003"])


def test_file_with_an_abbreviated_copy_reads_the_full_copy():
    # 08LIMA1733 holds a one-line preview, "=== CABLE ENDS ===", then the full cable.
    assert corpus_findings("08LIMA1733", ["PAR001", "PAR003"]) == []


def test_marked_inner_questionnaire_restart_is_reported_once():
    got = [f for f in corpus_findings("06BUENOSAIRES109", ["PAR001"]) if f[1] == 650]
    assert got == [("PAR001", 650, 1)]


def test_numbers_after_unicode_separators_and_no_break_spaces_are_paragraphs():
    # Some renderings start a line with U+2028 LINE SEPARATOR or a no-break space.
    text = "1. (C) One.\n\n\u2028\u20282. (C) Two.\n\u00a03. (C) Three.\n\u2029 4. (C) Four.\n"
    from cablelint.parse import parse_source

    c = parse_source(source(HEAD + text))
    assert [(p.written, p.number_span.line, p.number_span.col) for p in c.paragraphs] == [
        ("1", 5, 1), ("2", 7, 3), ("3", 8, 2), ("4", 9, 3)]
    assert par(text) == []


def test_paragraphs_run_together_after_headings_and_page_breaks():
    # 08TRIPOLI470 and 09TALLINN325 hold each paragraph on one long line.
    text = ("1. (C) Summary. End Summary  LEGAL FRAMEWORK  2. (C) Second.  3. (C) Third. "
            "STATE 00000001 002 OF 003 4. (S) Fourth.\n")
    res = lint(source(HEAD + text), select_rules(["PAR", "BAN002"]))
    assert [(p.written, p.number_span.col, p.mark.raw) for p in res.cable.paragraphs] == [
        ("1", 1, "(C)"), ("2", 47, "(C)"), ("3", 63, "(C)"), ("4", 103, "(S)")]
    assert [(d.code, d.span.col) for d in res.diagnostics] == [("BAN002", 106)]


@pytest.mark.parametrize("mark,col,meant", [("(c)", 30, "(C)"), ("( S )", 30, "(S)"), ("(CONFIDENTIAL)", 30, "(C)"),
                                           ("(sbu)", 30, "(SBU)")])
def test_a_paragraph_inside_a_line_whose_mark_has_a_slip_is_read_and_its_mark_named(mark, col, meant):
    # 00TASHKENT4223: "... with Kamilov. 16. (c) comment: this was a good first meeting ..."
    text = f"1. (C) One.\n2. (C) Two, with Kamilov. 3. {mark} Three.\n"
    res = lint(source(HEAD + text), select_rules(["PAR", "POR002"]))
    assert [(p.written, p.number_span.line, p.number_span.col) for p in res.cable.paragraphs] == [
        ("1", 5, 1), ("2", 6, 1), ("3", 6, 27)]
    d = [(x.code, x.span.line, x.span.col, x.span.end_col, x.message) for x in res.diagnostics]
    assert [x[:4] for x in d] == [("POR002", 6, col, col + len(mark))]
    assert d[0][4].startswith(f"paragraph 3: malformed portion mark {mark}") and d[0][4].endswith(f"meant {meant}")
    tashkent = lint(read_path(str(CORPUS / "00TASHKENT4223.txt")), select_rules(["PAR", "POR002"]))
    assert [(p.written, p.number_span.line, p.number_span.col) for p in tashkent.cable.paragraphs][-2:] == [
        ("15", 36, 1), ("16", 36, 931)]
    assert [(x.code, x.span.col) for x in tashkent.diagnostics if x.span.line == 36] == [
        ("POR002", 6), ("PAR004", 931), ("POR002", 935), ("PAR008", 939)]


@pytest.mark.parametrize("line", [
    "Classified By: Ambassador Charles W. Larson, Jr., Reason: 1.4 (d) 1. (c)\nThe talks.\n",
    "Classified By: CDA John T. Godfrey, REASON: 1.4 (b), (d) 1. (c) Summary: talks.\n"])
def test_a_first_paragraph_merged_onto_the_reasons_with_a_slip_in_its_mark_is_read(line):
    # 08RIGA472 and 08TRIPOLI574 with the mark in lower case
    text = "C O N F I D E N T I A L STATE 000001\n\nSUBJECT: (U) Test\n" + line + "\n2. (C) Two.\n"
    res = lint(source(text), select_rules(["PAR", "POR002"]))
    second = 7 if line.count("\n") == 2 else 6
    assert [(p.written, p.number_span.line) for p in res.cable.paragraphs] == [("1", 4), ("2", second)]
    assert [(x.code, x.span.line) for x in res.diagnostics] == [("POR002", 4)]


@pytest.mark.parametrize("letters", ["abc", "ABC", "qrs", "QRS", "stu", "STU"])
def test_a_numbered_list_of_letters_inside_a_paragraph_is_text(letters):
    a, b, c = letters
    for last in ("", "3. (C) Three.\n"):
        text = f"1. (C) One.\n2. (C) The law says: 1. ({a}) One thing. 2. ({b}) Another. 3. ({c}) A third.\n" + last
        res = lint(source(HEAD + text), select_rules(["PAR", "POR"]))
        expected = [("1", 1), ("2", 1), ("3", 1)][:2 + bool(last)]
        assert [(p.written, p.number_span.col) for p in res.cable.paragraphs] == expected
        assert res.diagnostics == []
    # the same number after the letter before it in another list, or with its mark upper-cased, is read
    text = "1. (C) One.\n2. (C) The law, item 7. (b) says so. 3. (c) Three.\n"
    res = lint(source(HEAD + text), select_rules(["PAR", "POR"]))
    assert [(p.written, p.number_span.col) for p in res.cable.paragraphs] == [("1", 1), ("2", 1), ("3", 38)]
    assert [(d.code, d.span.col) for d in res.diagnostics] == [("POR002", 41)]


def test_a_number_inside_a_line_before_a_word_in_parentheses_that_is_no_mark_is_text():
    text = "1. (C) One, says section 2. (x) of the law; or 2. (X) and 2. (Ca) and 2. (c.\n2. (C) Two.\n"
    res = lint(source(HEAD + text), select_rules(["PAR", "POR"]))
    assert [(p.written, p.number_span.col) for p in res.cable.paragraphs] == [("1", 1), ("2", 1)]
    assert res.diagnostics == []


def test_a_number_inside_a_line_that_does_not_continue_the_sequence_is_text():
    text = "1. (C) The talks of 2009 7. (C) went on, and item 4. (S) is another document's.\n2. (C) Two.\n"
    res = lint(source(HEAD + text), select_rules(["PAR"]))
    assert [p.written for p in res.cable.paragraphs] == ["1", "2"]
    assert res.diagnostics == []


def test_a_lost_paragraph_inside_a_run_together_line_is_a_gap_and_the_rest_are_read():
    text = "1. (C) One. 2. (C) Two. 4. (C) Four. 5. (S) Five.\n"
    res = lint(source(HEAD + text), select_rules(["PAR001", "BAN002"]))
    assert [p.written for p in res.cable.paragraphs] == ["1", "2", "4", "5"]
    assert [(d.code, d.message) for d in res.diagnostics] == [
        ("PAR001", "paragraph 3 is missing: paragraph numbered 4 where 3 is expected"),
        ("BAN002", "paragraph 5 is marked (S) but the banner is CONFIDENTIAL: the cable is at least "
                   "SECRET, or the mark is too high")]


@pytest.mark.parametrize("third,found", [
    ("2", [("PAR003", 32, "paragraph number 2 is used twice (first at line 6)")]),
    ("8", [("PAR001", 32, "paragraph numbered 8 where 3 is expected; the next is 4, so likely a mistyped 3")]),
])
def test_a_number_inside_a_line_that_stands_where_the_expected_one_belongs_is_read(third, found):
    # a paragraph number typed twice, or mistyped, in a cable whose line breaks were lost
    text = f"1. (C) One.\n2. (C) Two. The talks went on. {third}. (C) Three. 4. (C) Four. 5. (C) Five.\n"
    res = lint(source(HEAD + text), select_rules(["PAR"]))
    assert [(p.written, p.number_span.line, p.number_span.col) for p in res.cable.paragraphs] == [
        ("1", 5, 1), ("2", 6, 1), (third, 6, 32), ("4", 6, 46), ("5", 6, 59)]
    assert [(d.code, d.span.col, d.message) for d in res.diagnostics] == found
    # not when the number after it does not follow on from the one expected here, nor after a slip in its mark
    for later in ("5. (C) Five.", "6. (C) Six."):
        text = f"1. (C) One.\n2. (C) Two. The talks went on. {third}. (C) Three. {later}\n"
        assert third not in [p.written for p in lint(source(HEAD + text), select_rules(["PAR"])).cable.paragraphs][2:]
    text = f"1. (C) One.\n2. (C) Two. The talks went on. {third}. (c) Three. 4. (C) Four.\n"
    assert [p.written for p in lint(source(HEAD + text), select_rules(["PAR"])).cable.paragraphs] == ["1", "2", "4"]


def test_a_first_paragraph_at_the_end_of_the_reasons_line_is_read_once():
    # 08RIGA472's shape: the line ends with "1. (C)", found by both searches inside a line
    text = ("C O N F I D E N T I A L STATE 000001\n\nSUBJECT: (U) Test\n"
            "Classified By: Ambassador Charles W. Larson, Jr., Reason: 1.4 (d) 1. (C)\nThe talks.\n\n3. (C) Three.\n")
    res = lint(source(text), select_rules(["PAR"]))
    assert [(p.written, p.number_span.line, p.number_span.col) for p in res.cable.paragraphs] == [
        ("1", 4, 67), ("3", 7, 1)]
    assert [(d.code, d.span.line, d.message) for d in res.diagnostics] == [
        ("PAR001", 7, "paragraph 2 is missing: paragraph numbered 3 where 2 is expected")]


def test_the_last_paragraph_inside_a_line_after_a_lost_one_is_read():
    # 08BEIJING2322: "¶23. (U) Participants: ... notetakers Zhou Yu, Interpreter 25. (U) Acting U/S ..."
    text = "1. (C) One.\n2. (C) Participants: Zhou Yu, Interpreter 4. (S) Acting U/S Rood cleared this.\n"
    res = lint(source(HEAD + text), select_rules(["PAR001", "BAN002"]))
    assert [(p.written, p.number_span.line, p.number_span.col) for p in res.cable.paragraphs] == [
        ("1", 5, 1), ("2", 6, 1), ("4", 6, 43)]
    assert [(d.code, d.span.col) for d in res.diagnostics] == [("PAR001", 43), ("BAN002", 46)]
    beijing = corpus_findings("08BEIJING2322", ["PAR001"])
    assert [f for f in beijing if f[1] == 87] == [("PAR001", 87, 2002)]


@pytest.mark.parametrize("text", [
    "1. (C) One.\n2. (C) Interpreter 5. (S) Acting.\n",                  # two numbers skipped
    "1. (C) One.\n2. (C) Interpreter 4. (S/XX) Acting.\n",               # a mark with an unknown word
])
def test_a_number_inside_a_line_that_skips_one_is_text_unless_it_ends_the_cable_well_marked(text):
    res = lint(source(HEAD + text), select_rules(["PAR"]))
    assert "4" not in [p.written for p in res.cable.paragraphs if p.number_span.col > 1]


def test_a_quoted_document_keeps_its_own_numbering():
    # 08LONDON1115: "¶2. (S/Rel UK) Begin Text of Letter (note internal numbering):" ... "End Text."
    text = ("1. (C) One.\n2. (C) Begin text of the letter:\n\n1. We are grateful.\n2. We agree.\n"
            "3. (S) A marked line of the letter.\nEnd text.\n\n3. (C) Comment: fine. End Comment.\n")
    res = lint(source(HEAD + text), select_rules(["PAR", "POR001", "BAN002"]))
    assert [(p.written, p.number_span.line) for p in res.cable.paragraphs] == [("1", 5), ("2", 6), ("3", 13)]
    assert [(d.code, d.span.line) for d in res.diagnostics] == [("BAN002", 10)]  # read as an item
    # without its End text, nothing is taken for a quotation
    open_quote = text.replace("End text.\n", "")
    assert [(p.written, p.number_span.line) for p in lint(source(HEAD + open_quote), []).cable.paragraphs] == [
        ("1", 5), ("2", 6), ("3", 10), ("3", 12)]
    # a quotation numbered on from the cable's paragraphs is numbered as the cable
    going_on = "1. (C) One.\n2. (C) Begin text:\n3. (C) Three.\n4. (S) Four.\nEnd text.\n5. (C) Five.\n"
    assert [p.written for p in lint(source(HEAD + going_on), []).cable.paragraphs] == ["1", "2", "3", "4", "5"]
    assert corpus_findings("08LONDON1115", ["PAR001", "POR001"]) == []
    assert corpus_findings("05SANJOSE2249", ["PAR001", "POR001"]) == []


def test_real_cables_written_as_one_line():
    assert corpus_findings("09TALLINN325", ["PAR001", "PAR005", "BAN003"]) == []
    assert corpus_findings("08TRIPOLI470", ["PAR001", "PAR005"]) == []


def test_paragraphs_inside_a_line_with_two_blanks_or_after_a_word():
    # 06BUENOSAIRES2215: 'good at controlling the media." 3.  (C) Despite ...'; 09BAKU30:
    # "... from SD2. GEORGIA 8. (C) According to BP ..."; 00HARARE6677: an old page heading,
    # "PAGE 03 HARARE 06677 03 OF 03 291401Z 11. (C) COMMENT".
    text = ('1. (C) One said "no." 2.  (C) Two. GEORGIA 3. (C) Three.\n'
            "PAGE 03 HARARE 06677 03 OF 03 291401Z 4. (C) Four.\n")
    res = lint(source(HEAD + text), select_rules(["PAR001", "PAR003"]))
    assert [(p.written, p.number_span.line, p.number_span.col) for p in res.cable.paragraphs] == [
        ("1", 5, 1), ("2", 5, 23), ("3", 5, 44), ("4", 6, 39)]
    assert res.diagnostics == []


def test_the_first_paragraph_after_a_ref_or_classified_by_line_on_the_same_line():
    # 08LONDON2972: "REF: A. SECSTATE 123492 ... C. STATE 99217  1. (SBU)  Post delivered ..."
    # 08TRIPOLI530: "CLASSIFIED BY: ... REASON: 1.4 (b), (d)  1.  (C)  Summary: ..."
    for front in ("REF: A. STATE 123492      B. USEU 1629      C. STATE 99217  ",
                  "Classified By: A. Officer, Pol. REASON: 1.4 (b), (d)  "):
        text = front + "1.  (C)  Summary: one. 2.  (C)  Two.\n"
        res = lint(source(HEAD + text), select_rules(["PAR", "POR001"]))
        assert [(p.written, p.mark.raw) for p in res.cable.paragraphs] == [("1", "(C)"), ("2", "(C)")], front
        assert res.diagnostics == [], front


def test_real_cables_with_paragraphs_inside_lines():
    from conftest import lint_text

    for cable_id, count in (("06BUENOSAIRES2215", 6), ("08TRIPOLI530", 8), ("08LONDON2972", 1)):
        cable = lint_text((CORPUS / f"{cable_id}.txt").read_text(encoding="utf-8"), []).cable
        assert [p.number for p in cable.paragraphs] == list(range(1, count + 1)), cable_id
    assert corpus_findings("00HARARE6677", ["PAR001"]) == []


def test_a_number_without_its_period_inside_a_line_after_a_sentence_or_dashes():
    # 08MANAMA288: "... the digital library's collection. 4 (C) Special Envoy Cumber ..."
    # 10MADRID49: "Haiti ----- 4 (C) The Ambassador briefed ..."
    text = ("1. (C) One. 2 (C) Two. Haiti ----- 3 (S) Three.\n"
            "4. (C) See Decree No. 7 (C) for details.\n")
    res = lint(source(HEAD + text), select_rules(["PAR", "BAN002"]))
    assert [(p.written, p.number_span.col, p.punctuation) for p in res.cable.paragraphs] == [
        ("1", 1, "."), ("2", 13, ""), ("3", 36, ""), ("4", 1, ".")]
    assert [(d.code, d.span.line, d.span.col, d.message) for d in res.diagnostics] == [
        ("PAR004", 5, 13, "paragraph 2 is numbered N where the cable uses N."),
        ("PAR004", 5, 36, "paragraph 3 is numbered N where the cable uses N."),
        ("BAN002", 5, 38, "paragraph 3 is marked (S) but the banner is CONFIDENTIAL: the cable is at "
                          "least SECRET, or the mark is too high"),
    ]
    assert corpus_findings("08MANAMA288", ["PAR001"]) == []
    assert corpus_findings("10MADRID49", ["PAR001"]) == []


@pytest.mark.parametrize("sign", ["&para;", "&#182;", "\u00c2\u00b6"])
def test_a_pilcrow_written_as_an_entity_or_decoded_twice_is_read_and_mended(sign):
    text = f"¶1. (C) One.\n{sign}2. (S) Two.\n¶3. (C) Three.\n"
    got = diagnostics(HEAD + text, ["PAR", "BAN002"])
    assert [(d.code, d.span.line, d.span.col, d.message) for d in got] == [
        ("PAR004", 6, 1, f"paragraph 2 is numbered {sign}N.: {sign} written for the ¶ sign"),
        ("BAN002", 6, len(sign) + 4, "paragraph 2 is marked (S) but the banner is CONFIDENTIAL: the cable is at "
                                     "least SECRET, or the mark is too high")]
    assert fixed(HEAD + text, ["PAR"]) == HEAD + "¶1. (C) One.\n¶2. (S) Two.\n¶3. (C) Three.\n"
    # every paragraph so written: the message claims no ¶N. the cable does not have
    every = text.replace("¶", sign)
    assert {d.message[len("paragraph 1 is numbered "):] for d in diagnostics(HEAD + every, ["PAR004"])} == {
        f"{sign}N.: {sign} written for the ¶ sign"}


def test_a_no_break_space_after_the_number_or_a_bullet_still_leads_to_the_mark():
    text = "1.\u00a0(C) One.\n2. (C) Two:\n--\u00a0(S) A bullet.\n3.\u00a0(S) Three.\n"
    res = lint(source(HEAD + text), select_rules(["POR001", "BAN002"]))
    assert [(p.written, p.mark.raw) for p in res.cable.paragraphs] == [("1", "(C)"), ("2", "(C)"), ("3", "(S)")]
    assert [(d.code, d.span.line, d.span.col) for d in res.diagnostics] == [("BAN002", 7, 4), ("BAN002", 8, 4)]
