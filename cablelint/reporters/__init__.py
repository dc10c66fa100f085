"""Reporters: each turns Diagnostics into one output format and knows no rule.

A reporter is a module with `report(results, out, ctx)`; it is imported only when its format
is chosen, so a run pays for rich (full), json or xml only when it uses them. Machine formats
(json, sarif, github, junit) carry no document text unless `ctx.show_text`: only codes,
positions, messages and marking tokens, so that CI logs do not become a copy of a draft.
"""

from __future__ import annotations

import importlib
from typing import IO, Callable, Sequence

from cablelint.records import field, record

FORMATS = {
    "full": "cablelint.reporters.text:full",
    "concise": "cablelint.reporters.text:concise",
    "json": "cablelint.reporters.jsonfmt:report",
    "sarif": "cablelint.reporters.sarif:report",
    "github": "cablelint.reporters.github:report",
    "junit": "cablelint.reporters.junit:report",
}


@record(frozen=True)
class ReportContext:
    show_text: bool = False  # include document text in machine formats
    color: bool | None = None  # full: force colour on (True) or off (False), or detect
    rules: Sequence = field(default_factory=tuple)  # metadata of the rules that ran (SARIF)
    fixable_hint: bool = True  # concise: mark fixable findings with [*]


def reporter(name: str) -> Callable[[list, IO[str], ReportContext], None]:
    module, func = FORMATS[name].split(":")
    return getattr(importlib.import_module(module), func)


def severity_counts(results) -> dict[str, int]:
    counts = {"error": 0, "warning": 0, "info": 0}
    for r in results:
        for d in r.diagnostics:
            counts[d.severity.label] += 1
    return counts


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"
