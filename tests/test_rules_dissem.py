"""DIS rules: NOFORN, REL TO, ORCON, NODIS/EXDIS, SIPDIS and SENSITIVE against the portions."""

from datetime import date

from conftest import diagnostics

AS_OF = date(2009, 11, 5)
S_BANNER = "S E C R E T STATE 000001\n"


def found(text, code, as_of=AS_OF, path="draft.txt"):
    return [(d.span.line, d.span.col, d.severity.label, d.message)
            for d in diagnostics(text, [code], as_of, path)]


def test_noforn_portion_without_caption_cable_and_capco_style():
    text = S_BANNER + "SIPDIS\n1. (S) A.\n2. (S/NF) B.\n3. (C//NF) C.\n"
    assert found(text, "DIS001") == [(4, 4, "error", "paragraph 2 is marked (S/NF) (and 1 more) but the "
                                      "cable has no NOFORN caption or banner control")]
    text = "UNCLAS STATE 000001\nSENSITIVE\n1. (SBU-N) A.\n"
    assert found(text, "DIS001") == [(3, 4, "error", "paragraph 1 is marked (SBU-N) but the cable has "
                                      "no NOFORN caption or banner control")]


def test_noforn_rolled_up_by_caption_or_banner():
    for head in (S_BANNER + "NOFORN\n", "SECRET//NOFORN\n", S_BANNER + "SIPDIS, NOFORN\n",
                 "S E C R E T STATE 000001 SIPDISNOFORNE.O. 12958: DECL: 11/05/2019\n"):
        assert found(head + "1. (S/NF) A.\n", "DIS001") == [], head


def test_captions_of_a_copy_in_sentence_case_are_read():
    # 09NAIROBI1938: "S e c r e t nairobi 001938" / "Sensitive" / "sipdis"
    head = "S e c r e t nairobi 001938\n\nSensitive\nsipdis\nNoforn\n\nE.O. 12958: DECL: 11/05/2019\n"
    text = head + "1. (S/NF) A.\n"
    assert found(text, "DIS001") == []  # "Noforn" rolls the portion's NOFORN up
    assert found(text, "DIS009") == [(3, 1, "warning", "SENSITIVE (SBU) on a SECRET cable: the caption is "
                                      "for unclassified cables")]


def test_noforn_caption_without_noforn_portion():
    text = S_BANNER + "NOFORN\n1. (S) A.\n2. (C) B.\n"
    assert found(text, "DIS002") == [(2, 1, "warning", "NOFORN on the cable but none of its 2 marked "
                                      "portions is NOFORN (/NF)")]
    assert found(S_BANNER + "NOFORN\n1. A.\n2. B.\n", "DIS002") == []


def test_noforn_with_rel_to():
    text = S_BANNER + "NOFORN\n1. (S//NF//REL TO USA, GBR) A.\n"
    assert found(text, "DIS003") == [(3, 4, "error", "paragraph 1 is marked (S//NF//REL TO USA, GBR): "
                                      "NOFORN and REL TO contradict each other")]
    text = "SECRET//REL TO USA, GBR\nNOFORN\n1. (S//REL TO USA, GBR) A.\n"
    assert found(text, "DIS003") == [(1, 1, "error", "the banner releases to USA, GBR but the cable is NOFORN")]


def test_rel_to_banner_is_the_intersection():
    text = "SECRET//REL TO USA, AUS, GBR\n1. (S//REL TO USA, GBR) A.\n2. (C//REL TO USA, AUS, GBR) B.\n"
    assert found(text, "DIS004") == [(1, 1, "error", "the banner says REL TO USA, AUS, GBR but the "
                                      "portions are releasable in common to USA, GBR")]
    ok = "SECRET//REL TO USA, GBR\n1. (S//REL TO USA, GBR) A.\n2. (C//REL TO USA, AUS, GBR) B.\n3. (U) C.\n"
    assert found(ok, "DIS004") == []


def test_rel_to_banner_with_a_classified_portion_not_released():
    text = "SECRET//REL TO USA, GBR\n1. (S//REL TO USA, GBR) A.\n2. (C) B.\n"
    assert found(text, "DIS004") == [(1, 1, "error", "the banner says REL TO USA, GBR but paragraph 2 "
                                      "has no REL TO, so the cable cannot be released")]


def test_rel_to_order():
    text = S_BANNER + "1. (S//REL TO GBR, USA) A.\n2. (C/REL NATO, AUS) B.\n3. (C//REL TO USA, GBR, AUS) C.\n"
    assert found(text, "DIS004") == [
        (2, 4, "error", "paragraph 1 is marked (S//REL TO GBR, USA): USA must come first: REL TO USA, GBR"),
        (4, 4, "error", "paragraph 3 is marked (C//REL TO USA, GBR, AUS): codes must follow USA in order "
                        "(trigraphs, then longer codes): REL TO USA, AUS, GBR"),
    ]


def test_nodis_with_exdis_in_captions_and_portions():
    assert found(S_BANNER + "NODIS\nEXDIS\n1. (S) A.\n", "DIS005") == [
        (3, 1, "error", "EXDIS on the caption while the caption has NODIS: NODIS and EXDIS are never "
                        "used together")]
    assert found(S_BANNER + "EXDIS\n1. (S/ND) A.\n", "DIS005") == [
        (3, 4, "error", "NODIS on paragraph 1 (S/ND) while the caption has EXDIS: NODIS and EXDIS are "
                        "never used together")]
    assert found(S_BANNER + "NODIS\n1. (S/ND) A.\n", "DIS005") == []


def test_sipdis_with_nodis_or_exdis():
    assert found(S_BANNER + "EXDIS\nSIPDIS\n1. (S) A.\n", "DIS006") == [
        (3, 1, "error", "SIPDIS on a cable with EXDIS (the caption): a SIPDIS cable carries no "
                        "restrictive caption")]
    assert found(S_BANNER + "SIPDIS\n1. (S) A.\n", "DIS006") == []


def sipdis_dated(dtg: str) -> str:
    return f"O {dtg}\nFM AMEMBASSY TASHKENT\nS E C R E T TASHKENT 000001\nSIPDIS\n1. (S) A.\n"


def test_sipdis_anachronism_boundary_is_december_2005():
    assert found(sipdis_dated("302359Z NOV 05"), "DIS007") == [
        (4, 1, "warning", "SIPDIS on a cable dated 2005-11-30: the caption dates from December 2005 "
                          "(05 STATE 226504)")]
    assert found(sipdis_dated("010001Z DEC 05"), "DIS007") == []


def test_sipdis_with_only_the_year_known():
    text = S_BANNER + "SIPDIS\n1. (S) A.\n"
    assert found(text, "DIS007", path="05STATE1234.txt") == [
        (2, 1, "warning", "SIPDIS on a cable dated 2005 (the month is unknown): the caption dates "
                          "from December 2005 (05 STATE 226504)")]
    assert [f[:2] for f in found(text, "DIS007", path="04STATE1234.txt")] == [(2, 1)]
    assert found(text, "DIS007", path="06STATE1234.txt") == []
    assert found(text, "DIS007", as_of=None) == []  # a draft is dated today


def test_missing_sensitive_caption():
    text = "UNCLAS STATE 000001\nSIPDIS\n1. (SBU) A.\n2. (U) B.\n3. (SBU/NF) C.\n"
    assert found(text, "DIS008") == [(1, 1, "warning", "the cable is UNCLAS and paragraph 1 is SBU "
                                      "(2 SBU portions), but there is no SENSITIVE caption")]
    for head in ("UNCLAS SENSITIVE STATE 000001\n", "UNCLASSIFIED//SBU\n", "UNCLAS STATE 000001\nSENSITIVE SIPDIS\n"):
        assert found(head + "1. (SBU) A.\n", "DIS008") == [], head


def test_sensitive_on_classified():
    text = "C O N F I D E N T I A L STATE 000001\nNOFORN SENSITIVE SIPDIS\n1. (C/NF) A.\n"
    assert found(text, "DIS009") == [(2, 8, "warning", "SENSITIVE (SBU) on a CONFIDENTIAL cable: the "
                                      "caption is for unclassified cables")]
    assert found("UNCLAS STATE 000001\nSENSITIVE\n1. (SBU) A.\n", "DIS009") == []


def test_orcon_not_rolled_up():
    for head in ("SECRET//NOFORN\n", S_BANNER + "NOFORN\n"):
        assert found(head + "1. (S//OC/NF) A.\n", "DIS010")[0][3] == (
            "paragraph 1 is marked (S//OC/NF) but the banner has no ORCON")
    assert found("SECRET//ORCON/NOFORN\n1. (S//OC/NF) A.\n", "DIS010") == []


def test_corpus_noforn_and_level_roll_up_agree_with_the_index():
    """On the real cables, DIS001 flags only cables the index does not call NOFORN, and BAN002
    only cables whose recorded level is below their highest portion. Only the cables whose text
    could hold such a portion are linted, to keep the test fast."""
    import re

    from cablelint.engine import select_rules
    from cablelint.lattice import rank
    from cablelint.lint import lint
    from cablelint.source import read_path

    from conftest import CORPUS, corpus_index

    levels = {"UNCLASSIFIED": "U", "CONFIDENTIAL": "C", "SECRET": "S", "TOP SECRET": "TS"}
    above = {"U": r"\((?:C|S|TS)[/)]", "C": r"\((?:S|TS)[/)]", "S": r"\(TS[/)]", "TS": r"$^"}
    rules = select_rules(["BAN002", "DIS001"])
    flagged = {"DIS001": 0, "BAN002": 0}
    for cid, row in corpus_index().items():
        path = CORPUS / f"{cid}.txt"
        level = levels[row["classification"].split("//")[0]]
        text = path.read_text(encoding="utf-8", errors="replace")
        if not (re.search(r"(?:NF|/N|-N|NOFORN)\)", text) or re.search(above[level], text)):
            continue
        res = lint(read_path(str(path)), rules)
        assert not res.internal_errors, res.internal_errors
        codes = {d.code for d in res.diagnostics}
        if "DIS001" in codes:
            flagged["DIS001"] += 1
            assert "NOFORN" not in row["classification"], cid
        if "BAN002" in codes:
            flagged["BAN002"] += 1
            top = max((m.marking.level for _, m in res.cable.portions), key=rank)
            assert rank(level) < rank(top), cid
    assert flagged["DIS001"] >= 10 and flagged["BAN002"] >= 1  # the check saw real cases


def test_control_words_hold_every_caption_and_control_of_banner_and_portions():
    from cablelint.parse import parse_source
    from conftest import source

    text = ("SECRET//NOFORN\nSIPDIS\nEXDIS\n\nSUBJECT: (S//ORCON) A subject\n\n"
            "1. (S//REL TO USA, GBR) A.\n2. (C/NF) B.\n3. (X) C.\n")
    assert parse_source(source(text)).control_words == {"NOFORN", "SIPDIS", "EXDIS", "ORCON"}
    assert parse_source(source(S_BANNER + "1. (S) A.\n")).control_words == frozenset()
