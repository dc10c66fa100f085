"""Reporters: each turns Diagnostics into one output format and knows no rule.

Machine formats (json) carry no document text unless asked: only codes, positions, messages
and marking tokens, so that CI logs do not become a copy of a classified draft.
"""

from __future__ import annotations

import json
from typing import IO, Iterable

from cablelint import __version__
from cablelint.engine import Diagnostic, Severity
from cablelint.lint import Result

JSON_SCHEMA_VERSION = 1


def concise(results: Iterable[Result], out: IO[str], show_fixes: bool = True) -> None:
    """`path:line:col: CODE [*] message`, one finding a line."""
    for r in results:
        for d in r.diagnostics:
            mark = " [*]" if d.fix is not None and show_fixes else ""
            out.write(f"{d.path}:{d.span.line}:{d.span.col}: {d.code}{mark} {d.message}\n")


def diagnostic_json(d: Diagnostic, source_text: str | None = None) -> dict:
    item = {
        "code": d.code,
        "name": d.name,
        "severity": d.severity.label,
        "message": d.message,
        "location": {"line": d.span.line, "column": d.span.col},
        "end_location": {"line": d.span.end_line, "column": d.span.end_col},
        "offset": d.span.start,
        "end_offset": d.span.end,
        "token": d.token or None,
        "fix": None,
    }
    if d.fix is not None:
        item["fix"] = {
            "message": d.fix.description,
            "edits": [
                {"location": {"line": e.span.line, "column": e.span.col},
                 "end_location": {"line": e.span.end_line, "column": e.span.end_col},
                 "content": e.text}
                for e in d.fix.edits
            ],
        }
    if source_text is not None:
        item["text"] = source_text[d.span.start:d.span.end]
    return item


def json_report(results: Iterable[Result], out: IO[str], show_text: bool = False) -> None:
    """A versioned JSON document: {"version", "tool", "files": [{"path", "diagnostics"}]}."""
    files = []
    for r in results:
        text = r.source.text if show_text else None
        files.append({
            "path": r.source.path,
            "diagnostics": [diagnostic_json(d, text) for d in r.diagnostics],
        })
    json.dump({"schema_version": JSON_SCHEMA_VERSION, "tool": {"name": "cablelint", "version": __version__},
               "files": files}, out, indent=2, ensure_ascii=False)
    out.write("\n")


SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "bold yellow", Severity.INFO: "bold blue"}


def full(results: Iterable[Result], out: IO[str], color: bool | None = None) -> None:
    """A rich code frame with a caret under each finding."""
    from rich.console import Console
    from rich.text import Text

    console = Console(file=out, force_terminal=color, no_color=color is False, highlight=False,
                      soft_wrap=True, width=10_000 if color is False else None)
    for r in results:
        lines = None
        for d in r.diagnostics:
            if lines is None:
                lines = r.source.lines()
            head = Text()
            head.append(f"{d.path}:{d.span.line}:{d.span.col}: ", style="bold")
            head.append(d.code, style=SEVERITY_STYLE[d.severity])
            head.append(" [*]" if d.fix else "", style="cyan")
            head.append(f" {d.message}")
            console.print(head)
            gutter = len(str(d.span.end_line)) + 1
            for ln in range(max(1, d.span.line - 1), d.span.line + 1):
                text = lines[ln - 1] if ln - 1 < len(lines) else ""
                shown = text if len(text) <= 160 else text[: max(160, d.span.col + 40)] + " …"
                console.print(Text(f"{ln:>{gutter}} | ", style="blue") + Text(shown))
            width = max(1, (d.span.end_col - d.span.col) if d.span.end_line == d.span.line else 1)
            caret = Text(" " * (gutter + 1) + "| ", style="blue")
            caret.append(" " * (d.span.col - 1) + "^" * min(width, 80), style=SEVERITY_STYLE[d.severity])
            caret.append(f" {d.name}", style=SEVERITY_STYLE[d.severity])
            console.print(caret)
            if d.fix is not None:
                console.print(Text(" " * (gutter + 1) + f"= fix: {d.fix.description}", style="cyan"))
            console.print()


def summary_line(results: list[Result], fixed: int = 0) -> str:
    counts = {s: 0 for s in Severity}
    fixable = 0
    for r in results:
        for d in r.diagnostics:
            counts[d.severity] += 1
            fixable += d.fix is not None
    total = sum(counts.values())
    if total == 0 and not fixed:
        return f"All checks passed ({len(results)} file{'s' if len(results) != 1 else ''})."
    parts = [f"Found {total} finding{'s' if total != 1 else ''}"]
    parts.append(f"({counts[Severity.ERROR]} errors, {counts[Severity.WARNING]} warnings, "
                 f"{counts[Severity.INFO]} info) in {len(results)} file{'s' if len(results) != 1 else ''}.")
    line = " ".join(parts)
    if fixed:
        line += f" Fixed {fixed}."
    if fixable:
        line += f" {fixable} fixable with --fix."
    return line
