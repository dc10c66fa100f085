"""`github`: workflow commands that GitHub Actions shows as annotations.

GitHub shows at most 10 error and 10 warning annotations per step (and 10 notices), so errors
come first; what is left over is printed as plain lines, and a last line says how many were
not annotated.
"""

from __future__ import annotations

from typing import IO, Iterable

from cablelint.reporters import ReportContext, plural
from cablelint.reporters.text import concise_line

COMMAND = {"error": "error", "warning": "warning", "info": "notice"}
LIMIT = 10  # annotations of each kind per step


def _data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")


def annotation(d) -> str:
    s = d.span
    props = (f"file={_property(d.path)},line={s.line},col={s.col},endLine={s.end_line},"
             f"endColumn={s.end_col},title={_property(d.code)}")
    return f"::{COMMAND[d.severity.label]} {props}::{_data(d.message)}\n"


def report(results: Iterable, out: IO[str], ctx: ReportContext = ReportContext()) -> None:
    diags = [d for r in results for d in r.diagnostics]
    order = {"error": 0, "warning": 1, "info": 2}
    shown = {"error": 0, "warning": 0, "info": 0}
    rest = []
    for d in sorted(diags, key=lambda d: order[d.severity.label]):  # stable: file order kept
        kind = d.severity.label
        if shown[kind] < LIMIT:
            shown[kind] += 1
            out.write(annotation(d))
        else:
            rest.append(d)
    if rest:
        for d in rest:
            out.write(concise_line(d) + "\n")
        left = {k: sum(d.severity.label == k for d in rest) for k in order}
        what = ", ".join(plural(n, {"error": "error", "warning": "warning", "info": "notice"}[k])
                         for k, n in left.items() if n)
        out.write(f"cablelint: {what} not annotated (GitHub shows {LIMIT} of each kind per step); "
                  f"listed above\n")
