"""`json`: a versioned document, described in the README."""

from __future__ import annotations

import json
from typing import IO, Iterable

from cablelint import __version__
from cablelint.reporters import ReportContext

JSON_SCHEMA_VERSION = 1


def diagnostic_json(d, source_text: str | None = None) -> dict:
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


def report(results: Iterable, out: IO[str], ctx: ReportContext = ReportContext()) -> None:
    """{"schema_version", "tool", "files": [{"path", "diagnostics"}]}."""
    files = []
    for r in results:
        text = r.source.text if ctx.show_text else None
        files.append({"path": r.source.path,
                      "diagnostics": [diagnostic_json(d, text) for d in r.diagnostics]})
    json.dump({"schema_version": JSON_SCHEMA_VERSION, "tool": {"name": "cablelint", "version": __version__},
               "files": files}, out, indent=2, ensure_ascii=False)
    out.write("\n")
