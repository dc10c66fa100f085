"""Text for people: `concise` (one line a finding), `full` (a code frame), the summary line
and `--statistics`."""

from __future__ import annotations

from typing import IO, Iterable

from cablelint.reporters import ReportContext, plural, severity_counts

FRAME_WIDTH = 120  # characters of a source line shown in a frame
SEVERITY_STYLE = {"error": "bold red", "warning": "bold yellow", "info": "bold blue"}


def concise_line(d, show_fix: bool = True) -> str:
    mark = " [*]" if d.fix is not None and show_fix else ""
    return f"{d.path}:{d.span.line}:{d.span.col}: {d.code}{mark} {d.message}"


def concise(results: Iterable, out: IO[str], ctx: ReportContext = ReportContext()) -> None:
    """`path:line:col: CODE [*] message`, one finding a line."""
    for r in results:
        for d in r.diagnostics:
            out.write(concise_line(d, ctx.fixable_hint) + "\n")


def full(results: Iterable, out: IO[str], ctx: ReportContext = ReportContext()) -> None:
    """A rich code frame with a caret under each finding."""
    from rich.console import Console
    from rich.text import Text

    color = ctx.color
    console = Console(file=out, force_terminal=color, no_color=color is False, highlight=False,
                      soft_wrap=True, width=10_000 if color is False else None)
    for r in results:
        lines = None
        for d in r.diagnostics:
            if lines is None:
                lines = r.source.lines()
            style = SEVERITY_STYLE[d.severity.label]
            head = Text()
            head.append(f"{d.path}:{d.span.line}:{d.span.col}: ", style="bold")
            head.append(d.code, style=style)
            head.append(" [*]" if d.fix else "", style="cyan")
            head.append(f" {d.message}")
            console.print(head)
            gutter = len(str(d.span.end_line)) + 1
            # A long line (reflowed cables put a paragraph on one line) is shown as a window
            # around the finding, so the caret stays on screen.
            start = max(0, d.span.col - 1 - FRAME_WIDTH // 2) if d.span.col > FRAME_WIDTH - 20 else 0
            lead = "… " if start else ""
            for ln in range(max(1, d.span.line - 1), d.span.line + 1):
                text = lines[ln - 1] if ln - 1 < len(lines) else ""
                shown = text[start:start + FRAME_WIDTH]
                if shown and start:
                    shown = lead + shown
                if len(text) > start + FRAME_WIDTH:
                    shown += " …"
                console.print(Text(f"{ln:>{gutter}} | ", style="blue") + Text(shown))
            width = max(1, (d.span.end_col - d.span.col) if d.span.end_line == d.span.line else 1)
            caret = Text(" " * (gutter + 1) + "| ", style="blue")
            caret.append(" " * (len(lead) + d.span.col - 1 - start) + "^" * min(width, FRAME_WIDTH),
                         style=style)
            caret.append(f" {d.severity.label}: {d.name}", style=style)
            console.print(caret)
            if d.fix is not None:
                console.print(Text(" " * (gutter + 1) + f"= fix: {d.fix.description}", style="cyan"))
            console.print()


def summary_line(results: list, fixed: int = 0) -> str:
    counts = severity_counts(results)
    fixable = sum(d.fix is not None for r in results for d in r.diagnostics)
    total = sum(counts.values())
    files = plural(len(results), "file")
    if total == 0:
        line = f"All checks passed ({files})."
    else:
        line = (f"Found {plural(total, 'finding')} ({plural(counts['error'], 'error')}, "
                f"{plural(counts['warning'], 'warning')}, {counts['info']} info) in {files}.")
    if fixed:
        line += f" Fixed {fixed}."
    if fixable:
        line += f" {fixable} fixable with --fix."
    return line


def statistics(results: Iterable) -> list[dict]:
    """Findings counted per rule, most frequent first."""
    table: dict[str, dict] = {}
    for r in results:
        for d in r.diagnostics:
            row = table.setdefault(d.code, {"code": d.code, "name": d.name, "count": 0, "fixable": 0})
            row["count"] += 1
            row["fixable"] += d.fix is not None
    return sorted(table.values(), key=lambda row: (-row["count"], row["code"]))


def statistics_report(results: Iterable, out: IO[str], as_json: bool = False) -> None:
    """`count<TAB>code<TAB>[*] name` a rule, or the same rows as a JSON list."""
    rows = statistics(results)
    if as_json:
        import json

        json.dump(rows, out, indent=2)
        out.write("\n")
        return
    width = max((len(str(row["count"])) for row in rows), default=1)
    for row in rows:
        mark = "[*]" if row["fixable"] else "   "
        out.write(f"{row['count']:>{width}}\t{row['code']}\t{mark} {row['name']}\n")
