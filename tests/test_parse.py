"""The builder on merged lines: where one structural line ends and the next begins."""

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
