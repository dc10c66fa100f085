"""Cables as another archive exports them (tests/exports/README.md): each is read for its own
classification line and date, and gives exactly the findings below, each checked by hand
against the text."""

from datetime import date

import pytest

from cablelint.engine import select_rules
from cablelint.lint import lint
from cablelint.source import read_path

from conftest import HERE

AS_OF = date(2010, 1, 1)


@pytest.mark.parametrize("name, banner, dtg, found, unmarked", [
    # capitals throughout; "AS REPORTED IN REF (C), ..." cites a REF, it marks nothing
    ("00HARARE2271", ("UNCLAS", "HARARE", "002271", (1, 7), 28), date(2000, 4, 27),
     [("DIS007", 30, 1), ("POR005", 53, 1)], 23),
    # "... PRIORITYS E C R E T DOHA 001093"; a SECRET cable without SUBJECT, its ref D not listed
    ("01DOHA1093", ("S E C R E T", "DOHA", "001093", None, 14), date(2001, 4, 7),
     [("DECL009", 16, 19), ("TAG004", 16, 28), ("TAG005", 24, 314), ("PAR008", 26, 9)], 0),
    # "E.O. 12958: DECL. N/A": the N/A instruction
    ("01HARARE2710", ("UNCLAS", "HARARE", "002710", None, 24), date(2001, 9, 14),
     [("DIS007", 26, 1), ("POR005", 37, 1)], 0),
    # "REF: A)STATE 198912  B)HAVANA 3721 C)HAVANA 3817" and D, E on the next line
    ("01HAVANA4690", ("UNCLAS", "HAVANA", "004690", (1, 2), 8), date(2001, 12, 14),
     [("POR005", 14, 1)], 0),
    # "...not available.UNCLAS SECTION 01 OF 02 ADANA 0386"; "¶6.  103 ELECTION VIOLATION ..."
    ("02ADANA386", ("UNCLAS", "ADANA", "0386", (1, 2), 6), None,
     [("DIS007", 8, 1), ("TAG002", 12, 33), ("POR005", 13, 1)], 8),
    # "TURKISH PRESS SUMMARY", the report's title
    ("02ANKARA8845", ("UNCLAS", "ANKARA", "008845", (1, 2), 6), None,
     [("DIS007", 8, 1), ("POR005", 17, 1)], 0),
])
def test_an_exported_cable_is_read_for_its_own_lines(name, banner, dtg, found, unmarked):
    r = lint(read_path(str(HERE / "exports" / f"{name}.txt")), select_rules(), AS_OF)
    b = r.cable.banner
    assert (b.word, b.post, b.serial, b.section, b.span.line) == banner
    assert (r.cable.header.dtg_date if r.cable.header else None) == dtg
    assert [(d.code, d.span.line, d.span.col) for d in r.diagnostics if d.code != "POR001"] == found
    # POR001 only as the note that an unmarked unclassified cable's paragraphs carry no mark
    por001 = [d for d in r.diagnostics if d.code == "POR001"]
    assert len(por001) == unmarked
    assert all("an unmarked unclassified cable" in d.message and d.severity.label == "info" for d in por001)
