"""SRC: decoding notes, unreadable files, and structural lines that do not parse."""

import codecs
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cablelint.app import app
from cablelint.engine import select_rules
from cablelint.lint import lint
from cablelint.parse import parse_source
from cablelint.runner import Options, lint_path
from cablelint.source import decode

from conftest import CORPUS, SEED, diagnostics, findings, source

AS_OF = date(2009, 11, 5)


def read(path):
    return path.read_text(encoding="utf-8")


def src(text, code="SRC"):
    return [(d.code, d.span.line, d.span.col, d.severity.label, d.message)
            for d in diagnostics(text, [code], AS_OF)]


def test_cp1252_fallback_points_at_the_first_byte_that_is_not_utf8():
    assert src("UNCLAS STATE 000001\nSUBJECT: Caf\\xe9 \\x93talks\\x94\n") == [
        ("SRC001", 2, 13, "warning", "the file is not valid UTF-8 (first here, byte 0xE9); it was "
         "read as cp1252, which makes that byte 'é', and positions are exact for that")]


def test_cp1252_after_a_utf8_bom_counts_from_the_text():
    data = codecs.BOM_UTF8 + b"UNCLAS STATE 000001\n\x93x\n"
    res = lint(decode(data, "draft.txt"), select_rules(["SRC001"]))
    assert [(d.span.line, d.span.col, d.span.start) for d in res.diagnostics] == [(2, 1, 20)]


def test_utf8_utf16_and_ascii_are_quiet():
    for data in ("UNCLAS STATE 000001\nSUBJECT: “Café”\n".encode("utf-8"),
                 codecs.BOM_UTF16_LE + "UNCLAS STATE 000001\n".encode("utf-16-le")):
        res = lint(decode(data, "draft.txt"), select_rules(["SRC"]))
        assert res.diagnostics == []


def test_binary_file_is_one_src002_finding_and_nothing_else(tmp_path):
    path = tmp_path / "x.txt"
    path.write_bytes(b"C O N F I D E N T I A L STATE 000001\n1. (S) Text.\x00\n")
    res = lint_path(str(path), Options(rules=tuple(select_rules())))
    assert res.cable is None
    assert [(d.code, d.span.line, d.span.col, d.severity.label, d.message) for d in res.diagnostics] == [
        ("SRC002", 1, 1, "error", "binary file (contains NUL bytes); nothing else is checked in this file")]


def test_unreadable_file_without_src002_selected_has_no_finding(tmp_path):
    path = tmp_path / "x.txt"
    path.write_bytes(b"\x00")
    res = lint_path(str(path), Options(rules=tuple(select_rules(["PAR"]))))
    assert res.diagnostics == [] and res.read_error


def test_cli_reports_src002_keeps_status_2_and_checks_the_other_files(tmp_path):
    path = tmp_path / "x.txt"
    path.write_bytes(b"\x00\x01")
    r = CliRunner().invoke(app, ["check", "--format", "concise", str(path), str(SEED)])
    assert r.exit_code == 2
    assert r.stderr.strip().splitlines() == [
        f"cablelint: error: {path}: binary file (contains NUL bytes), not checked"]
    lines = r.stdout.splitlines()
    assert lines[0] == f"{path}:1:1: SRC002 binary file (contains NUL bytes); nothing else is checked in this file"
    assert any(" PAR002 " in line for line in lines[1:])


def test_unparsed_line_says_what_was_expected():
    text = "C O N F I D E N T I A L TASHKENT 001571\nE.O. 12958: N/A AGS: PREL\n"
    assert src(text) == [
        ("SRC003", 2, 1, "warning", "this line does not parse: expected an E.O. line such as "
         "E.O. 12958: DECL: 11/05/2019")]


def test_damaged_banner_is_unrecognized():
    assert findings("C O N F I D E N T I A L ECTION 01 OF 02 MANAMA 000492\n", ["SRC003"]) == [
        ("SRC003", 1, 1)]


@pytest.mark.parametrize("banner, written, meant, level", [
    ("C O N F I D E N T A I L STATE 000001", "C O N F I D E N T A I L", "CONFIDENTIAL", "C"),
    ("SECERT SECTION 01 OF 02 MINSK 000215", "SECERT", "SECRET", "S"),
    ("TOP SECERT STATE 000001", "TOP SECERT", "TOP SECRET", "TS"),
])
def test_a_misspelled_classification_line_is_read_with_the_level_it_means(banner, written, meant, level):
    text = (f"{banner}\n\nE.O. 12958: DECL: 11/05/2019\nTAGS: PREL UZ\nSUBJECT: (U) Talks\n\n"
            "1. (S) First.\n")
    assert src(text) == [
        ("SRC003", 1, 1, "warning", "this line does not parse: expected a classification line such as "
         f"C O N F I D E N T I A L TASHKENT 001571 ({written} is no classification level; read as {meant})")]
    got = diagnostics(text, ["BAN001", "BAN002"], AS_OF)
    assert [d.code for d in got] == (["BAN002"] if level == "C" else [])


@pytest.mark.parametrize("first", ["PRIORITY STATE 000001", "CONSULATE STATE 001234", "SUMMARY OF TALKS 2009"])
def test_a_line_that_is_no_misspelled_classification_line_is_not_read_as_one(first):
    text = f"{first}\n\nE.O. 12958: DECL: 11/05/2019\nTAGS: PREL UZ\nSUBJECT: (U) Talks\n\n1. (S) First.\n"
    assert [d.code for d in diagnostics(text, ["BAN001", "SRC003"], AS_OF)] == ["BAN001"]


def test_a_misspelled_caption_is_named():
    # 07MADRID1030: "SENSITVE, SIPDIS"; 09REYKJAVIK140: "SENSITIE"
    text = ("S E C R E T STATE 000001\n\nNOFRON\nSENSITVE, SIPDIS\nDEPT FOR EUR/RUS\nSIPDIS NOFORN\n\n"
            "E.O. 12958: DECL: 11/05/2019\nTAGS: PREL UZ\nSUBJECT: (U) Talks\n\n1. (S) First.\n")
    assert src(text) == [
        ("SRC003", 3, 1, "warning", "this line does not parse: expected a caption such as NOFORN or "
         "SIPDIS (NOFRON is no caption; NOFORN?)"),
        ("SRC003", 4, 1, "warning", "this line does not parse: expected a caption such as NOFORN or "
         "SIPDIS (SENSITVE is no caption; SENSITIVE?)"),
    ]
    assert [(d.code, d.span.line) for d in diagnostics(read(CORPUS / "09REYKJAVIK140.txt"), ["SRC003"], AS_OF)] == [
        ("SRC003", 16)]


def _one_edit_from(words):
    """A word one change, drop, insertion or swap of neighbours from one of `words`."""
    def edit(word, op, i, ch):
        i %= len(word) + 1
        return {"change": word[:i] + ch + word[i + 1:], "drop": word[:i] + word[i + 1:],
                "add": word[:i] + ch + word[i:],
                "swap": word[:i] + word[i + 1:i + 2] + word[i:i + 1] + word[i + 2:]}[op]

    return st.builds(edit, st.sampled_from(words), st.sampled_from(["change", "drop", "add", "swap"]),
                     st.integers(0, 12), st.sampled_from("ACDEFINORSTU")).filter(bool)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ABCDEFILNOPRSTUX", min_size=1, max_size=13)
       | _one_edit_from(["NOFORN", "SIPDIS", "SENSITIVE", "NODIS", "EXDIS", "CONFIDENTIAL", "SECRET", "UNCLAS"]))
def test_the_closest_caption_or_level_word_is_what_difflib_gives_over_all_of_them(word):
    import difflib

    from cablelint import lattice
    from cablelint.parse import _LEVEL_WORDS, CLOSE, _closest

    for words in (lattice.CAPTIONS, _LEVEL_WORDS):
        assert [_closest(word, words)] == (difflib.get_close_matches(word, words, n=1, cutoff=CLOSE) or [None])


def test_a_misspelled_caption_before_a_passing_instruction_is_named():
    # 05MUSCAT679's "SIPDIS PACOM FOR FPA AMB CHRISTY" with the caption misspelled
    head = "S E C R E T STATE 000001\n\n"
    tail = "\nE.O. 12958: DECL: 11/05/2019\nTAGS: PREL UZ\nSUBJECT: (U) Talks\n\n1. (S) First.\n"
    d = diagnostics(head + "SIPDSI PACOM FOR FPA AMB CHRISTY" + tail, ["SRC003"], AS_OF)
    assert [(x.span.line, x.span.col, x.span.end_col, x.message) for x in d] == [
        (3, 1, 7, "this line does not parse: expected a caption such as NOFORN or SIPDIS "
                  "(SIPDSI is no caption; SIPDIS?)")]
    d = diagnostics(head + "SIPDSI, PACOM FOR FPA AMB CHRISTY" + tail, ["SRC003"], AS_OF)  # the word, not its comma
    assert [(x.span.line, x.span.col, x.span.end_col) for x in d] == [(3, 1, 7)]
    for line in ("SIPDIS PACOM FOR FPA AMB CHRISTY", "STATE FOR EUR/RUS AND INR/B", "PASS TO NSC FOR SMITH"):
        assert diagnostics(head + line + tail, ["SRC003"], AS_OF) == [], line


def test_a_misspelled_caption_below_a_passing_line_or_before_an_export_s_backslash_is_named():
    # 08REYKJAVIK138's shape ("STATE FOR IO/T, EUR/NB" above the captions) and 06BERN1593's
    # ("SIPDIS \\" as the export left it): "SIPDSI" there went unreported
    text = ("UNCLAS REYKJAVIK 000138\n\nSTATE FOR IO/T, EUR/NB\n\nSIPDSI\n\nSENSTIVE \\\n\n"
            "E.O. 12958: N/A\nTAGS: AORC IC\nSUBJECT: (U) Talks\n\n1. (U) First.\n")
    got = diagnostics(text, ["SRC003"], AS_OF)
    assert [(d.span.line, d.span.col, d.span.end_col, d.message.split("(")[-1]) for d in got] == [
        (5, 1, 7, "SIPDSI is no caption; SIPDIS?)"), (7, 1, 9, "SENSTIVE is no caption; SENSITIVE?)")]
    # after the E.O. line, a short line in capitals is the subject's or a heading, no caption
    late = text.replace("SIPDSI\n\nSENSTIVE \\\n\n", "").replace("SUBJECT: (U) Talks\n", "SUBJECT: (U) Talks\nSIPDSI\n")
    assert diagnostics(late, ["SRC003"], AS_OF) == []


BANNER_C = "C O N F I D E N T I A L STATE 000001\n"
REST = "TAGS: PREL UZ\nSUBJECT: (U) Talks\n\n1. (C) First.\n"


@pytest.mark.parametrize("text,line,col", [
    (BANNER_C + "SENSITIVE SIPDSI\nE.O. 12958: N/A\n" + REST, 2, 11),  # 08LONDON2542's line
    (BANNER_C + "SIPDSI E.O. 12958: N/A\n" + REST, 2, 1),  # 08LONDON2261's
    ("C O N F I D E N T I A L STATE 000001 SIPDSI\nE.O. 12958: N/A\n" + REST, 1, 38),  # 07NASSAU273's
])
def test_a_misspelled_caption_after_captions_or_before_a_keyword_on_its_line_is_named(text, line, col):
    got = diagnostics(text, ["SRC003"], AS_OF)
    assert [(d.span.line, d.span.col, d.span.end_col, d.message.split("(")[-1]) for d in got] == [
        (line, col, col + 6, "SIPDSI is no caption; SIPDIS?)")]


ZERO, WRITTEN_OUT = "has a zero for the letter O", "written out"


@pytest.mark.parametrize("written,detail", [("E.0.", ZERO), ("E. 0.", ZERO), ("E0", ZERO), (
    "Executive Order", WRITTEN_OUT), ("EXECUTIVE ORDER", WRITTEN_OUT), ("Executive  Order", WRITTEN_OUT)])
def test_an_eo_keyword_typed_otherwise_is_named_and_the_line_read(written, detail):
    text = (f"C O N F I D E N T I A L STATE 000001\n\n{written} 12958: DECL: 11/05/2049\nTAGS: PREL UZ\n"
            "SUBJECT: (U) Talks\n\n1. (C) First.\n")
    assert src(text) == [
        ("SRC003", 3, 1, "warning", "this line does not parse: expected an E.O. line such as E.O. 12958: "
         f"DECL: 11/05/2019 ({written} {detail}; read as E.O.)")]
    # read: its date is checked (more than 25 years after the cable), and it is no missing E.O. line
    assert [d.code for d in diagnostics(text, ["DECL001", "DECL006"], AS_OF)] == ["DECL006"]


def test_an_order_named_in_a_subject_without_an_instruction_is_the_subject_s_words():
    text = ("C O N F I D E N T I A L STATE 000001\n\nE.O. 12958: DECL: 11/05/2019\nTAGS: PREL UZ\n"
            "SUBJECT: (U) Designation under\nExecutive Order 13224 of a group\n\n1. (C) First.\n")
    cable = parse_source(source(text))
    assert (cable.subject.text, cable.eo.order) == ("(U) Designation under Executive Order 13224 of a group", "12958")


def test_a_real_cable_with_a_zero_in_its_eo_line():
    # 09BERLIN1626: "E.0. 12958: N/A" was reported as no E.O. line at all (DECL001)
    got = diagnostics(read(CORPUS / "09BERLIN1626.txt"), ["SRC003", "DECL001"], AS_OF)
    assert [(d.code, d.span.line, d.span.col, d.span.end_col) for d in got] == [("SRC003", 35, 1, 5)]


@pytest.mark.parametrize("line", ["E.O. 12958, AS AMENDED: DECL: 11/05/2049", "E.O. 12958 (AS AMENDED): DECL: 11/05/2049",
                                  "E.O. 12958; DECL: 11/05/2049"])
def test_an_eo_line_naming_the_amended_order_or_with_a_semicolon_is_read(line):
    text = (f"C O N F I D E N T I A L STATE 000001\n\n{line}\nTAGS: PREL UZ\nSUBJECT: (U) Talks\n\n"
            "Classified By: A. Officer, reasons 1.4 (b) and (d).\n\n1. (C) First.\n2. (C) Second.\n")
    # its date is read and checked: more than 25 years after the cable
    assert [d.code for d in diagnostics(text, ["DECL", "SRC003"], AS_OF)] == ["DECL006"]


def test_a_colon_after_the_eo_keyword_is_read():
    text = "UNCLAS STATE 000001\n\nE.O.: 12958: N/A\nTAGS: PREL UZ\nSUBJECT: Talks\n\n1. First.\n"
    assert src(text) == []
    assert [d.code for d in diagnostics(text, ["DECL001"], AS_OF)] == []


def test_header_lines_with_export_backslashes_and_channel_notes_parse():
    text = ("VZCZCXRO0211\nOO RUEHDBU\nDE RUEHSW #1593 2411754\\\nZNY CCCCC ZZH (CCY AD3E4B70 "
            "MSI2349-632)\nO 291754Z AUG 06\nFM AMEMBASSY BERN\\\nTO RUEHC/SECSTATE WASHDC IMMEDIATE 2924\n"
            "C O N F I D E N T I A L BERN 001593\n")
    assert findings(text, ["SRC", "HDR"]) == []
