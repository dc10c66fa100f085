"""HDR: the routing header against itself and against the classification line."""

from datetime import date

import pytest

from conftest import SEED, diagnostics, findings

AS_OF = date(2009, 11, 5)
BANNER = "C O N F I D E N T I A L TASHKENT 001571"


def cable(prosign="OO", de="DE RUEHNT #1571 3090806", security="ZNY CCCCC ZZH",
          dtg="O 050806Z NOV 09", origin="AMEMBASSY TASHKENT", to="IMMEDIATE",
          info="PRIORITY", banner=BANNER) -> str:
    return "\n".join([
        "VZCZCXRO0852",                                   # 1
        f"{prosign} RUEHBI RUEHCI",                       # 2
        de,                                               # 3
        security,                                         # 4
        dtg,                                              # 5
        f"FM {origin}",                                   # 6
        f"TO RUEHC/SECSTATE WASHDC {to} 1493".replace("  ", " "),  # 7
        f"INFO RUEHMO/AMEMBASSY MOSCOW {info}".rstrip(),  # 8
        banner,                                           # 9
        "",
        "E.O. 12958: DECL: 11/05/2019",
        "TAGS: PREL PHUM UZ",
        "SUBJECT: Talks",
        "1. (C) Text.",
        "",
    ])


def hdr(text, code="HDR"):
    return [(d.code, d.span.line, d.span.col, d.severity.label, d.message)
            for d in diagnostics(text, [code], AS_OF)]


def test_consistent_header_is_quiet():
    assert hdr(cable()) == []


def test_seed_has_no_header_tag_or_source_finding(seed_text):
    assert findings(seed_text, ["HDR", "TAG", "SRC"], path=str(SEED)) == []


def test_draft_without_routing_header_gets_no_hdr_finding():
    assert hdr("C O N F I D E N T I A L TASHKENT 001571\nSUBJECT: Talks\n1. (C) Text.\n") == []


# ---- HDR001

def test_day_that_does_not_exist():
    assert hdr(cable(dtg="O 310806Z NOV 09"), "HDR001") == [
        ("HDR001", 5, 1, "error",
         "the date-time group 310806Z NOV 09 names day 31 of NOV 2009, which does not exist")]


@pytest.mark.parametrize("dtg, ok", [("O 290806Z FEB 08", True), ("O 290806Z FEB 09", False)])
def test_leap_day(dtg, ok):
    assert (hdr(cable(dtg=dtg), "HDR001") == []) is ok


def test_time_that_does_not_exist():
    assert hdr(cable(dtg="O 052460Z NOV 09"), "HDR001") == [
        ("HDR001", 5, 1, "error",
         "2460Z in the date-time group 052460Z NOV 09 is not a time of day (0000Z-2359Z)")]


def test_month_that_does_not_exist():
    assert hdr(cable(dtg="O 050806Z NOB 09"), "HDR001") == [
        ("HDR001", 5, 1, "error",
         "NOB in the date-time group 050806Z NOB 09 is not a month (JAN ... DEC)")]


def test_precedence_letter_outside_z_o_p_r():
    assert hdr(cable(dtg="X 050806Z NOV 09"), "HDR001") == [
        ("HDR001", 5, 1, "error", "precedence letter X in the date-time group is not "
         "Z (FLASH), O (IMMEDIATE), P (PRIORITY) or R (ROUTINE)")]


def test_dtg_that_does_not_parse():
    assert hdr(cable(dtg="O 05080Z NOV 09"), "HDR001") == [
        ("HDR001", 5, 1, "error", "the date-time group 'O 05080Z NOV 09' does not parse; expected "
         "precedence, DDHHMMZ, month and two-digit year, as in O 050806Z NOV 09")]


@pytest.mark.parametrize("signals", ["ZDK", "ZFF6", "ZDK CTG RUEHDO #1234", "//ZEL//"])
def test_operating_signals_after_the_dtg_are_not_part_of_it(signals):
    text = cable(dtg=f"O 050806Z NOV 09 {signals}")
    assert hdr(text) == []
    assert diagnostics(text, ["HDR001"], AS_OF) == []


def test_header_without_a_dtg():
    text = cable().replace("O 050806Z NOV 09\n", "")
    assert hdr(text, "HDR001") == [
        ("HDR001", 1, 1, "error",
         "the routing header has no date-time group (a line such as O 050806Z NOV 09)")]


# ---- HDR002

def test_prosign_below_an_immediate_addressee():
    assert hdr(cable(prosign="PP"), "HDR002") == [
        ("HDR002", 2, 1, "warning", "prosign PP is not the highest precedence among the "
         "addressees, IMMEDIATE: expected OO")]


def test_prosign_above_every_addressee():
    assert hdr(cable(dtg="R 050806Z NOV 09", to="", info=""), "HDR002") == [
        ("HDR002", 2, 1, "warning", "prosign OO is not the highest precedence among the "
         "addressees, ROUTINE: expected RR")]


def test_prosign_disagrees_with_the_dtg_letter():
    assert hdr(cable(dtg="P 050806Z NOV 09"), "HDR002") == [
        ("HDR002", 2, 1, "warning",
         "prosign OO disagrees with the date-time group's precedence P (PRIORITY)")]


def test_dtg_letter_below_the_addressees_without_prosign():
    text = "\n".join(cable(dtg="P 050806Z NOV 09").split("\n")[2:])  # no VZCZC, no prosign
    assert hdr(text, "HDR002") == [
        ("HDR002", 3, 1, "warning", "the date-time group's precedence P (PRIORITY) is not the "
         "highest precedence among the addressees, IMMEDIATE")]


@pytest.mark.parametrize("dtg, to", [("O R 050806Z NOV 09", "IMMEDIATE"),
                                     ("O 050806Z NOV 09", "NIACT IMMEDIATE"),
                                     ("O P 050806Z NOV 09", "IMMEDIATE")])
def test_dual_precedence_and_niact(dtg, to):
    assert hdr(cable(dtg=dtg, to=to), "HDR002") == []


# ---- HDR003

def test_classified_text_sent_as_unclassified():
    assert hdr(cable(security="ZNR UUUUU ZZH"), "HDR003") == [
        ("HDR003", 4, 1, "error", "security line ZNR UUUUU marks the message UNCLASSIFIED but "
         "the banner is CONFIDENTIAL: expected ZNY CCCCC")]


def test_security_line_above_the_banner():
    assert hdr(cable(security="ZNY SSSSS ZZH"), "HDR003") == [
        ("HDR003", 4, 1, "error", "security line ZNY SSSSS marks the message SECRET but "
         "the banner is CONFIDENTIAL: expected ZNY CCCCC")]


def test_unknown_security_group():
    assert hdr(cable(security="ZNY CCCC ZZH"), "HDR003") == [
        ("HDR003", 4, 1, "error", "security group CCCC in ZNY CCCC is not a known group "
         "(UUUUU, EEEEE, CCCCC, SSSSS, TTTTT); the banner CONFIDENTIAL calls for ZNY CCCCC")]


def test_znr_with_a_classified_group():
    assert hdr(cable(security="ZNR CCCCC ZZH"), "HDR003") == [
        ("HDR003", 4, 1, "error", "ZNR does not go with CCCCC: expected ZNY CCCCC")]


@pytest.mark.parametrize("security, banner", [
    ("ZNY SSSAA ZZH", "S E C R E T TASHKENT 001571"),
    ("ZNY TTTTT ZZH", "TOP SECRET TASHKENT 001571"),
    ("ZNR UUUUU ZZH", "UNCLAS TASHKENT 001571"),
    ("ZNR UUUUU ZZH", "UNCLAS SENSITIVE TASHKENT 001571"),
    ("ZNY EEEEE ZZH", "UNCLAS EFTO TASHKENT 001571"),
    ("ZNY CCCCC ZZH (CCY AD3E4B70 MSI2349-632)", BANNER),
])
def test_security_lines_that_agree(security, banner):
    assert hdr(cable(security=security, banner=banner), "HDR003") == []


def test_efto_pairing_is_only_a_warning():
    assert hdr(cable(security="ZNR UUUUU ZZH", banner="UNCLAS EFTO TASHKENT 001571"), "HDR003") == [
        ("HDR003", 4, 1, "warning",
         "the banner is UNCLAS EFTO but the security line is ZNR UUUUU: expected ZNY EEEEE")]
    assert hdr(cable(security="ZNY EEEEE ZZH", banner="UNCLAS TASHKENT 001571"), "HDR003") == [
        ("HDR003", 4, 1, "warning",
         "security line ZNY EEEEE marks UNCLAS EFTO but the banner has no EFTO")]


# ---- HDR004

def test_filing_day_five_days_after_the_dtg():
    assert hdr(cable(de="DE RUEHNT #1571 3140806"), "HDR004") == [
        ("HDR004", 3, 1, "warning", "the DE line was filed on day 314 at 0806Z (10 Nov 2009 0806Z), "
         "more than a day from the date-time group 050806Z NOV 09 (day 309 of 2009)")]


@pytest.mark.parametrize("de, dtg", [
    ("DE RUEHNT #1571 3091014", "O 050806Z NOV 09"),   # filed two hours later
    ("DE RUEHNT #1571 3652355", "O 010010Z JAN 10"),   # filed the evening before, last year
    ("DE RUEHNT #1571 0010005", "R 312350Z DEC 09"),   # filed after midnight, next year
    ("DE RUEHNT #1571 3661200", "R 311200Z DEC 08"),   # day 366 of a leap year
])
def test_filing_times_within_a_day_across_year_ends(de, dtg):
    assert hdr(cable(de=de, dtg=dtg, prosign="RR" if dtg[0] == "R" else "OO"), "HDR004") == []


def test_filing_time_that_is_no_day_of_year():
    assert hdr(cable(de="DE RUEHNT #1571 3990806"), "HDR004") == [
        ("HDR004", 3, 1, "warning", "filing time 3990806 in the DE line is not a day of the year "
         "(001-366) and a time (0000-2359)")]


# ---- HDR005

def test_station_serial_is_not_the_banner_serial():
    assert hdr(cable(de="DE RUEHNT #1517 3090806"), "HDR005") == [
        ("HDR005", 3, 1, "warning", "station serial #1517 in the DE line is not the banner's "
         "serial 001571 (TASHKENT 001571)")]


def test_section_disagrees():
    text = cable(de="DE RUEHNT #1571/02 3090806",
                 banner="C O N F I D E N T I A L SECTION 01 OF 02 TASHKENT 001571")
    assert hdr(text, "HDR005") == [
        ("HDR005", 3, 1, "warning", "/02 in the DE line is not the banner's SECTION 01 OF 02")]


def test_banner_section_without_de_section():
    text = cable(banner="C O N F I D E N T I A L SECTION 02 OF 03 TASHKENT 001571")
    assert hdr(text, "HDR005") == [
        ("HDR005", 3, 1, "warning",
         "the banner says SECTION 02 OF 03 but the DE line has no /02 after #1571")]


@pytest.mark.parametrize("de, banner", [
    ("DE RUEHNT #1571/01 3090806", BANNER),  # merged sections: SECTION line dropped
    ("DE RUEHBO #1005 3090806", "C O N F I D E N T I A L BOGOTA 011005"),  # last four digits
])
def test_serials_that_agree(de, banner):
    assert hdr(cable(de=de, banner=banner, origin="AMEMBASSY " + banner.split()[-2]), "HDR005") == []


# ---- HDR006

def test_origin_is_another_post():
    assert hdr(cable(origin="AMEMBASSY ASTANA"), "HDR006") == [
        ("HDR006", 6, 4, "warning", "the cable is from AMEMBASSY ASTANA but the banner names the "
         "post TASHKENT: expected ASTANA")]


def test_department_origin_with_a_post_banner():
    assert hdr(cable(origin="SECSTATE WASHDC"), "HDR006") == [
        ("HDR006", 6, 4, "warning", "the cable is from SECSTATE WASHDC but the banner names the "
         "post TASHKENT: expected STATE")]


@pytest.mark.parametrize("origin, post", [
    ("SECSTATE WASHDC", "STATE"),
    ("USMISSION USUN NEW YORK", "USUN NEW YORK"),
    ("USMISSION USNATO", "USNATO"),
    ("AMCONSUL SAO PAULO", "SAO PAULO"),
    ("USINT HAVANA", "HAVANA"),
    ("AIT TAIPEI", "AIT TAIPEI"),
    ("AMEMBASSY TASHKENT\\", "TASHKENT"),
    ("USDAO TASHKENT", "TASHKENT"),  # an office not in posts.tsv, before the post's name
])
def test_origins_that_match(origin, post):
    text = cable(origin=origin, banner=f"C O N F I D E N T I A L {post} 001571")
    assert hdr(text, "HDR006") == []


RECEIVED_COPY = (
    "00HARARE2339\nMEDIA REPORT POLICE RELEASE JOURNALIST\nTue May 02 00:00:00 +0200 2000\nUNCLASSIFIED\n"
    "Embassy Harare\n\n021334Z May 00\n\n                           UNCLASSIFIED     PTO4257\n\n"
    "PAGE 01        HARARE  02339  021329Z \nACTION AF-00    \n\nINFO  LOG-00   AID-00   AMAD-01  A-00\n"
    "                  ------------------521C42  021330Z /38    \nFM AMEMBASSY HARARE\n"
    "TO SECSTATE WASHDC PRIORITY 5915\nINFO AMEMBASSY PRETORIA \nAMEMBASSY LONDONUNCLAS HARARE 002339 \n"
    " \nSIPDIS \n \nE.O. 12958: N/A \nTAGS: PHUM ZI\nSUBJECT: MEDIA REPORT POLICE RELEASE JOURNALIST \n")


def test_a_received_copy_takes_its_date_from_the_dtg_an_export_puts_above_it():
    """A received copy ("PAGE 01 ... ACTION ... INFO ... FM ... TO ...") exported with the DTG
    alone above it, its precedence dropped, and the classification line run onto the last
    addressee's line (alx/cablegate's text files)."""
    from conftest import lint_text
    from cablelint.engine import cable_date

    r = lint_text(RECEIVED_COPY, ["HDR", "BAN", "DIS007"], AS_OF)
    h = r.cable.header
    assert (h.dtg, h.dtg_date, h.precedence, h.dtg_span.line) == ("021334Z MAY 00", date(2000, 5, 2), "", 7)
    assert cable_date(r.cable, None) == (date(2000, 5, 2), "dtg")
    b = r.cable.banner
    assert (b.word, b.post, b.serial, b.span.line, b.span.col) == ("UNCLAS", "HARARE", "002339", 19, 17)
    assert [d.code for d in r.diagnostics] == ["DIS007"]  # SIPDIS in 2000: no HDR001
    # a DTG line of the header wins over the export's; its month may be written in lower case
    assert hdr(cable(dtg="O 050806Z Nov 09")) == []
    text = cable(dtg="O 060806Z NOV 09").replace("VZCZCXRO0852", "050806Z Nov 09")
    assert lint_text(text, [], AS_OF).cable.header.dtg == "060806Z NOV 09"
