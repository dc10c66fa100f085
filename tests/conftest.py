from __future__ import annotations

import importlib.util
import re
from datetime import date
from functools import cache
from pathlib import Path

import pytest

from cablelint.engine import select_rules
from cablelint.lint import fix, lint, unreadable
from cablelint.source import ReadError, Source, decode

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
SEED = HERE.parent / "examples" / "09TASHKENT1571.txt"


@cache
def script(name: str):
    """A script of scripts/ (benchmark, build_tables) as a module, loaded once."""
    spec = importlib.util.spec_from_file_location(name, HERE.parent / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


RAW_BYTE = re.compile(r"\\x([0-9A-Fa-f]{2})")


def example_bytes(text: str) -> bytes:
    """`text` as UTF-8, where a written `\\xNN` stands for the raw byte NN (cp1252, NUL)."""
    out = bytearray()
    pos = 0
    for m in RAW_BYTE.finditer(text):
        out += text[pos:m.start()].encode("utf-8")
        out.append(int(m.group(1), 16))
        pos = m.end()
    return bytes(out + text[pos:].encode("utf-8"))


def source(text: str, path: str = "draft.txt") -> Source:
    return decode(example_bytes(text), path)


def lint_text(text: str, select=None, as_of: date | None = None, path: str = "draft.txt"):
    """Lint `text` as the runner lints a file: one that cannot be read gets SRC002."""
    rules = select_rules(select)
    try:
        src = source(text, path)
    except ReadError as exc:
        return unreadable(path, str(exc), rules)
    return lint(src, rules, as_of)


def findings(text: str, select=None, as_of: date | None = None, path: str = "draft.txt"):
    """(code, line, col) of every finding on `text`."""
    res = lint_text(text, select, as_of, path)
    assert not res.internal_errors, res.internal_errors
    return [(d.code, d.span.line, d.span.col) for d in res.diagnostics]


def diagnostics(text: str, select=None, as_of: date | None = None, path: str = "draft.txt"):
    res = lint_text(text, select, as_of, path)
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
