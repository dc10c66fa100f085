"""The lattice: both marking styles mean the same values; roll-up and REL TO order."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cablelint.lattice import (
    Marking, banner_marking, control_values, order_countries, rel_order_problem, roll_up,
)
from cablelint.parse import parse_marking, parse_source

from conftest import source


def meaning(inner: str):
    marking, _, _ = parse_marking(inner)
    return marking.meaning


@pytest.mark.parametrize("cable, capco", [
    ("S/NF", "S//NF"),
    ("C/NF", "C//NOFORN"),
    ("SBU-N", "U//SBU NOFORN"),
    ("SBU/NF", "U//SBU//NF"),
    ("SBU-NF", "SBU//NF"),
    ("C/REL NATO", "C//REL TO NATO"),
    ("S/REL TO USA/GBR", "S//REL TO USA, GBR"),
    ("C/REL NATO and AUS", "C//REL TO NATO, AUS"),
    ("FOUO", "U//FOUO"),
    ("S/OC/NF", "S//ORCON/NOFORN"),
])
def test_both_styles_mean_the_same(cable, capco):
    assert meaning(cable) == meaning(capco)


def test_styles_are_recorded():
    assert parse_marking("S/NF")[0].style == "cable"
    assert parse_marking("S//NF")[0].style == "capco"
    assert parse_marking("S")[0].style == "plain"


def test_values_of_a_cable_style_mark():
    m, problem, _ = parse_marking("SBU-N")
    assert (m.level, m.admin, m.controls, m.rel_to, m.unknown) == (
        "U", frozenset({"SBU"}), frozenset({"NOFORN"}), None, ())
    assert not problem


def test_rel_list_connectors_are_not_countries():
    assert parse_marking("S//REL MLT, GBR, AND GER")[0].rel_to == ("MLT", "GBR", "GER")
    assert parse_marking("S/REL to Pakistan")[0].rel_to == ("PAKISTAN",)


def test_unknown_words():
    assert parse_marking("S/ZZ")[0].unknown == ("ZZ",)
    x = parse_marking("X")[0]
    assert (x.level, x.unknown) == (None, ("X",))
    assert parse_marking("TS//SI//NF")[0].unknown == ()
    assert parse_marking("S//REL TO USA, AUS, GBR")[0].unknown == ()


def test_spelled_level_keeps_its_controls_in_the_intended_mark():
    m, problem, intended = parse_marking("SECRET//NF")
    assert (m.level, m.controls, m.spelled) == ("S", frozenset({"NOFORN"}), True)
    assert problem == "the level is spelled out; a portion mark uses (S)"
    assert intended == "(S//NF)"


def test_control_values():
    assert control_values("SBU NOFORN") == frozenset({"SBU", "NOFORN"})
    assert control_values("for official use only") == frozenset({"FOUO"})
    assert control_values("ZZ") is None


@pytest.mark.parametrize("blocks, controls, admin, rel, unknown", [
    (["ORCON/NOFORN"], {"ORCON", "NOFORN"}, set(), None, ()),
    (["REL TO USA, GBR"], set(), set(), ("USA", "GBR"), ()),
    (["FOR OFFICIAL USE ONLY"], set(), {"FOUO"}, None, ()),
    (["SBU NOFORN"], {"NOFORN"}, {"SBU"}, None, ()),
    (["ZZ/NOFORN"], {"NOFORN"}, set(), None, ("ZZ",)),
])
def test_banner_marking(blocks, controls, admin, rel, unknown):
    m = banner_marking("S", blocks)
    assert (m.controls, m.admin, m.rel_to, m.unknown) == (frozenset(controls), frozenset(admin), rel, unknown)
    assert m.style == "capco"


def test_banner_blocks_stop_before_section_and_serial():
    cable = parse_source(source("SECRET//ORCON/NOFORN SECTION 01 OF 02 STATE 000123\n\n1. (S) Text.\n"))
    b = cable.banner
    assert (b.level, b.section, b.post, b.serial) == ("S", (1, 2), "STATE", "000123")
    assert b.marking.controls == frozenset({"ORCON", "NOFORN"})
    cable = parse_source(source("SECRET//REL TO USA, AUS STATE 000123\n\n1. (S) Text.\n"))
    assert (cable.banner.marking.rel_to, cable.banner.post) == (("USA", "AUS"), "STATE")


def test_roll_up_level_and_controls():
    up = roll_up([parse_marking("C")[0], parse_marking("S/NF")[0], parse_marking("SBU")[0]])
    assert (up.level, up.controls, up.admin, up.rel_to) == ("S", frozenset({"NOFORN"}), frozenset(), None)
    up = roll_up([parse_marking("SBU")[0], parse_marking("U")[0]])
    assert (up.level, up.admin) == ("U", frozenset({"SBU"}))
    assert roll_up([]) is None


def test_roll_up_rel_to_is_the_intersection_over_classified_portions():
    rel = lambda *marks: roll_up([parse_marking(m)[0] for m in marks]).rel_to
    assert rel("S//REL TO USA, GBR, AUS", "C//REL TO USA, GBR") == ("USA", "GBR")
    assert rel("S//REL TO USA, GBR", "U") == ("USA", "GBR")  # unclassified needs no REL
    assert rel("S//REL TO USA, GBR", "C") is None  # a classified portion without REL
    assert rel("S//REL TO USA, GBR", "C//REL TO USA, AUS") is None  # nothing in common
    assert rel("S//REL TO USA, GBR", "C/NF") is None


def test_country_order():
    assert order_countries({"NATO", "GBR", "USA", "AUS"}) == ["USA", "AUS", "GBR", "NATO"]
    assert rel_order_problem(("USA", "AUS", "GBR", "NATO")) is None
    assert rel_order_problem(("NATO", "AUS")) is None  # State style: no USA, no CAPCO order
    assert rel_order_problem(("GBR", "USA")) == "USA must come first: REL TO USA, GBR"
    assert rel_order_problem(("USA", "GBR", "AUS")) == (
        "codes must follow USA in order (trigraphs, then longer codes): REL TO USA, AUS, GBR")


def test_token_and_same_as():
    a, b = parse_marking("S/NF")[0], parse_marking("S//NF")[0]
    assert a.same_as(b) and a != b  # same values, different style
    assert a.token() == "S/NF"
    assert parse_marking("SBU-N")[0].token() == "SBU/NF"
    assert Marking(level="C").classified and not Marking(level="U").classified


CABLE_SHORT = {"NOFORN": "NF", "ORCON": "OC", "NODIS": "ND", "EXDIS": "XD"}


@settings(max_examples=50, deadline=None)
@given(level=st.sampled_from(["C", "S", "TS"]),
       controls=st.sets(st.sampled_from(sorted(CABLE_SHORT)), max_size=3),
       rel=st.none() | st.lists(st.sampled_from(["AUS", "GBR", "NATO", "ISAF", "CAN"]),
                                min_size=1, max_size=3, unique=True))
def test_any_mark_written_in_both_styles_has_one_meaning(level, controls, rel):
    cable = "/".join([level] + [CABLE_SHORT[c] for c in sorted(controls)])
    capco = "//".join([level] + sorted(controls))
    if rel:
        cable += "/REL " + ", ".join(rel)
        capco += "//REL TO USA, " + ", ".join(rel)
    a, b = parse_marking(cable)[0], parse_marking(capco)[0]
    assert (a.level, a.controls, a.unknown) == (level, frozenset(controls), ())
    assert (a.level, a.controls, a.admin) == (b.level, b.controls, b.admin)
    assert set(b.rel_to or ()) - {"USA"} == set(a.rel_to or ())
    up = roll_up([a, b])
    assert up.level == level and up.controls == frozenset(controls)
