"""`sarif`: SARIF 2.1.0, with rule metadata, help from each rule's docstring, partial
fingerprints (the baseline's, which survive line shifts) and fixes."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import IO, Iterable
from urllib.parse import quote

from cablelint import __version__
from cablelint.baseline import fingerprints
from cablelint.reporters import ReportContext

LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def artifact_uri(path: str) -> dict:
    """A relative URI against %SRCROOT% (the working directory), else a file: URI."""
    absolute = Path(os.path.abspath(path))
    try:
        rel = absolute.relative_to(Path.cwd())
        return {"uri": quote(rel.as_posix()), "uriBaseId": "%SRCROOT%"}
    except ValueError:
        return {"uri": absolute.as_uri()}


def region(span, text: str | None = None) -> dict:
    out = {"startLine": span.line, "startColumn": span.col,
           "endLine": span.end_line, "endColumn": span.end_col,
           "charOffset": span.start, "charLength": span.end - span.start}
    if text is not None:
        out["snippet"] = {"text": text[span.start:span.end]}
    return out


def rule_descriptor(rule) -> dict:
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.summary},
        "help": {"text": rule.doc, "markdown": rule.doc},
        "defaultConfiguration": {"level": LEVEL[rule.severity.label]},
        "properties": {"fixable": rule.fixable, "family": rule.family},
    }


def report(results: Iterable, out: IO[str], ctx: ReportContext = ReportContext()) -> None:
    results = list(results)
    rules = {r.code: r for r in ctx.rules}
    codes = sorted(set(rules) | {d.code for r in results for d in r.diagnostics})
    index = {code: i for i, code in enumerate(codes)}
    descriptors = [rule_descriptor(rules[c]) if c in rules else {"id": c} for c in codes]
    sarif_results = []
    for r in results:
        location = artifact_uri(r.source.path)
        text = r.source.text if ctx.show_text else None
        for d, (code, h, n) in zip(r.diagnostics, fingerprints(r.diagnostics, r.source.text)):
            item = {
                "ruleId": d.code,
                "ruleIndex": index[d.code],
                "level": LEVEL[d.severity.label],
                "message": {"text": d.message},
                "locations": [{"physicalLocation": {"artifactLocation": location,
                                                    "region": region(d.span, text)}}],
                "partialFingerprints": {"cablelint/v1": f"{h}:{n}"},
            }
            if d.token:
                item["properties"] = {"token": d.token}
            if d.fix is not None:
                item["fixes"] = [{
                    "description": {"text": d.fix.description},
                    "artifactChanges": [{
                        "artifactLocation": location,
                        "replacements": [{"deletedRegion": region(e.span),
                                          "insertedContent": {"text": e.text}} for e in d.fix.edits],
                    }],
                }]
            sarif_results.append(item)
    doc = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "cablelint", "version": __version__,
                                "semanticVersion": __version__, "rules": descriptors}},
            "columnKind": "unicodeCodePoints",
            "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().as_uri() + "/"}},
            "results": sarif_results,
        }],
    }
    json.dump(doc, out, indent=2, ensure_ascii=False)
    out.write("\n")
