"""The builder on merged lines: where one structural line ends and the next begins."""

import pytest

from cablelint.parse import parse_source

from conftest import source


def test_classification_line_merged_with_the_eo_line():
    cable = parse_source(source("UNCLAS E.O. 12958: DECL: 11/05/2019 TAGS: PREL UZ\n"))
    assert (cable.banner.level, cable.banner.post, cable.banner.serial) == ("U", None, None)
    assert (cable.banner.span.col, cable.banner.span.end_col) == (1, 7)
    assert (cable.eo.order, cable.eo.instruction, cable.eo.span.col) == ("12958", "11/05/2019", 8)
    assert [t.text for t in cable.tags.items] == ["PREL", "UZ"]


def test_classification_line_with_post_serial_captions_and_eo_merged():
    cable = parse_source(source("C O N F I D E N T I A L RIGA 000472 SIPDIS E.O. 12958: DECL: 08/12/2018\n"))
    assert (cable.banner.level, cable.banner.post, cable.banner.serial) == ("C", "RIGA", "000472")
    assert [c.word for c in cable.captions] == ["SIPDIS"]
    assert cable.eo.instruction == "08/12/2018"


def test_captions_between_the_level_and_the_post_are_captions():
    cable = parse_source(source("S E C R E T NOFORN SIPDIS STATE 000001\n\n1. (S/NF) Text.\n"))
    assert (cable.banner.level, cable.banner.post, cable.banner.serial) == ("S", "STATE", "000001")
    assert [(c.word, c.span.col, c.span.end_col) for c in cable.captions] == [("NOFORN", 13, 19), ("SIPDIS", 20, 26)]
    assert parse_source(source("S E C R E T NOFORN 000001\n")).banner.post == "NOFORN"  # a post is left


RECORD = "id: 35687\ndate: 6/30/2005 22:35\nrefid: 05BOGOTA6237\norigin: Embassy Bogota\n" \
         "classification: SECRET\ndestination: 05BOGOTA5802\nheader:\n\n----------------- header ends ----------------\n\n"


def test_an_archive_record_s_classification_field_gives_way_to_the_cable_s_own_line():
    # 05BOGOTA6237: the record's fields, then the cable; the field was read as the classification line
    cable = parse_source(source(RECORD + "S E C R E T SECTION 01 OF 02 BOGOTA 006237\n\nSIPDIS\n\n"
                                         "E.O. 12958: DECL: 07/01/2015\n"))
    b = cable.banner
    assert (b.level, b.section, b.post, b.serial, b.span.line) == ("S", (1, 2), "BOGOTA", "006237", 11)
    assert [(c.word, c.span.line) for c in cable.captions] == [("SIPDIS", 13)]


@pytest.mark.parametrize("name,field,controls", [("classification", "SECRET", ()),
                                                 ("classification", "SECRET//NOFORN", ("NOFORN",)),
                                                 ("classification", "secret//noforn", ("NOFORN",)),
                                                 ("CLASSIFICATION", "SECRET", ()), ("Classification", "SECRET", ()),
                                                 ("ClassIfication", "secret//noforn", ("NOFORN",))])
def test_an_archive_record_s_classification_field_is_read_when_the_cable_has_no_line(name, field, controls):
    # 10BEIJING207: the cable's own line redacted ("XXXXXXXXXXXX"); the field is all there is,
    # its name written in any case
    record = RECORD.replace("classification: SECRET", f"{name}: {field}")
    cable = parse_source(source(record + "XXXXXXXXXXXX\n\nSIPDIS\n\nE.O. 12958: DECL: 01/26/2030\n"))
    b = cable.banner
    assert (b.level, b.controls, b.section, b.post, b.span.line, b.span.col) == ("S", controls, None, None, 5, 17)


def test_a_record_s_level_alone_on_a_line_gives_way_to_the_cable_s_own_line():
    # 07KABUL2004: the record's id, date, reference, origin and level, then the cable
    record = "112974\n2007-06-21\n07KABUL2004\nEmbassy Kabul\nSECRET//NOFORN\n07KABUL1971\n"
    cable = parse_source(source(record + "S E C R E T SECTION 01 OF 04 KABUL 002004\n\nSIPDIS\n\n"
                                         "E.O. 12958: DECL: 06/21/2017\n"))
    b = cable.banner
    assert (b.level, b.controls, b.section, b.post, b.span.line) == ("S", (), (1, 4), "KABUL", 7)


def test_a_level_alone_is_the_classification_line_of_a_draft_that_has_no_other():
    draft = "SECRET//NOFORN\n\nE.O. 13526: DECL: 11/05/2019\nTAGS: PREL UZ\nSUBJECT: (S) Talks\n\n"
    b = parse_source(source(draft + "1. (S//NF) Text.\n")).banner
    assert (b.level, b.controls, b.post, b.span.line) == ("S", ("NOFORN",), None, 1)
    # a classification line below the E.O. line, or below a paragraph, is quoted text, not the cable's
    quoted = draft + "C O N F I D E N T I A L STATE 000123\n"
    b = parse_source(source(quoted)).banner
    assert (b.level, b.controls, b.post, b.span.line) == ("S", ("NOFORN",), None, 1)
    bare = "SECRET\n\n1. (S) The text quoted:\nC O N F I D E N T I A L STATE 000123\n"
    b = parse_source(source(bare)).banner
    assert (b.level, b.post, b.span.line) == ("S", None, 1)


OLD_PAGE = "C O N F I D E N T I A L SECTION 01 OF 03 HARARE 006677\nSIPDIS\nEO 12958 DECL: 11/29/10\nTAGS PGOV, ZI\n"


def test_old_telegram_page_heading_inside_the_subject():
    # " CONFIDENTIAL" above "PAGE 02 HARARE 06677 01 OF 03 291400Z": the subject goes on after it
    text = OLD_PAGE + ("SUBJECT: ASSISTANT SECRETARY MEETS WITH ZIMBABWE\n CONFIDENTIAL\n"
                       "PAGE 02 HARARE 06677 01 OF 03 291400Z OPPOSITION LEADER\nREFTEL: HARARE 6584\n\n"
                       "1. (C) Text.\n")
    c = parse_source(source(text))
    assert c.subject.text == "ASSISTANT SECRETARY MEETS WITH ZIMBABWE OPPOSITION LEADER"
    assert (c.subject.span.line, c.subject.span.end_line) == (5, 7)
    assert [r.text for r in c.refs] == ["HARARE 6584"]


def test_old_telegram_page_heading_after_a_ref_line():
    text = OLD_PAGE + ("SUBJECT: BRIEFS VATICAN.\n\nREF. STATE 184178\n                       CONFIDENTIAL\n \n"
                       "PAGE 02        VATICA  05693  01 OF 02  021700Z\n \nCLASSIFIED BY AMBASSADOR. REASON 1.5(B,D).\n\n"
                       "1. (C) Text.\n")
    c = parse_source(source(text))
    assert [r.text for r in c.refs] == ["STATE 184178"]
    assert c.authority.letters == ("b", "d")


def test_a_classification_word_in_the_subject_is_no_page_heading():
    text = OLD_PAGE + "SUBJECT: TALKS ON\nSECRET BALLOTS\nPAGE ONE OF THE ACCORD\n\n1. (C) Text.\n"
    assert parse_source(source(text)).subject.text == "TALKS ON SECRET BALLOTS PAGE ONE OF THE ACCORD"


def test_the_classification_line_repeated_at_the_foot_is_no_second_copy():
    top = ("C O N F I D E N T I A L TASHKENT 001571\n\nE.O. 12958: DECL: 11/05/2019\nTAGS: PREL UZ\n"
           "SUBJECT: (U) Talks\n\nClassified By: A. B, reasons 1.4 (b) and (d)\n\n1. (C) One.\n2. (S) Two.\nNORLAND\n")
    cable = parse_source(source(top + "\nC O N F I D E N T I A L TASHKENT 001571\n"))
    assert (cable.banner.span.line, cable.eo.instruction, [p.written for p in cable.paragraphs]) == (
        1, "11/05/2019", ["1", "2"])
    # a second copy brings its own front matter: the full copy is read
    copy = parse_source(source("C O N F I D E N T I A L TASHKENT 001571\n1. (C) Short.\n\n" + top))
    assert (copy.banner.span.line, [p.written for p in copy.paragraphs]) == (4, ["1", "2"])


FRONT_NO_EO = "C O N F I D E N T I A L STATE 000001\n\nTAGS: PREL ETTC\n"
REST = "\n\nClassified By: A. B, reasons 1.4 (b) and (d)\n\n1. (C) A.\n2. (C) B.\n"


def test_an_order_cited_in_the_subject_is_no_eo_line():
    for subject in ("SUBJECT: (C) DESIGNATION UNDER E.O. 13224 OF FINANCIERS",
                    "SUBJECT: (C) DESIGNATION UNDER\nE.O. 13224 OF FINANCIERS"):
        cable = parse_source(source(FRONT_NO_EO + subject + REST))
        assert (cable.subject.text, cable.eo) == ("(C) DESIGNATION UNDER E.O. 13224 OF FINANCIERS", None)


def test_keyword_words_inside_a_subject_stay_in_it():
    # an UNCLAS cable: "Classified By" read from the subject was CAB005, authority on an unclassified cable
    head = "UNCLAS STATE 000001\n\nE.O. 12958: N/A\nTAGS: PREL CVIS\n"
    for words in ("NEW TAGS FOR VISA CASES", "DOCUMENTS CLASSIFIED BY THE MINISTRY"):
        cable = parse_source(source(head + f"SUBJECT: (U) {words}\n\n1. (U) A.\n2. (U) B.\n"))
        assert (cable.subject.text, [t.text for t in cable.tags.items], cable.authority) == (
            f"(U) {words}", ["PREL", "CVIS"], None)
    merged = parse_source(source(head[:-16] + "SUBJECT: (U) TALKS TAGS: PREL CLASSIFIED BY: AMB X, REASONS 1.4 (B)\n"))
    assert (merged.subject.text, [t.text for t in merged.tags.items], merged.authority.by) == ("(U) TALKS", ["PREL"], "AMB X")
    derived = parse_source(source(head[:-16] + "SUBJECT: (U) TALKS DERIVED FROM: DSCG 05-1\n"))
    assert (derived.subject.text, derived.authority.by, derived.authority.derived) == ("(U) TALKS", "DSCG 05-1", True)


def test_an_eo_line_after_the_subject_is_still_one():
    for subject in ("SUBJECT: (C) TALKS E.O. 12958: DECL: 11/05/2019", "SUBJECT: (C) TALKS\nE.O. 12958: DECL: 11/05/2019"):
        cable = parse_source(source(FRONT_NO_EO + subject + REST))
        assert (cable.subject.text, cable.eo.order, cable.eo.instruction) == ("(C) TALKS", "12958", "11/05/2019")


SINGLE_SPACED = (
    "C O N F I D E N T I A L STATE 000001\n\nSIPDIS\n\nE.O. 12958: DECL: 11/05/2019\nTAGS: PREL UZ\n"
    "SUBJECT: TALKS WITH THE FOREIGN MINISTER ON THE\nBORDER\n\nREF: A. STATE 1\nB. STATE 2\n\n"
    "Classified By: Ambassador A. Officer for rea\nsons 1.4 (b) and (d)\n\n"
    "1. (C) He spoke. (Note: he\nmeant it.) More.\n\n2. (C) See ref B.\n")


def test_a_double_spaced_export_reads_as_the_cable_it_was():
    """Some exports double every line break (05BUENOSAIRES496: "SUBJECT: ... WITH GOVERNOR," /
    blank / "COUNTERNARCOTICS OFFICIALS ..."): a single blank line there is a line break, and a
    blank line of the cable is two or more."""
    from datetime import date

    from cablelint.engine import select_rules
    from cablelint.lint import lint

    double = SINGLE_SPACED.replace("\n", "\n\n")
    one, two = parse_source(source(SINGLE_SPACED)), parse_source(source(double))
    assert two.subject.text == one.subject.text == "TALKS WITH THE FOREIGN MINISTER ON THE BORDER"
    assert (two.subject.span.line, two.subject.span.end_line) == (13, 15)
    assert two.authority.letters == one.authority.letters == ("b", "d")
    assert [r.label for r in two.refs] == [r.label for r in one.refs] == ["A", "B"]
    rules = select_rules()
    as_of = date(2009, 11, 5)
    assert [d.code for d in lint(source(double), rules, as_of).diagnostics] == \
        [d.code for d in lint(source(SINGLE_SPACED), rules, as_of).diagnostics] == ["POR005"]
    # a cable whose parts are set apart by single blank lines is no such export
    spaced = SINGLE_SPACED.replace("\nTAGS", "\n\nTAGS").replace("\nSUBJECT", "\n\nSUBJECT")
    cable = parse_source(source(spaced.replace("\nBORDER\n", "\n\nSummary: the minister spoke.\n")))
    assert cable.subject.text == "TALKS WITH THE FOREIGN MINISTER ON THE"


def test_the_real_double_spaced_export_keeps_its_subject_whole():
    from conftest import CORPUS
    from cablelint.source import read_path

    cable = parse_source(read_path(str(CORPUS / "05BUENOSAIRES496.txt")))
    assert cable.subject.text == ("AMBASSADOR TRAVELS TO SALTA TO MEET WITH GOVERNOR, COUNTERNARCOTICS "
                                  "OFFICIALS AND BUSINESS LEADERS")


@pytest.mark.parametrize("line, word, col", [
    ("AMEMBASSY LONDON PRIORITYS E C R E T DOHA 001093", "S E C R E T", 26),
    ("INFO AMEMBASSY HANOIUNCLAS SECTION 01 OF 03 HO CHI MINH CITY 000838", "UNCLAS", 21),
    ("the original cable is not available.UNCLAS SECTION 01 OF 02 ADANA 0386", "UNCLAS", 37),
])
def test_a_classification_line_run_onto_the_line_before_it(line, word, col):
    # an export that lost the line break before the classification line: after the last
    # addressee, or after an archive's note; a record's level above is a stand-in only
    cable = parse_source(source(f"UNCLASSIFIED\nFM AMEMBASSY DOHA\n{line}\n\nE.O. 12958: N/A\n"))
    assert (cable.banner.word, cable.banner.span.line, cable.banner.span.col) == (word, 3, col)
    # a level word right after a word, without the post and serial or the section, is text
    cable = parse_source(source("UNCLASSIFIED\nTHE MEMO WAS MARKEDSECRET AND SENT\n\nE.O. 12958: N/A\n"))
    assert (cable.banner.word, cable.banner.span.line) == ("UNCLASSIFIED", 1)
