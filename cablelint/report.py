"""The reporters under their earlier names; the formats live in `cablelint.reporters`."""

from __future__ import annotations

from typing import IO, Iterable

from cablelint.reporters import ReportContext
from cablelint.reporters.jsonfmt import JSON_SCHEMA_VERSION, diagnostic_json  # noqa: F401
from cablelint.reporters.jsonfmt import report as _json
from cablelint.reporters.text import concise as _concise
from cablelint.reporters.text import full as _full
from cablelint.reporters.text import summary_line  # noqa: F401


def concise(results: Iterable, out: IO[str], show_fixes: bool = True) -> None:
    _concise(results, out, ReportContext(fixable_hint=show_fixes))


def json_report(results: Iterable, out: IO[str], show_text: bool = False) -> None:
    _json(results, out, ReportContext(show_text=show_text))


def full(results: Iterable, out: IO[str], color: bool | None = None) -> None:
    _full(results, out, ReportContext(color=color))
