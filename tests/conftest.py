from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from cablelint.engine import select_rules
from cablelint.lint import fix, lint
from cablelint.source import Source, decode

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
SEED = HERE.parent / "examples" / "09TASHKENT1571.txt"


def source(text: str, path: str = "draft.txt") -> Source:
    return decode(text.encode("utf-8"), path)


def findings(text: str, select=None, as_of: date | None = None, path: str = "draft.txt"):
    """(code, line, col) of every finding on `text`."""
    res = lint(source(text, path), select_rules(select), as_of)
    assert not res.internal_errors, res.internal_errors
    return [(d.code, d.span.line, d.span.col) for d in res.diagnostics]


def diagnostics(text: str, select=None, as_of: date | None = None, path: str = "draft.txt"):
    res = lint(source(text, path), select_rules(select), as_of)
    assert not res.internal_errors, res.internal_errors
    return res.diagnostics


def fixed(text: str, select=None, as_of: date | None = None, path: str = "draft.txt") -> str:
    res = fix(source(text, path), select_rules(select), as_of)
    return res.fixed_text if res.fixed_text is not None else text


def corpus_index() -> dict[str, dict]:
    rows = {}
    with open(CORPUS / "index.tsv", encoding="utf-8") as fh:
        head = fh.readline().rstrip("\n").split("\t")
        for line in fh:
            row = dict(zip(head, line.rstrip("\n").split("\t")))
            rows[row["id"]] = row
    return rows


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")
