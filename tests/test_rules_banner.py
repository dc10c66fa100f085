"""BAN rules: the classification line, its level against the portions, LOU, sections."""

from datetime import date

from cablelint.parse import parse_source

from conftest import diagnostics, source

AS_OF = date(2009, 11, 5)


def found(text, code, as_of=AS_OF, path="draft.txt"):
    return [(d.span.line, d.span.col, d.severity.label, d.message)
            for d in diagnostics(text, [code], as_of, path)]


def test_missing_banner_points_at_the_first_element():
    text = "\nE.O. 12958: DECL: 11/05/2019\nTAGS: PREL\n1. (C) Text.\n"
    assert found(text, "BAN001") == [(2, 1, "error", "no classification line (UNCLAS, "
                                      "C O N F I D E N T I A L, S E C R E T ...) above the captions "
                                      "and the E.O. line")]


def test_banner_present_in_either_style():
    for banner in ("C O N F I D E N T I A L STATE 000001", "SECRET//NOFORN", "UNCLAS",
                   "CLASSIFICATION: SECRET"):
        assert found(f"{banner}\nE.O. 12958: N/A\n1. (U) Text.\n", "BAN001") == []


def test_portion_above_banner_cable_and_capco_style():
    text = "C O N F I D E N T I A L STATE 000001\nSUBJECT: (S) Talks\n1. (C) First.\n2. (S//NF) Second.\n"
    assert found(text, "BAN002") == [
        (2, 10, "error", "the subject is marked (S) but the banner is CONFIDENTIAL: the cable is at "
                         "least SECRET, or the mark is too high"),
        (4, 4, "error", "paragraph 2 is marked (S//NF) but the banner is CONFIDENTIAL: the cable is "
                        "at least SECRET, or the mark is too high"),
    ]


def test_portion_above_capco_banner_and_unclas():
    assert [f[:2] for f in found("CONFIDENTIAL//NOFORN\n1. (TS//NF) Text.\n", "BAN002")] == [(2, 4)]
    assert [f[:2] for f in found("UNCLAS STATE 000001\n1. (C) Text.\n", "BAN002")] == [(2, 4)]
    assert found("S E C R E T STATE 000001\n1. (S/NF) A.\n2. (SBU) B.\n", "BAN002") == []


def test_banner_above_every_portion():
    text = "S E C R E T STATE 000001\n1. (C) First.\n2. (U) Second.\n"
    assert found(text, "BAN003") == [(1, 1, "warning", "the banner is SECRET but no portion is above "
                                      "CONFIDENTIAL (highest: paragraph 1); over-classified unless "
                                      "classified by compilation")]


def test_banner_above_portions_quiet_when_a_portion_may_be_missing():
    # an unmarked paragraph, a gap in the numbering, no numbered paragraph at all
    for body in ("1. (C) First.\n2. Second.\n", "2. (C) Second.\n3. (U) Third.\n",
                 "SUBJECT: (U) Talks\n(U) One paragraph.\n"):
        assert found("S E C R E T STATE 000001\n" + body, "BAN003") == []


def test_invalid_classification_words():
    cases = {
        "SECRET SENSITIVE STATE 000001": "SECRET SENSITIVE is not an authorized classification: the "
            "levels are TOP SECRET, SECRET, CONFIDENTIAL; SENSITIVE is a caption of unclassified cables",
        "AGENCY CONFIDENTIAL STATE 000001": "AGENCY CONFIDENTIAL is not an authorized classification: "
            "the levels are TOP SECRET, SECRET, CONFIDENTIAL",
        "SBU STATE 000001": "SBU is not an authorized classification: SBU is an administrative "
            "control: the line reads UNCLAS, with the SENSITIVE caption",
        "FOUO STATE 000001": "FOUO is not an authorized classification: FOUO is an administrative "
            "control: the line reads UNCLASSIFIED//FOR OFFICIAL USE ONLY",
    }
    for banner, message in cases.items():
        assert found(f"{banner}\nE.O. 12958: N/A\n1. (U) Text.\n", "BAN004") == [(1, 1, "error", message)]
    assert found("SECRET STATE 000001\n1. (S) Text.\n", "BAN004") == []
    # with a SECTION, as a multi-section cable writes it (06BRASILIA1618's shape): it was no
    # classification line at all, and only BAN001 was said
    text = "SBU SECTION 01 OF 11 BRASILIA 001618\nE.O. 12958: N/A\n1. (U) Text.\n"
    assert found(text, "BAN004") == [(1, 1, "error", cases["SBU STATE 000001"])]
    assert found(text, "BAN001") == []


def dated(day_month_year: str) -> str:
    return (f"R {day_month_year}\nFM SECSTATE WASHDC\nLIMITED OFFICIAL USE STATE 000001\n"
            f"E.O. 12356: N/A\n1. (LOU) Text.\n")


def test_lou_boundary_is_1995_10_01():
    assert found(dated("301200Z SEP 95"), "BAN005") == []
    got = found(dated("011200Z OCT 95"), "BAN005")
    assert [g[:3] for g in got] == [(3, 1, "warning"), (5, 4, "warning")]
    assert got[0][3] == ("LIMITED OFFICIAL USE on the classification line of a cable dated 1995-10-01: "
                         "replaced on 1995-10-01 by SBU (UNCLAS with the SENSITIVE caption, portions (SBU))")
    assert got[1][3].startswith("LIMITED OFFICIAL USE on paragraph 1 ((LOU)) of a cable dated 1995-10-01")


def test_lou_merged_after_the_cable_date_is_read():
    # 09RIYADH1557's shape, "Cable dated:2009-11-23T14:44:00UNCLAS SECTION ...", written LOU
    text = ("Cable dated:2009-11-23T14:44:00LIMITED OFFICIAL USE SECTION 01 OF 04 RIYADH 001557\n"
            "E.O. 12958: N/A\n1. (U) Text.\n")
    assert [g[:3] for g in found(text, "BAN005", path="09RIYADH1557.txt")] == [(1, 32, "warning")]
    assert found(text, "BAN001", path="09RIYADH1557.txt") == []


def test_lou_with_only_the_year_known():
    text = "LIMITED OFFICIAL USE STATE 000001\n1. (U) Text.\n"
    got = found(text, "BAN005", path="95STATE1234.txt")
    assert [g[:3] for g in got] == [(1, 1, "warning")]
    assert "dated 1995 (the day is unknown: it may precede 1995-10-01)" in got[0][3]
    assert found(text, "BAN005", path="94STATE1234.txt") == []
    assert [g[:2] for g in found(text, "BAN005", path="96STATE1234.txt")] == [(1, 1)]


def test_section_numbers_that_cannot_be():
    for sec, message in (("00 OF 03", "SECTION 00 OF 03: sections are numbered from 1"),
                         ("03 OF 02", "SECTION 03 OF 02: section 3 of only 2"),
                         ("01 OF 00", "SECTION 01 OF 00: a cable has at least one section")):
        text = f"C O N F I D E N T I A L SECTION {sec} STATE 000001\n1. (C) Text.\n"
        assert found(text, "BAN006") == [(1, 25, "error", message)]


def test_sections_out_of_order_in_a_merged_text():
    head = "C O N F I D E N T I A L SECTION {} OF 03 HARARE 006677\n"
    text = (head.format("01") + "1. (C) One.\n" + head.format("03") + "2. (C) Two.\n"
            + head.format("02") + "3. (C) Three.\n")
    assert found(text, "BAN006") == [(5, 25, "error", "SECTION 02 OF 03: section 2 comes after section 3")]


def test_repeated_header_and_pages_in_order_are_fine():
    head = "C O N F I D E N T I A L SECTION 01 OF 02 OSLO 000458\n"
    text = head + "1. (C) One.\n" + head + "2. (C) Two.\nOSLO 00000458  002 OF 002\n3. (C) Three.\n"
    assert found(text, "BAN006") == []


def test_a_later_section_whose_classification_line_gives_another_level():
    head = "C O N F I D E N T I A L SECTION 01 OF 02 OSLO 000458\n1. (C) One.\n"
    for line, col, says in (("S E C R E T SECTION 02 OF 02 OSLO 000458", 12, "SECRET"),
                            ("CONFIDENTIAL//NOFORN SECTION 02 OF 02 OSLO 000458", 13, "CONFIDENTIAL//NOFORN"),
                            ("UNCLAS SECTION 02 OF 02 OSLO 000458", 7, "UNCLASSIFIED")):
        d = diagnostics(head + line + "\n2. (C) Two.\n", ["BAN006"], AS_OF)
        assert [(x.span.line, x.span.col, x.span.end_col, x.message) for x in d] == [
            (3, 1, col, f"SECTION 02 OF 02: its classification line says {says}, the first section's CONFIDENTIAL")]


def test_sections_that_agree_or_belong_to_another_cable_are_not_compared():
    head = "C O N F I D E N T I A L SECTION 01 OF 02 OSLO 000458\n1. (C) One.\n"
    for line in ("CONFIDENTIAL SECTION 02 OF 02 OSLO 000458",  # the same level, written unspaced
                 "S E C R E T SECTION 02 OF 02 STATE 000123"):  # a quoted cable's line
        assert found(head + line + "\n2. (C) Two.\n", "BAN006") == []


def test_sections_whose_controls_are_written_otherwise_say_the_same():
    for first, later in (("SECRET//NOFORN", "SECRET//NF"), ("SECRET//NOFORN//ORCON", "SECRET//ORCON//NOFORN"),
                         ("SECRET//REL TO USA, GBR", "SECRET//REL TO GBR, USA"),
                         ("S E C R E T//NOFORN", "SECRET//NOFORN")):
        text = f"{first} SECTION 01 OF 02 OSLO 000458\n1. (S) One.\n{later} SECTION 02 OF 02 OSLO 000458\n2. (S) Two.\n"
        assert found(text, "BAN006") == [], later
    text = ("SECRET//NOFORN SECTION 01 OF 02 OSLO 000458\n1. (S) One.\n"
            "SECRET//ORCON SECTION 02 OF 02 OSLO 000458\n2. (S) Two.\n")
    assert found(text, "BAN006") == [(3, 1, "error", "SECTION 02 OF 02: its classification line says "
                                                     "SECRET//ORCON, the first section's SECRET//NOFORN")]


def test_real_merged_sections_with_one_level_changed():
    from conftest import CORPUS

    text = (CORPUS / "00HARARE6677.txt").read_text(encoding="utf-8")
    assert found(text, "BAN006", path="00HARARE6677.txt") == []
    changed = text.replace("C O N F I D E N T I A L SECTION 03 OF 03", "S E C R E T SECTION 03 OF 03")
    assert found(changed, "BAN006", path="00HARARE6677.txt") == [
        (75, 1, "error", "SECTION 03 OF 03: its classification line says SECRET, the first section's CONFIDENTIAL")]


def test_page_break_total_disagrees():
    text = ("C O N F I D E N T I A L SECTION 01 OF 02 OSLO 000458\n1. (C) One.\n"
            "OSLO 00000458  002 OF 003\n2. (C) Two.\n")
    assert found(text, "BAN006") == [(3, 16, "error", "page-break line 002 OF 003: the total differs "
                                      "from the 2 sections stated before")]


FRONT = ("C O N F I D E N T I A L SECTION 01 OF 03 ROME 001187\n\nSIPDIS\n\nE.O. 12958: DECL: 10/23/2026\n"
         "TAGS: PGOV, PREL, IT\nSUBJECT: ITALY: SCANDALS TAKING TOLL ON\nPERSONAL AND POLITICAL HEALTH\n\n"
         "REF: ROME 1143\n")


def test_page_break_in_the_front_matter_is_a_page_not_a_reference():
    text = FRONT + ("ROME 00001187 001.2 OF 003\n\nClassified By: Ambassador David H. Thorne for reasons "
                    "1.4 (b) and (d).\n\n\u00b61. (C) One.\n")
    c = parse_source(source(text))
    assert [r.text for r in c.refs] == ["ROME 1143"]
    assert [(s.kind, s.number, s.total, s.span.line) for s in c.sections] == [("banner", 1, 3, 1), ("page", 1, 3, 11)]
    assert [(b.line, b.col, b.end_col) for b in c.page_breaks] == [(11, 1, 27)]
    assert c.authority.letters == ("b", "d")
    assert found(text, "BAN006") == []


def test_page_break_between_the_lines_of_a_subject():
    text = FRONT.replace("ON\nPERSONAL", "ON\nROME 00001187 001.2 OF 003\nPERSONAL") + "\n\u00b61. (C) One.\n"
    c = parse_source(source(text))
    assert c.subject.text == "ITALY: SCANDALS TAKING TOLL ON PERSONAL AND POLITICAL HEALTH"


def test_page_break_total_disagrees_in_the_front_matter():
    text = FRONT + "ROME 00001187 001.2 OF 004\n\n\u00b61. (C) One.\n"
    assert found(text, "BAN006") == [(11, 15, "error", "page-break line 001 OF 004: the total differs "
                                      "from the 3 sections stated before")]


def test_paragraph_that_begins_after_a_page_break_in_the_same_line():
    text = FRONT + "LONDON 00001886  001.2 OF 003    1.  (C) Text.\n\n2. (C) Two.\n"
    c = parse_source(source(text))
    assert [(p.written, p.number_span.line, p.number_span.col, p.mark.raw) for p in c.paragraphs] == [
        ("1", 11, 34, "(C)"), ("2", 13, 1, "(C)")]
    assert [(s.kind, s.number, s.span.line) for s in c.sections] == [("banner", 1, 1), ("page", 1, 11)]
    assert [d.code for d in diagnostics(text, ["PAR"], AS_OF)] == []
