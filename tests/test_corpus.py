"""The whole public corpus: no exception anywhere, and the model agrees with the index."""

import re

import pytest

from cablelint.engine import select_rules
from cablelint.lint import lint
from cablelint.source import read_path

from conftest import CORPUS, corpus_index

LEVEL = {"UNCLASSIFIED": "U", "CONFIDENTIAL": "C", "SECRET": "S", "TOP SECRET": "TS"}
PRESENT = {
    "eo": re.compile(r"^\s*E\.? ?O\.? ?\d{4,5}", re.I | re.M),
    "tags": re.compile(r"^\s*TAGS\b", re.I | re.M),
    "subject": re.compile(r"^\s*SUBJ(ECT)?\s*:", re.I | re.M),
}


@pytest.fixture(scope="module")
def results():
    rules = select_rules()
    out = {}
    for cid in corpus_index():
        src = read_path(str(CORPUS / f"{cid}.txt"))
        out[cid] = (src, lint(src, rules))
    return out


def test_every_cable_parses_and_every_rule_runs(results):
    assert len(results) == 1058
    errors = [e for _, r in results.values() for e in r.internal_errors]
    assert errors == []


def test_banner_level_matches_the_index(results):
    index = corpus_index()
    full = [cid for cid, row in index.items() if row["partial"] == "0"]
    agree = sum(
        1 for cid in full
        if (results[cid][1].cable.banner.level if results[cid][1].cable.banner else None)
        == LEVEL[index[cid]["classification"].split("//")[0]]
    )
    assert agree / len(full) >= 0.995, f"{agree}/{len(full)}"


@pytest.mark.parametrize("part", sorted(PRESENT))
def test_structural_lines_found_where_present(results, part):
    have = [cid for cid, (src, _) in results.items() if PRESENT[part].search(src.text)]
    missed = [cid for cid in have if getattr(results[cid][1].cable, part) is None]
    assert missed == []


def test_spans_lie_inside_the_text(results):
    for cid, (src, res) in results.items():
        n = len(src.text)
        for d in res.diagnostics:
            assert 0 <= d.span.start <= d.span.end <= n, (cid, d)
            assert src.position(d.span.start) == (d.span.line, d.span.col), (cid, d)


def test_dtg_after_an_office_symbol_block_is_found():
    # 09LONDON1946 opens with an INFO block of office symbols before its date-time group.
    from cablelint.parse import parse_source

    cable = parse_source(read_path(str(CORPUS / "09LONDON1946.txt")))
    assert (cable.header.dtg, cable.header.precedence, cable.header.dtg_span.line) == ("241405Z AUG 09", "O", 8)


def test_every_header_the_index_knows_gives_a_date():
    # index.tsv: header_kind "vzczc" or "dtg" means the text carries a routing header.
    from cablelint.engine import cable_date
    from cablelint.parse import parse_source

    missed = [cid for cid, row in corpus_index().items() if row["header_kind"] in ("vzczc", "dtg")
              and cable_date(parse_source(read_path(str(CORPUS / f"{cid}.txt"))), None)[1] != "dtg"]
    assert missed == []


@pytest.mark.parametrize("saved_as", [
    lambda text: text.replace("\n", "\r\n"),  # Windows line endings
    lambda text: text.replace("\n", "\r"),  # classic Mac OS line endings
    lambda text: text.replace(" ", "\u00a0"),  # every space a no-break space, as some renderings have
    lambda text: text.replace("\n", " \\\n"),  # every line ended with a backslash, as some exports do
], ids=["crlf", "cr", "no-break-spaces", "backslash-line-ends"])
def test_a_cable_saved_otherwise_has_the_same_findings(results, saved_as):
    """The same findings, at the same lines and columns, with the same messages."""
    from cablelint.source import decode

    rules = select_rules()

    def seen(res):
        return [(d.code, d.span.line, d.span.col, d.span.end_line, d.span.end_col, d.message)
                for d in res.diagnostics]

    changed = []
    for cid, (src, res) in results.items():
        if seen(lint(decode(saved_as(src.text).encode("utf-8"), src.path), rules)) != seen(res):
            changed.append(cid)
    assert changed == []


def test_a_cable_indented_throughout_has_the_same_findings_two_columns_on(results):
    """Every line that is not blank indented by two blanks, as a quoting mail or an export does."""
    from cablelint.source import decode

    rules = select_rules()
    changed = []
    for cid, (src, res) in results.items():
        text = "\n".join(f"  {line}" if line.strip() else line for line in src.text.split("\n"))
        indented = lint(decode(text.encode("utf-8"), src.path), rules)
        got = [(d.code, d.span.line, d.span.col, d.message) for d in indented.diagnostics]
        if got != [(d.code, d.span.line, d.span.col + 2, d.message) for d in res.diagnostics]:
            changed.append(cid)
    assert changed == []
