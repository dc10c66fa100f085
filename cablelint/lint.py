"""One cable through the pipeline: parse, build, run the rules; and the fix loop."""

from __future__ import annotations

from datetime import date

from cablelint.engine import Diagnostic, Rule, run_rules
from cablelint.model import Cable
from cablelint.parse import parse_source
from cablelint.records import field, record
from cablelint.source import Source, Span

MAX_FIX_PASSES = 10


@record
class Result:
    source: Source
    cable: Cable | None
    diagnostics: list[Diagnostic]
    internal_errors: list[str] = field(default_factory=list)
    fixed_text: str | None = None  # set when fixes were applied
    fixes_applied: int = 0
    read_error: str | None = None  # the file could not be read; nothing was checked
    original_text: str | None = None  # with fixes: the text before them


def lint(source: Source, rules: list[Rule], as_of: date | None = None) -> Result:
    cable = parse_source(source)
    diags, errors = run_rules(cable, source, rules, as_of)
    return Result(source, cable, diags, errors)


def unreadable(path: str, error: str, rules: list[Rule]) -> Result:
    """A file that cannot be read: nothing is checked in it; SRC002, when selected, says why."""
    diags = []
    r = next((r for r in rules if r.code == "SRC002"), None)
    if r is not None:
        reason = error[len(path) + 2:] if error.startswith(f"{path}: ") else error
        reason = reason.removesuffix(", not checked")
        diags.append(Diagnostic(r.code, r.name, r.severity, Span(0, 0, 1, 1, 1, 1),
                                f"{reason}; nothing else is checked in this file", path))
    return Result(source=Source(path=path, text=""), cable=None, diagnostics=diags,
                  read_error=error)


def apply_edits(text: str, diags: list[Diagnostic]) -> tuple[str, int]:
    """Apply the fixes of `diags` that do not overlap, from the end backwards."""
    edits = []
    for d in diags:
        if d.fix is not None:
            edits.append(d.fix)
    chosen = []
    taken: list[tuple[int, int]] = []
    for fix in sorted(edits, key=lambda f: min(e.span.start for e in f.edits)):
        ranges = [(e.span.start, e.span.end) for e in fix.edits]
        if any(s < te and ts < e or s == ts for s, e in ranges for ts, te in taken):
            continue
        taken.extend(ranges)
        chosen.extend(fix.edits)
    for e in sorted(chosen, key=lambda e: e.span.start, reverse=True):
        text = text[:e.span.start] + e.text + text[e.span.end:]
    return text, len(chosen)


def fix(source: Source, rules: list[Rule], as_of: date | None = None) -> Result:
    """Lint, apply safe fixes, and repeat until nothing changes (bounded)."""
    result = lint(source, rules, as_of)
    current = source
    total = 0
    for _ in range(MAX_FIX_PASSES):
        new_text, applied = apply_edits(current.text, result.diagnostics)
        if not applied or new_text == current.text:
            break
        total += applied
        current = Source(path=source.path, text=new_text, encoding=source.encoding,
                         bom=source.bom, newline=source.newline, fallback=source.fallback)
        result = lint(current, rules, as_of)
    if total:
        result.fixed_text = current.text
        result.fixes_applied = total
    return result
