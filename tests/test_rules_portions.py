"""POR rules: unmarked, malformed and unknown portion marks, controls at the wrong level, style."""

from datetime import date

import pytest

from cablelint.parse import parse_source

from conftest import diagnostics, fixed, source

AS_OF = date(2009, 11, 5)
C_BANNER = "C O N F I D E N T I A L STATE 000001\n"


def found(text, code):
    return [(d.span.line, d.span.col, d.severity.label, d.message)
            for d in diagnostics(text, [code], AS_OF)]


def test_unmarked_paragraph_in_a_classified_cable():
    text = C_BANNER + "1. (C) First.\n2. Second.\n"
    assert found(text, "POR001") == [(3, 1, "error", "paragraph 2 has no portion mark in a "
                                      "CONFIDENTIAL cable; its classification, e.g. (U), goes right "
                                      "after the number")]


def test_unmarked_paragraph_where_others_are_marked_is_an_error_even_unclassified():
    text = "UNCLAS STATE 000001\n¶1. (SBU) First.\n¶2. Second.\n"
    assert found(text, "POR001") == [(3, 1, "error", "paragraph 2 has no portion mark where other "
                                      "portions are marked; its classification, e.g. (U), goes right "
                                      "after the number")]


def test_wholly_unmarked_unclassified_cable_is_info():
    text = "UNCLAS STATE 000001\n1. First.\n2. Second.\n"
    assert [(f[0], f[2]) for f in found(text, "POR001")] == [(2, "info"), (3, "info")]


def test_unmarked_cable_from_before_portion_marks_were_required_is_info():
    def cable(dtg):
        return f"R {dtg}\nFM SECSTATE WASHDC\nC O N F I D E N T I A L STATE 000001\n1. First.\n2. Second.\n"
    got = found(cable("301200Z NOV 78"), "POR001")
    assert [(f[0], f[2]) for f in got] == [(4, "info"), (5, "info")]
    assert got[0][3] == ("paragraph 1 has no portion mark in a cable from before portion marks were "
                         "required (E.O. 12065, 1978-12-01); its classification, e.g. (U), goes right "
                         "after the number")
    assert [(f[0], f[2]) for f in found(cable("011200Z DEC 78"), "POR001")] == [(4, "error"), (5, "error")]


def test_classified_by_paragraph_is_not_a_portion():
    text = C_BANNER + "1. Classified by Ambassador Smith. Reason: 1.4 (d)\n2. (C) Text.\n"
    assert found(text, "POR001") == []


def test_unmarked_first_paragraph_after_the_reasons_on_the_classified_by_line():
    # 08OSLO458 with its first mark lost: "... for reasons 1.4 b and d 1. " / the text below
    text = C_BANNER + ("\nClassified By: Charge d'Affaires Kevin Johnson for reasons 1.4 b and d 1. \n"
                       "Norway's new government ...\n\n2. (C) Second.\n")
    assert found(text, "POR001") == [(3, 72, "error", "paragraph 1 has no portion mark in a "
                                      "CONFIDENTIAL cable; its classification, e.g. (U), goes right "
                                      "after the number")]
    assert diagnostics(text, ["PAR001"], AS_OF) == []


def test_unmarked_first_paragraph_merged_onto_the_ref_line():
    # 06BRASILIA2094: "REF: SECSTATE 165115 1. Post grants country clearance ..."
    text = ("UNCLAS STATE 000001\n\nREF: SECSTATE 165115 1. Post grants country clearance to "
            "Floyd A. James.\n\n2. (U) Second.\n")
    assert found(text, "POR001") == [(3, 22, "error", "paragraph 1 has no portion mark where other "
                                      "portions are marked; its classification, e.g. (U), goes right "
                                      "after the number")]
    cable = parse_source(source(text))
    assert [(r.label, r.text) for r in cable.refs] == [(None, "SECSTATE 165115")]
    assert [(p.written, p.number_span.line, p.number_span.col) for p in cable.paragraphs] == [
        ("1", 3, 22), ("2", 5, 1)]


def test_a_one_in_a_ref_line_is_no_paragraph_when_the_first_one_follows():
    text = C_BANNER + "\nREF: A. STATE 1. B. ROME 2\n\n1. (C) First.\n2. (C) Second.\n"
    cable = parse_source(source(text))
    assert [(r.label, r.text) for r in cable.refs] == [("A", "STATE 1."), ("B", "ROME 2")]
    assert [(p.written, p.number_span.line) for p in cable.paragraphs] == [("1", 5), ("2", 6)]
    assert found(text, "POR001") == []


def test_lower_case_mark_is_fixed_to_upper_case():
    text = C_BANNER + "1. (c) First.\n2. (S/Rel China) Second.\n"
    assert found(text, "POR002") == [
        (2, 4, "error", "paragraph 1: malformed portion mark (c) (lower case); meant (C)"),
        (3, 4, "error", "paragraph 2: malformed portion mark (S/Rel China) (lower case); meant (S/REL CHINA)"),
    ]
    assert fixed(text, ["POR002"], AS_OF) == C_BANNER + "1. (C) First.\n2. (S/REL CHINA) Second.\n"


def test_malformed_marks_name_the_intended_mark_and_only_blanks_inside_are_fixed():
    text = C_BANNER + "1. C) First.\n2. (CONFIDENTIAL) Second.\n3. ( S ) Third.\n4. (SECRET//NF) Fourth.\n"
    assert found(text, "POR002") == [
        (2, 4, "error", "paragraph 1: malformed portion mark C) (the opening parenthesis is missing); meant (C)"),
        (3, 4, "error", "paragraph 2: malformed portion mark (CONFIDENTIAL) (the level is spelled out; "
                        "a portion mark uses (C)); meant (C)"),
        (4, 4, "error", "paragraph 3: malformed portion mark ( S ) (spaces inside the parentheses); meant (S)"),
        (5, 4, "error", "paragraph 4: malformed portion mark (SECRET//NF) (the level is spelled out; "
                        "a portion mark uses (S)); meant (S//NF)"),
    ]
    assert fixed(text, ["POR002"], AS_OF) == text.replace("( S )", "(S)")
    assert [d.span.line for d in diagnostics(text, ["POR002"], AS_OF) if d.fix is not None] == [4]
    assert fixed(C_BANNER + "1. ( c ) First.\n", ["POR002"], AS_OF) == C_BANNER + "1. (C) First.\n"
    assert [(d.message, d.fix.description) for d in diagnostics(C_BANNER + "1. ( c ) First.\n", ["POR002"], AS_OF)] == [
        ("paragraph 1: malformed portion mark ( c ) (spaces inside the parentheses, lower case); meant (C)",
         "remove the blanks inside the parentheses and upper-case the mark: (C)")]


def test_mark_after_a_lead_in_label():
    text = C_BANNER + "1. Summary: (C) The talks went well.\n2. (C) More.\n"
    assert found(text, "POR002") == [(2, 13, "error", 'paragraph 1: the portion mark (C) comes after '
                                      '"Summary:" instead of right after the number')]
    assert found(text, "POR001") == []


@pytest.mark.parametrize("lead,col,label", [
    ("SUMMARY (C)", 12, "SUMMARY"), ("KEY POINTS -- (C)", 18, "KEY POINTS"),
    ("KEY POINTS \u2014 (C)", 17, "KEY POINTS"), ("Key Points: - (C)", 18, "Key Points:"),  # one dash, or an em dash
])
def test_mark_after_a_heading_or_a_label_and_a_dash(lead, col, label):
    text = C_BANNER + f"1. {lead} The talks went well.\n2. (C) More.\n"
    assert found(text, "POR002") == [(2, col, "error", f'paragraph 1: the portion mark (C) comes after '
                                      f'"{label}" instead of right after the number')]
    assert found(text, "POR001") == []


@pytest.mark.parametrize("words", ["AS REPORTED IN REF", "SEE PARA", "UNDER OPTION", "AS NOTED IN REFTEL"])
def test_a_letter_cited_after_words_in_capitals_is_no_mark(words):
    # 00HARARE2271, an unmarked UNCLAS cable in capitals: "¶19. AS REPORTED IN REF (C), UNDP
    # RESIDENT REPRESENTATIVE ..." read as a late mark (C) gave BAN002 and made the cable one
    # that marks its portions, so POR001 for each of its other 22 paragraphs
    text = f"UNCLAS STATE 000001\n1. FIRST.\n2. {words} (C), UNDP CHAIRED A MEETING.\n3. THIRD.\n"
    assert [d.code for d in diagnostics(text, ["BAN002", "POR"], AS_OF)] == ["POR001"] * 3
    assert {d.message.split(" in ")[-1] for d in diagnostics(text, ["POR001"], AS_OF)} == {
        "an unmarked unclassified cable; its classification, e.g. (U), goes right after the number"}


def test_a_parenthesis_after_words_in_lower_case_is_text():
    text = C_BANNER + "1. (C) One.\n2. The talks (C) went well.\n"
    assert found(text, "POR002") == []
    assert [f[:2] for f in found(text, "POR001")] == [(3, 1)]


def test_unknown_level_and_control():
    text = "S E C R E T STATE 000001\n1. (S/ZZ) First.\n2. (X) Second.\n"
    assert found(text, "POR003") == [
        (2, 4, "error", "paragraph 1: (S/ZZ): unknown control ZZ"),
        (3, 4, "error", "paragraph 2: (X): X is not a level (U, C, S, TS, or SBU)"),
    ]


def test_a_word_in_parentheses_in_a_cable_in_capitals_is_a_label_not_a_mark():
    # 09BERLIN1626 in capitals: "¶3. (IRAN) NEW PROTESTS" is as much a label as "(Iran)" is
    text = ("S E C R E T STATE 000001\n1. (S) ONE.\n2. (IRAN) NEW PROTESTS.\n3. (X) THREE.\n4. (SECERT) FOUR.\n"
            "5. (CONF) FIVE.\n")
    assert found(text, "POR003") == [
        (4, 4, "error", "paragraph 3: (X): X is not a level (U, C, S, TS, or SBU)"),
        (5, 4, "error", "paragraph 4: (SECERT): SECERT is not a level (U, C, S, TS, or SBU)"),
        (6, 4, "error", "paragraph 5: (CONF): CONF is not a level (U, C, S, TS, or SBU)"),  # a shortening
    ]
    assert [f[:2] for f in found(text, "POR001")] == [(3, 1)]


def test_unknown_control_in_the_banner():
    assert found("SECRET//ZZ/NOFORN\n1. (S//NF) Text.\n", "POR003") == [
        (1, 1, "error", "the classification line: ZZ/NOFORN: unknown control ZZ")]


def test_release_lists_are_not_unknown_controls():
    text = ("S E C R E T STATE 000001\n1. (C/REL NATO) A.\n2. (S//REL TO USA, AUS, GBR) B.\n"
            "3. (S/REL Germany) C.\n4. (S//REL MLT, GBR, AND GER) D.\n5. (C/REL NATO/ISAF) E.\n"
            "6. (TS//SI//NF) F.\n")
    assert found(text, "POR003") == []


def test_admin_control_on_a_classified_portion_and_orcon_on_unclassified():
    text = C_BANNER + "1. (C//SBU) A.\n2. (S/FOUO) B.\n3. (U//OC) C.\n4. (SBU/NF) D.\n"
    assert found(text, "POR004") == [
        (2, 4, "error", "paragraph 1 is marked (C//SBU): SBU marks unclassified information only, "
                        "not a CONFIDENTIAL portion"),
        (3, 4, "error", "paragraph 2 is marked (S/FOUO): FOUO marks unclassified information only, "
                        "not a SECRET portion"),
        (4, 4, "error", "paragraph 3 is marked (U//OC): ORCON applies to classified information only"),
    ]


def test_mixed_marking_style_reports_the_minority_mark_once():
    text = ("S E C R E T STATE 000001\nNOFORN\n1. (S//NF) A.\n2. (C) B.\n3. (S/NF) C.\n"
            "4. (S//NF) D.\n5. (C/NF) E.\n6. (C//NF) F.\n")
    assert found(text, "POR006") == [(5, 4, "info", "paragraph 3 is marked (S/NF) in the cable style (/) "
                                      "where 3 other marks use the CAPCO style (//)")]
    assert found("S E C R E T STATE 000001\n1. (S) A.\n2. (S//NF) B.\n", "POR006") == []


# ---------------------------------------------------------------- items: marks that begin a line

def items(text):
    from conftest import lint_text

    cable = lint_text(text, [], AS_OF).cable
    return [(cable.item_name(i), i.mark.raw, i.mark.span.line, i.mark.span.col, i.after_heading)
            for i in cable.items]


def codes(text, select):
    return [(d.code, d.span.line, d.span.col, d.message) for d in diagnostics(text, select, AS_OF)]


def test_a_marked_item_above_the_banner_is_found():
    text = (C_BANNER + "1. (C) Talking points:\n"
            "-- (C) We welcome the talks.\n"
            "-- (S//NF) We know what was said.\n"
            "2. (U) Second.\n")
    assert items(text) == [("the item at line 3 of paragraph 1", "(C)", 3, 4, False),
                           ("the item at line 4 of paragraph 1", "(S//NF)", 4, 4, False)]
    assert codes(text, ["BAN002", "DIS001"]) == [
        ("BAN002", 4, 4, "the item at line 4 of paragraph 1 is marked (S//NF) but the banner is "
                         "CONFIDENTIAL: the cable is at least SECRET, or the mark is too high"),
        ("DIS001", 4, 4, "the item at line 4 of paragraph 1 is marked (S//NF) but the cable has "
                         "no NOFORN caption or banner control"),
    ]


def test_dash_bullets_inside_a_line_are_items():
    # 09CAIRO1547: "1.Key Points: -- (SBU) Textile workers ... a strike. -- (C) The Muslim ..."
    # The first mark, right after the heading, is the paragraph's, misplaced (POR002); a dash
    # inside a word ("Two--(C)") is no bullet.
    text = C_BANNER + "1. Key Points: -- (C) One went on strike. -- (S//NF) Two--(C) three.\n2. (C) Next.\n"
    assert items(text) == [("the item at line 2 of paragraph 1", "(S//NF)", 2, 46, False)]
    assert [(c, ln, col) for c, ln, col, _ in codes(text, ["BAN002", "POR001"])] == [("BAN002", 2, 46)]


def test_items_numbered_with_roman_numerals_or_a_pilcrow_and_a_letter():
    # 09CIUDADJUAREZ27: "II. (U) Political Violence"; 09SANJOSE127: "¶A. (SBU) SOURCES OF ..."
    text = C_BANNER + "II. (U) Political Violence\n¶A. (S) Sources\n1. (C) First.\n"
    assert items(text) == [("the item at line 2", "(U)", 2, 5, False),
                           ("the item at line 3", "(S)", 3, 5, False)]
    assert [(c, ln) for c, ln, _, _ in codes(text, ["BAN002"])] == [("BAN002", 3)]


@pytest.mark.parametrize("number", ["#3.", "# 3.", "\u00a73.", "P3.", "PARA 3.", "PARAGRAPH 3:"])
def test_a_paragraph_numbered_with_another_sign_for_the_pilcrow_still_has_its_mark_read(number):
    # a drafter's "#3." or "P3." for "¶3.": not a paragraph number, but its mark is checked
    text = C_BANNER + f"1. (C) First.\n2. (C) Second.\n{number} (S//NF) Third.\n"
    col = len(number) + 2
    if number != "PARA 3.":  # that one is read as paragraph 3, its number after a word
        assert items(text) == [("the item at line 4 of paragraph 2", "(S//NF)", 4, col, False)]
    assert [(c, ln, cl) for c, ln, cl, _ in codes(text, ["BAN002", "DIS001"])] == [
        ("BAN002", 4, col), ("DIS001", 4, col)]
    assert items(C_BANNER + f"1. (C) First.\n2. (C) The {number} (S) is text.\n") == []


def test_an_unnumbered_first_paragraph_that_goes_on_in_the_classified_by_line():
    # 09MANAMA599: "Classified By: CDA ... FOR REASONS 1.4(B) AND (D). (C) CDA made ref A points ..."
    text = (C_BANNER + "Classified By: CDA A. B. FOR REASONS 1.4(B) AND (D). (S) CDA made ref A points.\n"
            "He said more.\n")
    assert items(text) == [("the item at line 2", "(S)", 2, 54, False)]
    assert [(c, ln, col) for c, ln, col, _ in codes(text, ["BAN002"])] == [("BAN002", 2, 54)]
    for reasons in ("1.4 (B) AND (C).", "1.4 (B), (C) and (D).", "1.4 (b), (d)"):
        assert items(C_BANNER + f"Classified By: CDA A. B. for reasons {reasons}\n1. (C) Text.\n") == [], reasons


def test_unnumbered_marked_paragraphs_are_portions():
    # 10BERLIN138, a letter: "(SBU) I have just returned ...", "(C) First and foremost, ..."
    text = C_BANNER + "Dear Madam Secretary,\n(SBU) I have just returned.\n\n(S) First and foremost.\n"
    assert items(text) == [("the item at line 3", "(SBU)", 3, 1, False),
                           ("the item at line 5", "(S)", 5, 1, False)]
    assert codes(text, ["BAN002", "POR001"]) == [
        ("BAN002", 5, 1, "the item at line 5 is marked (S) but the banner is CONFIDENTIAL: the "
                         "cable is at least SECRET, or the mark is too high")]


@pytest.mark.parametrize("line", [
    "(A) first, (B) second,", "(EGIS) Chief Omar Soliman", "(s) of the applicant", "(see below) for more",
    "(C)-like text", "Text (S) inside a line", "(U-boat) attacks", "(C - see below)", "(S and D)",
    "(SECRET REL INDIA)", "(SECRET//REL Armenia) YOVANOVITCH",
])
def test_parentheses_of_text_at_a_line_start_are_not_items(line):
    assert items(C_BANNER + "1. (C) First\n" + line + "\n2. (C) Second.\n") == []


@pytest.mark.parametrize("indent", ["", "  ", "\t"])
def test_a_lettered_list_is_not_read_as_marks(indent):
    # 06BUENOSAIRES109's questionnaire answers "(C) Within walking distance ...", indented or not
    text = (f"UNCLAS STATE 000001\n1. (U) Three points:\n{indent}(A) one;\n{indent}(B) two;\n"
            f"{indent}(C) three.\n2. (U) End.\n")
    assert items(text) == []
    assert codes(text, ["BAN002"]) == []


def test_a_heading_over_marked_items_needs_no_mark_of_its_own():
    # 09CAIRO1349: "¶1.  Key Points:" then "-- (S/NF) During a June 29 meeting ..."
    head = "S E C R E T STATE 000001\n"
    text = head + "1.  Key Points:\n\n-- (S/NF) One.\n\n-- (S/NF) Two.\n\n2. (S/NF) Next.\n"
    assert [i[-1] for i in items(text)] == [True, False]
    assert codes(text, ["POR001"]) == []
    prose = head + "1. We met the minister today and discussed two things:\n-- (S/NF) One.\n2. (S/NF) Next.\n"
    assert [(c, ln) for c, ln, _, _ in codes(prose, ["POR001"])] == [("POR001", 2)]


def test_real_cables_with_marked_items():
    from conftest import CORPUS, lint_text

    berlin = lint_text((CORPUS / "10BERLIN138.txt").read_text(encoding="utf-8"), [], AS_OF).cable
    assert [(i.mark.raw, i.mark.span.line) for i in berlin.items][:3] == [("(SBU)", 48), ("(C)", 51), ("(C)", 60)]
    assert len(berlin.items) == 10 and berlin.paragraphs == ()
    cairo = (CORPUS / "09CAIRO1349.txt").read_text(encoding="utf-8")
    assert codes(cairo, ["POR001"]) == []


@pytest.mark.parametrize("written, problem, meant", [
    ("(S\\NF)", "a backslash where a slash belongs", "(S/NF)"),
    ("[C]", "square brackets where parentheses belong", "(C)"),
    ("[S//NF]", "square brackets where parentheses belong", "(S//NF)"),
    ("{S}", "braces where parentheses belong", "(S)"),
    ("<S/NF>", "angle brackets where parentheses belong", "(S/NF)"),
])
def test_a_mark_typed_with_a_backslash_or_brackets_is_malformed_and_still_a_portion(written, problem, meant):
    text = C_BANNER + f"1. (C) First.\n2. {written} Second.\n"
    assert found(text, "POR002") == [
        (3, 4, "error", f"paragraph 2: malformed portion mark {written} ({problem}); meant {meant}")]
    assert [d.code for d in diagnostics(text, ["POR001", "BAN002"], AS_OF)] == (
        [] if meant == "(C)" else ["BAN002"])


def test_a_blank_typed_for_the_slash_is_malformed_and_read_as_the_mark_meant():
    text = "S E C R E T STATE 000001\n1. (S NF) First.\n2. (S) Second.\n"
    assert found(text, "POR002") == [
        (2, 4, "error", "paragraph 1: malformed portion mark (S NF) (a blank where a slash belongs); meant (S/NF)")]
    assert [(d.code, d.span.line) for d in diagnostics(text, ["DIS001"], AS_OF)] == [("DIS001", 2)]


@pytest.mark.parametrize("written, typed, meant", [
    ("(S.NF)", '"."', "(S/NF)"), ("(S:NF)", '":"', "(S/NF)"), ("(S;NF)", '";"', "(S/NF)"),
    ("(S, NF)", '","', "(S/NF)"), ("(S NOFORN)", "a blank", "(S/NOFORN)"),
    ("(C.REL TO USA, GBR)", '"."', "(C/REL TO USA, GBR)"),
])
def test_a_stop_typed_for_the_slash_is_malformed_and_read_as_the_mark_meant(written, typed, meant):
    text = C_BANNER + f"1. (C) First.\n2. {written} Second.\n"
    assert found(text, "POR002") == [
        (3, 4, "error", f"paragraph 2: malformed portion mark {written} ({typed} where a slash belongs); meant {meant}")]
    assert [d.code for d in diagnostics(text, ["POR001", "BAN002", "DIS001"], AS_OF)] == (
        ["BAN002", "DIS001"] if "NF" in meant or "NOFORN" in meant else [])


@pytest.mark.parametrize("written", ["(U.S. policy)", "(C.O.D.)", "(S.A. Smith)"])
def test_abbreviations_after_a_number_are_no_mark(written):
    text = C_BANNER + f"1. (C) First.\n2. {written} Second.\n"
    assert [d.code for d in diagnostics(text, ["POR001", "POR002"], AS_OF)] == ["POR001"]


@pytest.mark.parametrize("written, level", [
    ("(S//REL)", "SECRET"), ("(S-REL)", "SECRET"), ("(TS//SI//REL)", "TOP SECRET"),
    ("(SECRET REL INDIA)", "SECRET"),
])
def test_a_mark_that_does_not_parse_is_still_read_for_its_level(written, level):
    # "(S//REL)" names no countries; its paragraph is still SECRET, above this classification line.
    text = C_BANNER + f"1. (C) First.\n2. {written} Second.\n"
    assert found(text, "POR002") == [
        (3, 4, "error", f"paragraph 2: the portion mark {written} does not parse; read for its level, {level}")]
    assert [(d.code, d.span.line) for d in diagnostics(text, ["BAN002"], AS_OF)] == [("BAN002", 3)]


def test_words_in_parentheses_after_a_number_are_not_read_for_a_level():
    text = C_BANNER + "1. (C) First.\n2. (C and D) Second.\n"
    assert found(text, "POR002") == [(3, 4, "error", "paragraph 2: (C and D) does not parse as a portion mark")]
    assert diagnostics(text, ["BAN002"], AS_OF) == []


@pytest.mark.parametrize("line, raw, col", [
    ("-- (S//REL) We know what was said.", "(S//REL)", 4),
    ("(S//REL) The Community assesses that ...", "(S//REL)", 1),
    ("--(S/Rel Pak) We appreciate your efforts.", "(S/Rel Pak)", 3),
])
def test_a_malformed_mark_of_a_level_and_more_at_a_line_start_is_an_item(line, raw, col):
    text = C_BANNER + "1. (C) First:\n" + line + "\n2. (C) Second.\n"
    assert items(text) == [("the item at line 3 of paragraph 1", raw, 3, col, False)]
    assert [(d.code, d.span.line, d.span.col) for d in diagnostics(text, ["POR002", "BAN002"], AS_OF)] == [
        ("BAN002", 3, col), ("POR002", 3, col)]


@pytest.mark.parametrize("line", [
    "o (S) A sub-bullet typed as the letter o.", "\u2013 (S) An en dash.", "\u2014 (S) An em dash.",
    "\u25aa (S) A square bullet.", "\u25e6 (S) A white bullet.", "+ (S) A plus.",
])
def test_marked_items_after_other_bullets(line):
    text = C_BANNER + "1. (C) First:\n" + line + "\n2. (C) Second.\n"
    assert items(text) == [("the item at line 3 of paragraph 1", "(S)", 3, 3, False)]
    assert [(d.code, d.span.line, d.span.col) for d in diagnostics(text, ["BAN002"], AS_OF)] == [("BAN002", 3, 3)]


@pytest.mark.parametrize("lead", ["2.a. ", "2a. ", "2A) ", "2(a) ", "2.1 ", "2.1. ", "¶2.b. "])
def test_marked_subparagraphs_are_items(lead):
    text = C_BANNER + "1. (C) First.\n2. (C) Three things:\n" + lead + "(S) A secret one.\n3. (C) Third.\n"
    col = len(lead) + 1
    assert items(text) == [("the item at line 4 of paragraph 2", "(S)", 4, col, False)]
    assert [(d.code, d.span.line, d.span.col) for d in diagnostics(text, ["BAN002", "PAR"], AS_OF)] == [
        ("BAN002", 4, col)]


@pytest.mark.parametrize("label", ["Summary: ", "Key points: -- ", "Begin text:  ", "  As the minister put it: ",
                                   "SUMMARY ", "Summary.  ", "COMMENT -- "])
def test_a_mark_after_a_label_or_a_block_word_at_a_line_start_is_an_item(label):
    # 09ISLAMABAD155's unnumbered summary before its first paragraph: "Summary: (C) In a
    # January 20 meeting ..."; with (S) in a CONFIDENTIAL cable it went unreported
    text = C_BANNER + f"{label}(S) The minister agreed.\n\n1. (C) First.\n"
    col = len(label) + 1
    assert items(text) == [("the item at line 2", "(S)", 2, col, False)]
    assert [(d.code, d.span.line, d.span.col) for d in diagnostics(text, ["BAN002", "POR"], AS_OF)] == [
        ("BAN002", 2, col)]
    # a lettered list's third item after a label stays text; so does a mark after a long lead-in
    assert items(C_BANNER + "1. (C) Three options:\n(A) wait;\n(B) act;\nOr else: (C) do nothing.\n") == []
    assert items(C_BANNER + "1. (C) First.\nThe minister and his deputy told us: (S) we agree.\n") == []


def test_real_cables_with_malformed_marks_on_items():
    from conftest import CORPUS, lint_text

    # 09ISLAMABAD365's talking points: "-- (S/Rel Pak) ...", once "--(C/Rel Pak) ..."
    islamabad = lint_text((CORPUS / "09ISLAMABAD365.txt").read_text(encoding="utf-8"), [], AS_OF).cable
    assert [(i.mark.raw, i.mark.span.line) for i in islamabad.items] == [
        ("(S/Rel Pak)", 119), ("(C/Rel Pak)", 120)] + [("(S/Rel Pak)", n) for n in range(121, 127)]
    # 09STATE83026's unnumbered paragraphs marked "(S//REL)" (read now) among "(U//FOUO)" ones
    # (read before), one heading "(C//REL)"
    state = lint_text((CORPUS / "09STATE83026.txt").read_text(encoding="utf-8"), [], AS_OF).cable
    assert [(i.mark.raw, i.mark.span.line, i.mark.marking.level) for i in state.items] == [
        ("(U//FOUO)", 54, "U"), ("(S//REL)", 56, "S"), ("(S//REL)", 57, "S"), ("(S//REL)", 58, "S"),
        ("(C//REL)", 60, "C"), ("(S//REL)", 61, "S"), ("(U//FOUO)", 68, "U"), ("(S//REL)", 69, "S"),
        ("(S//REL)", 70, "S"), ("(U//FOUO)", 72, "U"), ("(S//REL)", 73, "S"), ("(S//REL)", 74, "S"),
        ("(U//FOUO)", 75, "U"), ("(S//REL)", 76, "S")]
    # 08STATE23763's talking points are headed by their own classification line, no portion
    talking = lint_text((CORPUS / "08STATE23763.txt").read_text(encoding="utf-8"), [], AS_OF).cable
    assert talking.items == ()


def test_brackets_around_text_after_a_number_are_no_mark():
    text = C_BANNER + "1. (C) First.\n2. [See below] Second.\n"
    assert [d.code for d in diagnostics(text, ["POR001", "POR002"], AS_OF)] == ["POR001"]


SUBJECT_CABLE = (C_BANNER + "\nE.O. 12958: DECL: 11/05/2019\nTAGS: PREL UZ\nSUBJECT: {subject}\n\n"
                 "Classified By: A. Officer, reasons 1.4 (b) and (d).\n\n1. (C) First.\n2. (C) Second.\n")


@pytest.mark.parametrize("subject, raw, col, problem", [
    ("S) TALKS", "S)", 10, "malformed portion mark S) (the opening parenthesis is missing); meant (S)"),
    ("(S TALKS", "(S", 10, "malformed portion mark (S (the closing parenthesis is missing); meant (S)"),
    ("(S//NF TALKS", "(S//NF", 10,
     "malformed portion mark (S//NF (the closing parenthesis is missing); meant (S//NF)"),
    ("(S/NF/PR TALKS", "(S/NF/PR", 10,
     "malformed portion mark (S/NF/PR (the closing parenthesis is missing); meant (S/NF/PR)"),
    ("[S] TALKS", "[S]", 10, "malformed portion mark [S] (square brackets where parentheses belong); meant (S)"),
    ("NIGERIA: (S) TALKS", "(S)", 19, 'the portion mark (S) comes after "NIGERIA:" instead of right after SUBJECT:'),
    ("(S.NF) TALKS", "(S.NF)", 10, 'malformed portion mark (S.NF) ("." where a slash belongs); meant (S/NF)'),
])
def test_a_subject_mark_with_a_slip_is_read_for_its_level(subject, raw, col, problem):
    text = SUBJECT_CABLE.format(subject=subject)
    got = diagnostics(text, ["POR002", "POR005", "BAN002"], AS_OF)
    assert [(d.code, d.span.line, d.span.col, d.message) for d in got] == [
        ("BAN002", 5, col, f"the subject is marked {raw} but the banner is CONFIDENTIAL: the cable is at least "
                           "SECRET, or the mark is too high"),
        ("POR002", 5, col, f"the subject: {problem}")]


@pytest.mark.parametrize("subject", ["U.S.-CHINA TALKS", "A) FIRST OF TWO", "(EMBASSY VIEW) TALKS", "TALKS ON 1267 (AL-QAIDA)"])
def test_a_subject_without_a_mark_is_reported_unmarked(subject):
    got = diagnostics(SUBJECT_CABLE.format(subject=subject), ["POR002", "POR005"], AS_OF)
    assert [(d.code, d.span.line) for d in got] == [("POR005", 5)]


def test_a_letter_and_a_parenthesis_after_a_number_is_a_list_label_not_a_mark():
    text = C_BANNER + "1. (C) First.\n2. A) The first of two.\n3. C) Third.\n"
    got = diagnostics(text, ["POR001", "POR002", "POR003"], AS_OF)
    assert [(d.code, d.span.line) for d in got] == [("POR001", 3), ("POR002", 4)]
